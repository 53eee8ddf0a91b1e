// Pure helpers for the facilitation features of the board (timer, votes, follow-me): no DOM, tested in Node.

/**
 * @typedef {import('./board-model.js').Timer} Timer
 * @typedef {import('./board-model.js').Vote} Vote
 */

/**
 * Milliseconds left on the shared timer, by the server's clock.
 * @param {Timer} timer
 * @param {number} clockOffset server clock minus local clock (ms)
 * @param {number} [now] local clock
 */
export function timerRemaining(timer, clockOffset, now = Date.now()) {
  if (!timer) return 0;
  if (timer.state === 'running') return timer.endsAt === null ? 0 : Math.max(0, timer.endsAt - (now + clockOffset));
  if (timer.state === 'paused') return Math.max(0, timer.remainingMs);
  return 0;
}

/**
 * mm:ss (or h:mm:ss from an hour), rounding up so "00:00" means the time is really up.
 * @param {number} ms
 */
export function formatClock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * What to announce between two ticks of a running timer: only when crossing one minute left and the end.
 * @param {number | null} before ms left at the previous tick (null: no previous tick)
 * @param {number} after ms left now
 * @returns {'oneMinute' | 'end' | null}
 */
export function timerAnnouncement(before, after) {
  if (before === null) return null;
  if (before > 0 && after <= 0) return 'end';
  if (before > 60000 && after <= 60000 && after > 0) return 'oneMinute';
  return null;
}

/**
 * Calls fn at most once per `ms`: the first call at once, later ones collapse into one trailing call with the
 * newest arguments.
 * @template {any[]} A
 * @param {(...args: A) => void} fn
 * @param {number} ms
 * @param {{now?: () => number, setTimeout?: (f: () => void, ms: number) => any, clearTimeout?: (t: any) => void}} [clock]
 * @returns {((...args: A) => void) & {cancel: () => void}}
 */
export function throttle(fn, ms, clock = {}) {
  const now = clock.now || (() => Date.now());
  const later = clock.setTimeout || ((f, d) => setTimeout(f, d));
  const cancelLater = clock.clearTimeout || ((t) => clearTimeout(t));
  let last = -Infinity;
  /** @type {A | null} */
  let queued = null;
  /** @type {ReturnType<typeof later> | null} */
  let timer = null;
  const run = (/** @type {A} */ args) => {
    last = now();
    fn(...args);
  };
  const throttled = (/** @type {A} */ ...args) => {
    const wait = last + ms - now();
    if (wait <= 0 && timer === null) {
      run(args);
      return;
    }
    queued = args;
    if (timer === null) {
      timer = later(
        () => {
          timer = null;
          const a = queued;
          queued = null;
          if (a) run(a);
        },
        Math.max(0, wait),
      );
    }
  };
  throttled.cancel = () => {
    if (timer !== null) cancelLater(timer);
    timer = null;
    queued = null;
  };
  return throttled;
}

/**
 * The board point at the centre of a viewport (what view.follow carries).
 * @param {{x: number, y: number}} pan screen offset of the board origin
 * @param {number} zoom
 * @param {{width: number, height: number}} size viewport size in px
 */
export function viewportCentre(pan, zoom, size) {
  return { x: Math.round((size.width / 2 - pan.x) / zoom), y: Math.round((size.height / 2 - pan.y) / zoom) };
}

/**
 * The pan that puts a board point at the centre of a viewport.
 * @param {{x: number, y: number}} centre
 * @param {number} zoom
 * @param {{width: number, height: number}} size
 */
export function panFor(centre, zoom, size) {
  return { x: size.width / 2 - centre.x * zoom, y: size.height / 2 - centre.y * zoom };
}

/** @param {number} z */
export function clampZoom(z) {
  return Math.min(5, Math.max(0.1, Math.round(z * 100) / 100));
}

/**
 * The box around a cluster's notes on the canvas.
 * @param {{x: number, y: number, width?: number, height?: number}[]} notes
 * @param {number} pad
 */
export function clusterBox(notes, pad = 16) {
  if (!notes.length) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of notes) {
    minX = Math.min(minX, n.x);
    minY = Math.min(minY, n.y);
    maxX = Math.max(maxX, n.x + (n.width ?? 256));
    maxY = Math.max(maxY, n.y + (n.height ?? 140));
  }
  return { x: minX - pad, y: minY - pad, width: maxX - minX + 2 * pad, height: maxY - minY + 2 * pad };
}

/**
 * The ranked results of a closed vote with a label for each item.
 * @param {Vote} vote
 * @param {(kind: string, id: string) => string | null} label the text of a note or the title of a cluster (null: gone)
 * @returns {{targetId: string, kind: string, votes: number, rank: number, label: string | null}[]}
 */
export function rankedResults(vote, label) {
  if (!vote || !vote.results) return [];
  return vote.results
    .slice()
    .sort((a, b) => a.rank - b.rank || b.votes - a.votes)
    .map((r) => ({ ...r, label: label(r.kind, r.targetId) }));
}
