// What every part of the board page shares: the workshop and token, the board model, config, the outbox and the
// sync/session loops, the connection, and the small helpers (me(), command(), enqueue(), announce(), scheduleRender()).
// Parts call back into the page's rendering through the registry here (onRender, onSnapshot, onSetView), never by
// importing board.js.
import { t, tError, byId, showMessage } from '../lib/page.js';
import { excerpt } from '../lib/i18n.js';
import { api, ApiError } from '../lib/api.js';
import { getMembership, getFacilitator, readJson, writeJson, remove, readString, KEYS } from '../lib/storage.js';
import { BoardModel, applyPending } from '../lib/board-model.js';
import { viewportCentre } from '../lib/facilitation.js';
import { BoardSync } from '../lib/sync.js';
import { Outbox } from '../lib/outbox.js';
import { BoardSession } from '../lib/board-session.js';
import { randomId } from '../lib/ids.js';
import { FALLBACK_LIMITS } from '../lib/limits.js';

/**
 * @typedef {import('../lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('../lib/board-model.js').Command} Command
 * @typedef {'canvas' | 'list'} Where
 * @typedef {'canvas' | 'list' | 'journey'} View
 */

export const NOTE_SIZE = { width: 200, height: 120 };
const FALLBACK_COLORS = ['yellow', 'orange', 'pink', 'blue', 'green', 'purple'];

const statusEl = byId('connection-status');
const pendingEl = byId('pending-count');
const messageBox = byId('board-message');
const messageText = byId('board-message-text');
export const loadingEl = byId('board-loading');
export const app = byId('board-app');
const announcer = byId('announcer');
export const boardError = byId('board-error');
export const canvas = byId('canvas');

// ---- state ---------------------------------------------------------------------------------------------
const params = new URLSearchParams(location.search);
export const workshopId = params.get('w') || '';
const member = workshopId ? getMembership(workshopId) : null;
const facilitator = getFacilitator();
export const token = member?.token || facilitator?.token || '';
const usingMemberToken = !!member?.token;

export const model = new BoardModel();
/** @type {{colors: string[], defaultColor: string, maxNoteText: number, maxCoordinate: number, maxNotesPerParticipant?: number, maxTextPerParticipant?: number}} */
export const config = {
  colors: FALLBACK_COLORS,
  defaultColor: 'yellow',
  maxNoteText: FALLBACK_LIMITS.maxNoteText,
  maxCoordinate: FALLBACK_LIMITS.maxCoordinate,
};
export const outbox = new Outbox(
  {
    load: () => (workshopId ? readJson(KEYS.outbox(workshopId)) : null),
    save: (entries) => {
      if (!workshopId) return;
      if (entries.length) writeJson(KEYS.outbox(workshopId), entries);
      else remove(KEYS.outbox(workshopId));
    },
  },
  () => randomId(9),
);

/**
 * The page's shared, changing state.
 * @type {{
 *   conn: import('../lib/connection.js').BoardConnection | null,
 *   fatal: boolean,
 *   editing: {noteId: string, where: Where, focus: 'text' | 'color'} | null,
 *   confirming: {noteId: string, where: Where} | null,
 *   currentView: View,
 * }}
 */
export const state = {
  conn: null,
  fatal: false,
  /** a note whose editor is open */
  editing: null,
  /** a note whose deletion waits for confirmation */
  confirming: null,
  currentView: initialView(),
};
/** where the canvas shows the board: pan offset in screen pixels */
export const pan = { x: 40, y: 40 };
/** the canvas zoom factor */
export const camera = { zoom: 1 };
/** note positions while dragging / moving by keyboard, before the move command is made */
/** @type {Map<string, {x: number, y: number}>} */
export const localMoves = new Map();
/** @type {{seq: number, run: () => void}[]} things to do once the board has applied a seq */
let afterSeq = [];

// ---- the registry: the page entry wires its rendering in ---------------------------------------------------
const hooks = {
  render: () => {},
  snapshot: () => {},
  /** @type {(v: View) => void} */
  setView: () => {},
  /** @type {(cmd: Command) => {cmd: Command, done: (reply: any) => void}} undo history (board/undo.js) */
  undoable: (cmd) => ({ cmd, done: () => {} }),
};
/** @param {() => void} fn renders the whole board now */
export function onRender(fn) {
  hooks.render = fn;
}
/** @param {() => void} fn runs after each snapshot (the first load and a reload) */
export function onSnapshot(fn) {
  hooks.snapshot = fn;
}
/** @param {(v: View) => void} fn switches between the canvas, list and journey views */
export function onSetView(fn) {
  hooks.setView = fn;
}
/** @param {(cmd: Command) => {cmd: Command, done: (reply: any) => void}} fn sees every command before it is sent */
export function onUndoable(fn) {
  hooks.undoable = fn;
}
/** @param {View} v */
export function setView(v) {
  hooks.setView(v);
}
/** Renders at once (most changes use scheduleRender). */
export function renderNow() {
  hooks.render();
}

let renderQueued = false;
export function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    hooks.render();
  });
}

// ---- helpers -------------------------------------------------------------------------------------------
export function me() {
  return model.you?.participantId || member?.participantId || '';
}

/**
 * "By …" for a note: you, the author's name, or nothing when the board is anonymous.
 * @param {ViewNote} note
 * @returns {string}
 */
export function authorLine(note) {
  if (note.mine || (note.authorId && note.authorId === me())) return t('note.byYou');
  if (!note.authorId) return '';
  return t('note.by', { name: authorName(note.authorId) });
}

/** @param {ViewNote} note */
export function noteLabel(note) {
  const short = excerpt(note.text);
  if (note.mine || (note.authorId && note.authorId === me())) return t('note.labelYou', { excerpt: short });
  if (!note.authorId) return t('note.labelAnon', { excerpt: short });
  return t('note.label', { author: authorName(note.authorId), excerpt: short });
}

/** @param {string} authorId */
export function authorName(authorId) {
  return (
    model.participantName(authorId) ||
    (authorId && member && authorId === member.participantId ? member.name : '') ||
    t('note.unknownAuthor')
  );
}

/** @param {{title: string}} c */
export function clusterTitle(c) {
  return c.title && c.title.trim() ? c.title : t('cluster.untitled');
}

/** @returns {View} */
function initialView() {
  const stored = readString(KEYS.view);
  if (stored === 'list' || stored === 'canvas' || stored === 'journey') return stored;
  return globalThis.matchMedia && matchMedia('(max-width: 700px)').matches ? 'list' : 'canvas';
}

/** @param {string} text */
export function codePoints(text) {
  return Array.from(text).length;
}

/** @param {string} text */
export function announce(text) {
  // clear first so the same sentence twice is read twice
  announcer.textContent = '';
  setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

/** @type {string[]} */
let newNoteAuthors = [];
/** @type {ReturnType<typeof setTimeout> | null} */
let announceTimer = null;
/**
 * Collects "new note from X" announcements for a moment so a burst is one short sentence.
 * @param {string} name
 */
function announceNewNote(name) {
  newNoteAuthors.push(name);
  if (announceTimer) return;
  announceTimer = setTimeout(() => {
    announceTimer = null;
    const names = newNoteAuthors;
    newNoteAuthors = [];
    if (names.length === 1) announce(names[0] ? t('announce.newNote', { name: names[0] }) : t('announce.newNoteAnon'));
    else if (names.length > 1) announce(t('announce.newNotes', { count: names.length }));
  }, 1500);
}

/** @param {string} text */
export function showBoardError(text) {
  showMessage(boardError, text);
}

/**
 * Stops the board and shows a message with a link to the landing page.
 * @param {string} text
 */
export function showFatal(text) {
  state.fatal = true;
  state.conn?.stop();
  app.hidden = true;
  loadingEl.hidden = true;
  messageBox.hidden = false;
  showMessage(messageText, text);
  setStatus('offline');
}

/** @returns {Map<string, ViewNote>} */
export function viewNotes() {
  const notes = applyPending(model.notes, outbox.pendingCommands(), me());
  for (const [id, pos] of localMoves) {
    const n = notes.get(id);
    if (n) notes.set(id, { ...n, x: pos.x, y: pos.y });
  }
  return notes;
}

export function canvasSize() {
  return { width: canvas.clientWidth || 800, height: canvas.clientHeight || 500 };
}

/** The board coordinate at the centre of what the canvas shows. */
export function visibleCentre() {
  return viewportCentre(pan, camera.zoom, canvasSize());
}

// ---- connection status ---------------------------------------------------------------------------------
/** @type {'connecting' | 'online' | 'offline'} */
let statusState = 'connecting';
/** @param {'connecting' | 'online' | 'offline'} state */
export function setStatus(state) {
  statusState = state;
  statusEl.dataset.state = state;
  statusEl.textContent = t('status.' + state);
}
/** Shows the connection status again (in a new language). */
export function relabelStatus() {
  setStatus(statusState);
}

export function renderPending() {
  const n = outbox.unsentCount;
  pendingEl.hidden = n === 0;
  pendingEl.textContent = n ? t('pending.count', { count: n }) : '';
}

// ---- sync ----------------------------------------------------------------------------------------------
export const sync = new BoardSync(
  model,
  {
    snapshot: () => api('/api/workshops/' + encodeURIComponent(workshopId), { token }),
    eventsAfter: (seq) => api('/api/workshops/' + encodeURIComponent(workshopId) + '/events?after=' + seq, { token }),
  },
  (change) => {
    if (change.kind === 'snapshot') {
      hooks.snapshot();
    } else {
      const ev = change.event;
      if (ev.type === 'note.added' && ev.note && !ev.note.mine && !(ev.by && ev.by === me())) {
        announceNewNote(ev.by ? model.participantName(ev.by) || t('note.unknownAuthor') : '');
      }
      if (change.live) announceEvent(ev);
    }
    outbox.prune(model.seq);
    runAfterSeq();
    if (model.removedYou) {
      removedFromWorkshop();
      return;
    }
    scheduleRender();
  },
);

let lastLocked = false;
/**
 * Short spoken notes about what the facilitator changed (live events only).
 * @param {{type: string}} ev
 */
function announceEvent(ev) {
  switch (ev.type) {
    case 'vote.opened':
      if (model.canVote && model.vote) announce(t('announce.voteOpened', { budget: model.vote.budget }));
      break;
    case 'vote.closed':
      announce(t('announce.voteClosed'));
      break;
    case 'notes.revealed':
      announce(t('announce.revealed'));
      break;
    case 'settings.changed':
      if (lastLocked !== model.settings.locked)
        announce(t(model.settings.locked ? 'announce.locked' : 'announce.unlocked'));
      break;
    default:
      break;
  }
  lastLocked = model.settings.locked;
}

/** Runs what waited for the board to reach a seq. */
function runAfterSeq() {
  const due = afterSeq.filter((a) => a.seq <= model.seq);
  if (!due.length) return;
  afterSeq = afterSeq.filter((a) => a.seq > model.seq);
  for (const a of due) a.run();
}

/**
 * @param {number} seq
 * @param {() => void} run
 */
export function whenApplied(seq, run) {
  if (seq <= model.seq) run();
  else afterSeq.push({ seq, run });
}

export function removedFromWorkshop() {
  if (usingMemberToken) remove(KEYS.member(workshopId));
  showFatal(t(model.erasedYou ? 'privacy.erasedYou' : 'board.removed'));
}

/** This person was erased (4405): their page says their data is gone, unless it already said so (they left). */
export function erasedFromWorkshop() {
  if (state.fatal) return;
  model.erasedYou = true;
  removedFromWorkshop();
}

/** The facilitator closed the workshop: a participant's token ends with it. */
export function workshopEnded() {
  if (usingMemberToken) remove(KEYS.member(workshopId));
  showFatal(t('life.board.ended'));
}

/** Logged out (perhaps in another tab) or the token expired: the stored token is of no more use. */
export function sessionEnded() {
  remove(usingMemberToken ? KEYS.member(workshopId) : KEYS.facilitator);
  showFatal(t('board.tokenGone'));
}

// ---- the outbox flush loop and the catch-up loop (lib/board-session.js) ----------------------------------
export const session = new BoardSession(model, outbox, sync, {
  connection: () => state.conn,
  isFatal: () => state.fatal,
  usingMemberToken,
  checkToken: () => api('/api/workshops/' + encodeURIComponent(workshopId), { token }),
  onResynced: () => {
    if (!messageBox.hidden) showMessage(messageText, '');
    showBoardError('');
  },
  onFatal: (failure) => {
    if (failure.forgetToken) remove(usingMemberToken ? KEYS.member(workshopId) : KEYS.facilitator);
    showFatal(t(failure.message));
  },
  onTrouble: (err) => {
    if (!model.loaded) loadingEl.textContent = t('board.retrying');
    else showBoardError(tError(err instanceof ApiError ? err.code : 'network_error'));
  },
  onDropped: (code) => showBoardError(tError(code)),
  onChange: () => scheduleRender(),
});

/**
 * Sends a command that is not a note change (facilitation, clusters, votes, presence) straight away and shows a
 * refusal, translated, in errorEl. These are not queued for later: a timer or a vote should not start by itself
 * minutes after the facilitator clicked, when the connection comes back.
 * @param {Command} cmd
 * @param {HTMLElement} [errorEl]
 * @returns {Promise<any>} the reply, or null when refused or not sent
 */
export async function command(cmd, errorEl = boardError) {
  const conn = state.conn;
  if (state.fatal) return null;
  if (!conn || !conn.isOpen) {
    showMessage(errorEl, tError('not_connected'));
    return null;
  }
  const undoable = hooks.undoable(cmd);
  try {
    const reply = (await conn.send(undoable.cmd)) || {};
    undoable.done(reply);
    showMessage(errorEl, '');
    if (typeof reply.seq === 'number' && reply.seq > model.seq) session.checkConfirmedLater(reply.seq);
    return reply;
  } catch (e) {
    const err = /** @type {any} */ (e);
    const code = err && err.lost ? 'not_connected' : err && err.message;
    showMessage(errorEl, tError(code));
    if (code === 'access_denied') session.checkAccess();
    return null;
  }
}

/**
 * Queues a note change in the outbox (sent in order, kept across reloads) and sends it when it can.
 * @param {Command} cmd
 */
export function enqueue(cmd) {
  showBoardError('');
  const undoable = hooks.undoable(cmd);
  outbox.enqueue(undoable.cmd);
  undoable.done({});
  scheduleRender();
  session.flush();
}
