// Pure helpers for direct manipulation on the canvas: a small observable set (the selection), rectangle hits,
// zooming around a point, pinch gestures and a free spot next to a note. No DOM here, so node tests cover them.

/**
 * @typedef {{x: number, y: number, width: number, height: number}} Box
 * @typedef {{x: number, y: number}} Point
 */

/**
 * A set of ids that tells its listeners when it changes (the multi-selection on the board).
 * @returns {{
 *   has: (id: string) => boolean,
 *   readonly size: number,
 *   ids: () => string[],
 *   toggle: (id: string) => void,
 *   add: (ids: Iterable<string>) => void,
 *   set: (ids: Iterable<string>) => void,
 *   keepOnly: (present: (id: string) => boolean) => void,
 *   clear: () => void,
 *   subscribe: (fn: () => void) => () => void,
 * }}
 */
export function observableSet() {
  /** @type {Set<string>} */
  let items = new Set();
  /** @type {Set<() => void>} */
  const listeners = new Set();
  /** @param {Set<string>} next */
  const replace = (next) => {
    if (next.size === items.size && Array.from(next).every((id) => items.has(id))) return;
    items = next;
    for (const fn of Array.from(listeners)) fn();
  };
  return {
    has: (id) => items.has(id),
    get size() {
      return items.size;
    },
    ids: () => Array.from(items),
    toggle: (id) => {
      const next = new Set(items);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      replace(next);
    },
    add: (ids) => replace(new Set([...items, ...ids])),
    set: (ids) => replace(new Set(ids)),
    keepOnly: (present) => replace(new Set(Array.from(items).filter(present))),
    clear: () => replace(new Set()),
    subscribe: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/**
 * The box between two corner points (in any order).
 * @param {Point} a
 * @param {Point} b
 * @returns {Box}
 */
export function boxBetween(a, b) {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/**
 * Whether two boxes share some area (touching edges do not count).
 * @param {Box} a
 * @param {Box} b
 */
export function intersects(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * @param {Point} p
 * @param {Box} box
 */
export function contains(box, p) {
  return p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height;
}

/**
 * The ids of the boxes a selection rectangle touches.
 * @param {Box} rect
 * @param {Iterable<[string, Box]>} boxes
 */
export function idsInRect(rect, boxes) {
  /** @type {string[]} */
  const hit = [];
  for (const [id, box] of boxes) if (intersects(rect, box)) hit.push(id);
  return hit;
}

/**
 * The board point under a screen point (relative to the canvas' top-left corner).
 * @param {Point} screen
 * @param {Point} pan
 * @param {number} zoom
 * @returns {Point}
 */
export function toBoard(screen, pan, zoom) {
  return { x: (screen.x - pan.x) / zoom, y: (screen.y - pan.y) / zoom };
}

/**
 * The pan that keeps the board point under `screen` where it is when the zoom changes to `zoom`.
 * @param {Point} screen point on the canvas (relative to its top-left corner)
 * @param {Point} pan the pan before
 * @param {number} before the zoom before
 * @param {number} zoom the zoom after
 * @returns {Point}
 */
export function panKeeping(screen, pan, before, zoom) {
  const p = toBoard(screen, pan, before);
  return { x: screen.x - p.x * zoom, y: screen.y - p.y * zoom };
}

/**
 * A two-finger gesture: the zoom and pan after the fingers moved from `start` to `now`; the board point that was
 * under the fingers' midpoint stays under it, and the zoom follows the fingers' distance.
 * @param {{a: Point, b: Point, pan: Point, zoom: number}} start
 * @param {{a: Point, b: Point}} now
 * @param {(z: number) => number} clampZoom
 */
export function pinch(start, now, clampZoom) {
  const dist = (/** @type {Point} */ p, /** @type {Point} */ q) => Math.hypot(p.x - q.x, p.y - q.y) || 1;
  const mid = (/** @type {Point} */ p, /** @type {Point} */ q) => ({ x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 });
  const zoom = clampZoom((start.zoom * dist(now.a, now.b)) / dist(start.a, start.b));
  const anchor = toBoard(mid(start.a, start.b), start.pan, start.zoom);
  const m = mid(now.a, now.b);
  return { zoom, pan: { x: m.x - anchor.x * zoom, y: m.y - anchor.y * zoom } };
}

/**
 * The nearest spot for a box of `size` next to `target` that overlaps none of `others`: right of it, below, left,
 * above, then further rings. Used when a note dropped onto another joins its group, so it does not cover it.
 * @param {Box} target
 * @param {{width: number, height: number}} size
 * @param {Box[]} others
 * @param {number} [gap]
 * @returns {Point}
 */
export function spotBeside(target, size, others, gap = 16) {
  const stepX = size.width + gap;
  const stepY = size.height + gap;
  /** @type {Point[]} */
  const candidates = [];
  for (let ring = 1; ring <= 6; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        candidates.push({ x: target.x + dx * stepX, y: target.y + dy * stepY });
      }
    }
  }
  // nearest first; on a tie right, then below, then left, then above (reading order of a group)
  const rank = (/** @type {Point} */ p) => {
    const dx = (p.x - target.x) / stepX;
    const dy = (p.y - target.y) / stepY;
    const dir = dx > 0 && dy === 0 ? 0 : dy > 0 && dx === 0 ? 1 : dx < 0 && dy === 0 ? 2 : dy < 0 && dx === 0 ? 3 : 4;
    return Math.hypot(dx, dy) * 10 + dir;
  };
  candidates.sort((a, b) => rank(a) - rank(b));
  for (const c of candidates) {
    const box = { x: c.x, y: c.y, width: size.width, height: size.height };
    if (!others.some((o) => intersects(box, o))) return { x: Math.round(c.x), y: Math.round(c.y) };
  }
  return { x: Math.round(target.x + stepX), y: Math.round(target.y) };
}
