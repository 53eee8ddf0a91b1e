// Undo and redo of one's own board actions (lib/undo-history.js holds the history and the inverses).
// Wired in at one place, the command()/enqueue() hook of context.js, so every part's note and group actions are
// recorded without the parts knowing. Undo and redo are sent as ordinary commands: everyone sees them.
//
// The history is per tab and in memory: a reload starts empty. It is kept across catch-ups and snapshot reloads,
// because every step is checked against the board as it is when it is taken (a note someone deleted or changed
// since is left out and said so), so an old entry can never do harm; clearing it would only lose undo steps.
import { t, tError } from '../lib/page.js';
import { randomId } from '../lib/ids.js';
import { UndoHistory, prepareEntry, UNDOABLE_OPS } from '../lib/undo-history.js';
import {
  model,
  state,
  outbox,
  session,
  canvas,
  viewNotes,
  announce,
  showBoardError,
  whenApplied,
  onUndoable,
  scheduleRender,
} from './context.js';

/**
 * @typedef {import('../lib/board-model.js').Command} Command
 * @typedef {import('../lib/undo-history.js').Entry} Entry
 * @typedef {import('../lib/undo-history.js').World} World
 */

export const history = new UndoHistory();

/** commands sent in one go (one task, e.g. a selection moved or deleted in a loop) are one undo step */
let batchCounter = 0;
/** @type {number | null} */
let openBatch = null;
/** @type {number | null} a batch asOneUndoStep holds open */
let forcedBatch = null;
function currentBatch() {
  if (openBatch === null) {
    openBatch = ++batchCounter;
    queueMicrotask(() => {
      openBatch = null;
    });
  }
  return openBatch;
}

/**
 * Makes the commands of `run` (sent over several tasks, e.g. awaited one after another) one undo step.
 * @template T
 * @param {() => Promise<T>} run
 * @returns {Promise<T>}
 */
export async function asOneUndoStep(run) {
  const batch = ++batchCounter;
  const outer = forcedBatch;
  forcedBatch = batch;
  try {
    return await run();
  } finally {
    forcedBatch = outer;
  }
}

/** @returns {World} the board as this person sees it now */
function world() {
  return { notes: viewNotes(), clusters: model.clusters };
}

onUndoable((cmd) => {
  const passThrough = { cmd, done: () => {} };
  if (!cmd || !UNDOABLE_OPS.has(cmd.op)) return passThrough;
  try {
    const prepared = prepareEntry(cmd, world(), () => randomId());
    if (!prepared) return passThrough;
    const batch = forcedBatch ?? currentBatch();
    return {
      cmd: prepared.cmd,
      done: (/** @type {any} */ reply) => {
        try {
          const entry = prepared.finish(reply);
          if (entry) {
            history.record({ ...entry, batch });
            renderUndoButtons();
          }
        } catch {
          /* an undo entry is never worth failing the command for */
        }
      },
    };
  } catch {
    return passThrough;
  }
});

// ---- the buttons -----------------------------------------------------------------------------------------

/** @param {Entry} entry */
export function describe(entry) {
  const many = entry.count > 1 ? t('undo.what.' + entry.label + 'Many', { count: entry.count }) : '';
  return many && !many.startsWith('undo.') ? many : t('undo.what.' + entry.label);
}

/**
 * @param {HTMLElement | null} btn
 * @param {Entry | null} entry
 * @param {'undo' | 'redo'} kind
 */
function renderButton(btn, entry, kind) {
  if (!btn) return;
  btn.hidden = model.loaded && (model.isObserver || model.isClosed);
  const allowed = !!entry && model.canEditNotes;
  // aria-disabled, not disabled: a button that was just used keeps the focus when it has nothing more to do
  btn.setAttribute('aria-disabled', String(!allowed));
  const label = entry ? t(kind + '.buttonLabel', { what: describe(entry) }) : '';
  if (label) {
    btn.setAttribute('aria-label', label);
    btn.title = label;
  } else {
    btn.removeAttribute('aria-label');
    btn.title = t(kind + '.nothing');
  }
}

export function renderUndoButtons() {
  renderButton(document.getElementById('undo'), history.peekUndo(), 'undo');
  renderButton(document.getElementById('redo'), history.peekRedo(), 'redo');
}

document.getElementById('undo')?.addEventListener('click', () => undo());
document.getElementById('redo')?.addEventListener('click', () => redo());

// ---- keyboard: Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y (Cmd on a Mac) --------------------------------------------------

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time']);
/** @param {EventTarget | null} target where the browser's own text undo applies */
function typing(target) {
  const node = /** @type {HTMLElement | null} */ (target);
  if (!node || !node.tagName) return false;
  if (node.isContentEditable || node.tagName === 'TEXTAREA') return true;
  return node.tagName === 'INPUT' && TEXT_INPUTS.has(/** @type {HTMLInputElement} */ (node).type);
}

document.addEventListener('keydown', (e) => {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented) return;
  const key = e.key.toLowerCase();
  const isUndo = key === 'z' && !e.shiftKey;
  const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
  if ((!isUndo && !isRedo) || typing(e.target) || !model.loaded || state.fatal) return;
  e.preventDefault();
  if (isUndo) undo();
  else redo();
});

// ---- taking back and making again --------------------------------------------------------------------------

let chain = Promise.resolve();
/** Takes back the last own action (queued after an undo or redo still under way). */
export function undo() {
  chain = chain.then(() => perform('undo')).catch(() => {});
  return chain;
}
/** Makes the last undone action again. */
export function redo() {
  chain = chain.then(() => perform('redo')).catch(() => {});
  return chain;
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (at most a few seconds) until the outbox has sent what was queued, so an undo comes after its action. */
async function outboxSent() {
  for (let i = 0; i < 100 && outbox.unsentCount > 0 && state.conn?.isOpen; i++) {
    session.flush();
    await sleep(100);
  }
}

/**
 * Sends one command as it is (not recorded in the history); waits and tries again when over the rate limit.
 * @param {Command} cmd
 */
async function send(cmd) {
  for (let attempt = 0; ; attempt++) {
    const conn = state.conn;
    if (!conn || !conn.isOpen) throw new Error('not_connected');
    try {
      const reply = (await conn.send(cmd)) || {};
      if (typeof reply.seq === 'number' && reply.seq > model.seq) session.checkConfirmedLater(reply.seq);
      return reply;
    } catch (e) {
      const err = /** @type {any} */ (e);
      const code = err && err.lost ? 'not_connected' : (err && err.message) || 'unexpected';
      if ((code === 'rate_limited' || code === 'busy') && attempt < 5) {
        await sleep(1000 * (attempt + 1));
        continue;
      }
      throw new Error(code);
    }
  }
}

/** @param {number} seq */
function applied(seq) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 5000);
    whenApplied(seq, () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

/** @param {'undo' | 'redo'} kind */
async function perform(kind) {
  if (!(kind === 'undo' ? history.canUndo : history.canRedo)) {
    announce(t(kind + '.nothing'));
    return;
  }
  if (!model.canEditNotes) {
    announce(t('undo.notAllowed'));
    return;
  }
  if (!state.conn || !state.conn.isOpen) {
    announce(tError('not_connected'));
    showBoardError(tError('not_connected'));
    return;
  }
  const focusedBefore = /** @type {HTMLElement | null} */ (document.activeElement);
  await outboxSent();
  const taken = kind === 'undo' ? history.undo(world()) : history.redo(world());
  renderUndoButtons();
  if (!taken) return;
  const what = describe(taken.entry);
  if (!taken.commands.length) {
    if (taken.gone || taken.changed) announce(t(kind + (taken.gone ? '.gone' : '.changed')));
    else announce(t(kind + '.done', { what }));
    return;
  }
  let lastSeq = 0;
  let sent = 0;
  let failure = '';
  for (let i = 0; i < taken.commands.length; i++) {
    const cmd = taken.commands[i];
    // stay under the server's 20 commands a second (bursts of 40) on a large undo (a tidy-up of many notes)
    if (i >= 20) await sleep(60);
    try {
      const reply = await send(cmd);
      sent++;
      if (typeof reply.seq === 'number') lastSeq = Math.max(lastSeq, reply.seq);
    } catch (e) {
      const code = e instanceof Error ? e.message : 'unexpected';
      if (cmd.op === 'note.delete' && code === 'note_not_found') continue;
      failure = failure || code;
      if (code === 'not_connected') break;
    }
  }
  if (!sent && failure) history.dropLast(kind === 'undo' ? 'redo' : 'undo');
  if (lastSeq) await applied(lastSeq);
  renderUndoButtons();
  scheduleRender();
  if (failure) {
    const text = t(kind + '.failed', { error: tError(failure) });
    announce(text);
    showBoardError(text);
  } else {
    showBoardError('');
    announce(t(kind + (taken.gone || taken.changed ? '.donePartly' : '.done'), { what }));
  }
  keepFocus(focusedBefore, taken.commands);
}

/**
 * Focus never falls to <body>: when the focused element went away (its note was taken back), the first note the
 * undo touched gets it, or else the board.
 * @param {HTMLElement | null} before
 * @param {Command[]} commands
 */
function keepFocus(before, commands) {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const now = document.activeElement;
      if (now && now !== document.body && now.isConnected) return;
      if (before && before !== document.body && before.isConnected) {
        before.focus({ preventScroll: true });
        return;
      }
      const ids = commands
        .map((c) => (typeof c.noteId === 'string' ? c.noteId : c.id))
        .filter((id) => typeof id === 'string');
      const view = state.currentView === 'list' ? document.getElementById('list-view') : canvas;
      for (const id of ids) {
        const node = view?.querySelector(`[data-note-id="${CSS.escape(id)}"]`);
        const target = /** @type {HTMLElement | null} */ (
          node && (node.matches('article') ? node : node.querySelector('button'))
        );
        if (target) {
          target.focus({ preventScroll: false });
          return;
        }
      }
      if (state.currentView === 'list') {
        const list = document.getElementById('list-view');
        if (list) {
          list.tabIndex = -1;
          list.focus();
        }
      } else canvas.focus({ preventScroll: true });
    }),
  );
}
