// The live board page: canvas view + list view of the same notes, kept live over the event bus.
import EventBus from '@vertx/eventbus-bridge-client.js';
import { initPage, t, tError, byId, showMessage, el, lang } from './lib/page.js';
import { colorName, excerpt } from './lib/i18n.js';
import { api, ApiError } from './lib/api.js';
import { getMembership, getFacilitator, readJson, writeJson, remove, readString, writeString, KEYS } from './lib/storage.js';
import { BoardModel, applyPending, listOrder, placeNewNote, clamp } from './lib/board-model.js';
import { BoardSync } from './lib/sync.js';
import { Outbox, classifyFailure } from './lib/outbox.js';
import { BoardConnection, sockJsOptionsFromSearch } from './lib/connection.js';
import { randomId } from './lib/ids.js';

/**
 * @typedef {import('./lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('./lib/board-model.js').Command} Command
 * @typedef {'canvas' | 'list'} Where
 */

const NOTE_SIZE = { width: 256, height: 140 };
const FALLBACK_COLORS = ['yellow', 'orange', 'pink', 'blue', 'green', 'purple'];

// ---- elements ------------------------------------------------------------------------------------------
const titleEl = byId('board-title');
const joinCodeEl = byId('join-code-display');
const statusEl = byId('connection-status');
const pendingEl = byId('pending-count');
const messageBox = byId('board-message');
const messageText = byId('board-message-text');
const loadingEl = byId('board-loading');
const app = byId('board-app');
const participantsEl = byId('participants');
const newNoteForm = /** @type {HTMLFormElement} */ (byId('new-note-form'));
const newNoteText = /** @type {HTMLTextAreaElement} */ (byId('new-note-text'));
const newNoteColor = /** @type {HTMLSelectElement} */ (byId('new-note-color'));
const newNoteError = byId('new-note-error');
const viewToggle = /** @type {HTMLButtonElement} */ (byId('view-toggle'));
const boardError = byId('board-error');
const canvas = byId('canvas');
const plane = byId('canvas-plane');
const listView = byId('list-view');
const listEmpty = byId('list-empty');
const noteList = byId('note-list');
const announcer = byId('announcer');

// ---- state ---------------------------------------------------------------------------------------------
const params = new URLSearchParams(location.search);
const workshopId = params.get('w') || '';
const member = workshopId ? getMembership(workshopId) : null;
const facilitator = getFacilitator();
const token = member?.token || facilitator?.token || '';
const usingMemberToken = !!member?.token;

const model = new BoardModel();
/** @type {{colors: string[], defaultColor: string, maxNoteText: number, maxCoordinate: number}} */
const config = { colors: FALLBACK_COLORS, defaultColor: 'yellow', maxNoteText: 2000, maxCoordinate: 100000 };
const outbox = new Outbox(
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

/** @type {BoardConnection | null} */
let conn = null;
let fatal = false;
let firstSnapshotShown = false;
const pan = { x: 40, y: 40 };
/** note positions while dragging / moving by keyboard, before the move command is made */
/** @type {Map<string, {x: number, y: number}>} */
const localMoves = new Map();
/** @type {{noteId: string, where: Where, focus: 'text' | 'color'} | null} */
let editing = null;
/** @type {{noteId: string, where: Where} | null} */
let confirming = null;
/** @type {'canvas' | 'list'} */
let currentView = initialView();

// ---- helpers -------------------------------------------------------------------------------------------
function me() {
  return model.you?.participantId || member?.participantId || '';
}

/** @param {string} authorId */
function authorName(authorId) {
  return model.participantName(authorId) || (authorId && authorId === member?.participantId ? member.name : '') || t('note.unknownAuthor');
}

/** @returns {'canvas' | 'list'} */
function initialView() {
  const stored = readString(KEYS.view);
  if (stored === 'list' || stored === 'canvas') return stored;
  return globalThis.matchMedia && matchMedia('(max-width: 700px)').matches ? 'list' : 'canvas';
}

/** @param {string} text */
function codePoints(text) {
  return Array.from(text).length;
}

/** @param {string} text */
function announce(text) {
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
/** Collects "new note from X" announcements for a moment so a burst is one short sentence. */
function announceNewNote(name) {
  newNoteAuthors.push(name);
  if (announceTimer) return;
  announceTimer = setTimeout(() => {
    announceTimer = null;
    const names = newNoteAuthors;
    newNoteAuthors = [];
    if (names.length === 1) announce(t('announce.newNote', { name: names[0] }));
    else if (names.length > 1) announce(t('announce.newNotes', { count: names.length }));
  }, 1500);
}

/** @param {string} text */
function showBoardError(text) {
  showMessage(boardError, text);
}

/**
 * Stops the board and shows a message with a link to the landing page.
 * @param {string} text
 */
function showFatal(text) {
  fatal = true;
  conn?.stop();
  app.hidden = true;
  loadingEl.hidden = true;
  messageBox.hidden = false;
  showMessage(messageText, text);
  setStatus('offline');
}

// ---- connection status ---------------------------------------------------------------------------------
/** @type {'connecting' | 'online' | 'offline'} */
let statusState = 'connecting';
/** @param {'connecting' | 'online' | 'offline'} state */
function setStatus(state) {
  statusState = state;
  statusEl.dataset.state = state;
  statusEl.textContent = t('status.' + state);
}

function renderPending() {
  const n = outbox.unsentCount;
  pendingEl.hidden = n === 0;
  pendingEl.textContent = n ? t('pending.count', { count: n }) : '';
}

// ---- sync ----------------------------------------------------------------------------------------------
const sync = new BoardSync(
  model,
  {
    snapshot: () => api('/api/workshops/' + encodeURIComponent(workshopId), { token }),
    eventsAfter: (seq) => api('/api/workshops/' + encodeURIComponent(workshopId) + '/events?after=' + seq, { token }),
  },
  (change) => {
    if (change.kind === 'snapshot') {
      onSnapshot();
    } else {
      const ev = change.event;
      if (ev.type === 'note.added' && ev.by && ev.by !== me()) announceNewNote(model.participantName(ev.by) || t('note.unknownAuthor'));
    }
    outbox.prune(model.seq);
    scheduleRender();
  },
);

function onSnapshot() {
  if (!firstSnapshotShown) {
    firstSnapshotShown = true;
    loadingEl.hidden = true;
    app.hidden = false;
    centreOnNotes();
  }
  renderHeader();
}

let resyncDelay = 1000;
/** @type {ReturnType<typeof setTimeout> | null} */
let resyncTimer = null;

/** Runs a catch-up (or the first snapshot load); retries with a growing pause on network trouble. */
async function resync() {
  if (fatal) return;
  try {
    await sync.resync();
    resyncDelay = 1000;
    if (!messageBox.hidden) showMessage(messageText, '');
    showBoardError('');
    flush();
  } catch (err) {
    handleSyncError(err);
  }
}

/** @param {any} err */
function handleSyncError(err) {
  if (err instanceof ApiError) {
    if (err.status === 401) {
      // the token is gone (logged out, expired): forget it
      remove(usingMemberToken ? KEYS.member(workshopId) : KEYS.facilitator);
      return showFatal(t('board.tokenGone'));
    }
    if (err.status === 403) return showFatal(t('board.forbidden'));
    if (err.status === 404) return showFatal(t('board.notFound'));
  }
  if (!model.loaded) {
    loadingEl.textContent = t('board.retrying');
  } else {
    showBoardError(tError(err instanceof ApiError ? err.code : 'network_error'));
  }
  if (resyncTimer) clearTimeout(resyncTimer);
  resyncTimer = setTimeout(() => {
    resyncTimer = null;
    resync();
  }, resyncDelay);
  resyncDelay = Math.min(resyncDelay * 2, 30000);
}

// ---- outbox --------------------------------------------------------------------------------------------
let flushing = false;
/** @type {ReturnType<typeof setTimeout> | null} */
let flushTimer = null;

/** @param {number} ms */
function flushLater(ms) {
  if (flushTimer) return;
  flushTimer = setTimeout(() => {
    flushTimer = null;
    flush();
  }, ms);
}

/** Sends queued commands one at a time, in order, while the connection is open. */
async function flush() {
  if (flushing || fatal || !conn) return;
  flushing = true;
  try {
    while (conn.isOpen) {
      const entry = outbox.next();
      if (!entry) break;
      outbox.markInflight(entry);
      try {
        const reply = await conn.send(entry.cmd);
        const seq = reply && typeof reply.seq === 'number' ? reply.seq : 0;
        outbox.ack(entry.cid, seq);
        outbox.prune(model.seq);
        if (seq > model.seq) checkConfirmedLater(seq);
      } catch (err) {
        if (err && err.lost) {
          outbox.retry(entry.cid);
          if (err.reason === 'timeout') flushLater(2000);
          break;
        }
        const action = classifyFailure(entry.cmd, err);
        if (action === 'retry') {
          outbox.retry(entry.cid);
          if (err && err.message === 'access_denied') checkAccess();
          flushLater(3000);
          break;
        }
        outbox.drop(entry.cid);
        if (action === 'drop') showBoardError(tError(err && err.message));
      }
      scheduleRender();
    }
  } finally {
    flushing = false;
    scheduleRender();
  }
}

/**
 * The reply said the change has seq N; its event should arrive soon. If it does not, catch up over HTTP,
 * so a lost event never leaves a note stuck as pending.
 * @param {number} seq
 */
function checkConfirmedLater(seq) {
  setTimeout(() => {
    if (model.seq < seq && !sync.syncing) resync();
  }, 3000);
}

/** @param {Command} cmd */
function enqueue(cmd) {
  showBoardError('');
  outbox.enqueue(cmd);
  scheduleRender();
  flush();
}

/** The bridge refused us (access_denied): ask the HTTP API whether the token still works. */
async function checkAccess() {
  try {
    await api('/api/workshops/' + encodeURIComponent(workshopId), { token });
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403 || err.status === 404)) handleSyncError(err);
  }
}

// ---- rendering -----------------------------------------------------------------------------------------
let renderQueued = false;
function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render();
  });
}

function renderHeader() {
  titleEl.textContent = model.title || t('board.titleFallback');
  document.title = (model.title ? model.title + ' – ' : '') + t('page.title.board');
  joinCodeEl.hidden = !model.joinCode;
  joinCodeEl.textContent = model.joinCode ? t('board.joinCode', { code: model.joinCode }) : '';
}

function renderParticipants() {
  participantsEl.replaceChildren();
  for (const p of model.onlineParticipants()) {
    const name = p.name || t('note.unknownAuthor');
    let text = name;
    if (p.id === me()) text = t('participants.you', { name });
    else if (p.role === 'facilitator') text = t('participants.facilitator', { name });
    const li = el('li', { text });
    if (p.id === me()) li.className = 'is-you';
    participantsEl.append(li);
  }
}

function renderColorSelect() {
  const previous = newNoteColor.value || config.defaultColor;
  newNoteColor.replaceChildren();
  for (const c of config.colors) {
    const option = el('option', { text: colorName(lang(), c) });
    option.value = c;
    newNoteColor.append(option);
  }
  newNoteColor.value = config.colors.includes(previous) ? previous : config.colors[0];
}

function renderView() {
  const listOn = currentView === 'list';
  viewToggle.setAttribute('aria-pressed', String(listOn));
  canvas.hidden = listOn;
  listView.hidden = !listOn;
  applyPan();
}

/** @returns {Map<string, ViewNote>} */
function viewNotes() {
  const notes = applyPending(model.notes, outbox.pendingCommands(), me());
  for (const [id, pos] of localMoves) {
    const n = notes.get(id);
    if (n) notes.set(id, { ...n, x: pos.x, y: pos.y });
  }
  return notes;
}

function render() {
  if (!model.loaded) return;
  const notes = viewNotes();
  const unsent = outbox.pendingNoteIds();
  const focused = /** @type {HTMLElement | null} */ (document.activeElement);
  renderCanvas(notes, unsent, focused);
  renderList(notes, unsent, focused);
  renderParticipants();
  renderPending();
  if (editing && !notes.has(editing.noteId)) editing = null;
  if (confirming && !notes.has(confirming.noteId)) confirming = null;
}

/** @type {Map<string, HTMLElement>} */
const canvasEls = new Map();
/** @type {Map<string, HTMLElement>} */
const listEls = new Map();

/**
 * @param {Map<string, ViewNote>} notes
 * @param {Set<string>} unsent
 * @param {HTMLElement | null} focused
 */
function renderCanvas(notes, unsent, focused) {
  for (const [id, elem] of canvasEls) {
    if (!notes.has(id)) {
      const hadFocus = elem.contains(focused);
      elem.remove();
      canvasEls.delete(id);
      if (hadFocus) canvas.focus();
    }
  }
  for (const note of notes.values()) {
    let article = canvasEls.get(note.id);
    if (!article) {
      article = el('article', { className: 'note' });
      article.dataset.noteId = note.id;
      article.tabIndex = 0;
      article.addEventListener('keydown', escapeCancelsConfirm);
      canvasEls.set(note.id, article);
      plane.append(article);
    }
    article.style.left = note.x + 'px';
    article.style.top = note.y + 'px';
    fillNote(article, note, 'canvas', unsent.has(note.id));
  }
}

/**
 * @param {Map<string, ViewNote>} notes
 * @param {Set<string>} unsent
 * @param {HTMLElement | null} focused
 */
function renderList(notes, unsent, focused) {
  for (const [id, li] of listEls) {
    if (!notes.has(id)) {
      const hadFocus = li.contains(focused);
      li.remove();
      listEls.delete(id);
      if (hadFocus) listView.focus();
    }
  }
  const ordered = listOrder(notes.values());
  ordered.forEach((note, i) => {
    let li = listEls.get(note.id);
    if (!li) {
      li = el('li', { className: 'list-note' });
      li.dataset.noteId = note.id;
      li.addEventListener('keydown', escapeCancelsConfirm);
      listEls.set(note.id, li);
    }
    fillNote(li, note, 'list', unsent.has(note.id));
    if (noteList.children[i] !== li) {
      const hadFocus = li.contains(focused);
      noteList.insertBefore(li, noteList.children[i] || null);
      if (hadFocus && focused && document.activeElement !== focused) focused.focus({ preventScroll: true });
    }
  });
  listEmpty.hidden = notes.size > 0;
}

/**
 * Fills a note's content for one of the views. Content is rebuilt only when something shown changed, so
 * focus and an open editor stay put while others change other notes.
 * @param {HTMLElement} container
 * @param {ViewNote} note
 * @param {Where} where
 * @param {boolean} unsent
 */
function fillNote(container, note, where, unsent) {
  const isEditing = editing && editing.noteId === note.id && editing.where === where;
  const isConfirming = confirming && confirming.noteId === note.id && confirming.where === where;
  const author = authorName(note.authorId);
  const mode = isEditing ? 'edit' : isConfirming ? 'confirm' : 'show';
  const signature = JSON.stringify([lang(), mode, note.text, note.color, author, unsent, config.colors]);
  container.classList.toggle('is-pending', unsent);
  for (const c of Array.from(container.classList)) if (c.startsWith('color-') && c !== 'color-' + note.color) container.classList.remove(c);
  container.classList.add('color-' + safeClass(note.color));
  if (container.dataset.signature === signature) return;
  if (mode === 'edit' && container.dataset.mode === 'edit') {
    // an open editor is not rebuilt under the user's hands
    container.dataset.signature = signature;
    return;
  }
  container.dataset.signature = signature;
  container.dataset.mode = mode;

  const focusedAction = /** @type {HTMLElement | null} */ (document.activeElement)?.closest?.('[data-note-id]') === container
    ? /** @type {HTMLElement} */ (document.activeElement).dataset.action || ''
    : null;
  const short = excerpt(note.text);
  if (where === 'canvas') container.setAttribute('aria-label', t('note.label', { author, excerpt: short }));

  if (mode === 'edit') {
    container.replaceChildren(buildEditor(note, where));
    const field = /** @type {HTMLElement | null} */ (container.querySelector(editing.focus === 'color' ? 'select' : 'textarea'));
    field?.focus({ preventScroll: where === 'canvas' });
    return;
  }
  if (mode === 'confirm') {
    const question = el('p', { className: 'confirm-text', text: t('note.confirmDelete') + ' ' });
    const quote = el('span', { className: 'confirm-excerpt', text: short });
    question.append(quote);
    const yes = button(t('note.confirmYes'), 'danger', 'confirm-delete');
    yes.addEventListener('click', () => deleteNote(note.id, where));
    const no = button(t('note.cancel'), 'secondary', 'cancel-delete');
    no.addEventListener('click', () => {
      confirming = null;
      refocusAfter(note.id, where, 'delete');
      scheduleRender();
    });
    const actions = el('div', { className: 'note-actions' });
    actions.append(yes, no);
    container.replaceChildren(question, actions);
    no.focus({ preventScroll: where === 'canvas' });
    return;
  }

  const text = el('p', { className: 'note-text', text: note.text });
  const meta = el('p', { className: 'note-meta' });
  meta.append(el('span', { className: 'note-author', text: t('note.by', { name: author }) }));
  if (where === 'list') {
    meta.append(el('span', { className: 'note-color-name', text: t('note.colorName', { color: colorName(lang(), note.color) }) }));
  }
  if (unsent) meta.append(el('span', { className: 'note-pending', text: t('note.pending') }));
  const actions = el('div', { className: 'note-actions' });
  const edit = button(t('note.edit'), 'small', 'edit');
  edit.setAttribute('aria-label', t('note.editLabel', { excerpt: short }));
  edit.addEventListener('click', () => openEditor(note.id, where, 'text'));
  const colour = button(t('note.color'), 'small', 'color');
  colour.setAttribute('aria-label', t('note.colorLabel', { excerpt: short }));
  colour.addEventListener('click', () => openEditor(note.id, where, 'color'));
  const del = button(t('note.delete'), 'small', 'delete');
  del.setAttribute('aria-label', t('note.deleteLabel', { excerpt: short }));
  del.addEventListener('click', () => {
    confirming = { noteId: note.id, where };
    editing = null;
    scheduleRender();
  });
  actions.append(edit, colour, del);
  container.replaceChildren(text, meta, actions);
  if (focusedAction) {
    const again = /** @type {HTMLElement | null} */ (container.querySelector(`[data-action="${focusedAction}"]`));
    again?.focus({ preventScroll: true });
  }
}

/** @param {KeyboardEvent} e */
function escapeCancelsConfirm(e) {
  if (e.key !== 'Escape' || !confirming) return;
  const container = /** @type {HTMLElement} */ (e.currentTarget);
  if (container.dataset.noteId !== confirming.noteId) return;
  e.preventDefault();
  const { noteId, where } = confirming;
  confirming = null;
  refocusAfter(noteId, where, 'delete');
  scheduleRender();
}

/** @param {string} color */
function safeClass(color) {
  return String(color).replace(/[^a-z0-9-]/gi, '');
}

/**
 * @param {string} text
 * @param {string} className
 * @param {string} action
 */
function button(text, className, action) {
  const b = el('button', { className, text });
  b.type = 'button';
  b.dataset.action = action;
  return b;
}

/**
 * @param {string} noteId
 * @param {Where} where
 * @param {'text' | 'color'} focus
 */
function openEditor(noteId, where, focus) {
  editing = { noteId, where, focus };
  confirming = null;
  render();
}

/**
 * After an editor/confirm closes, puts focus back on the button that opened it.
 * @param {string} noteId
 * @param {Where} where
 * @param {string} action
 */
function refocusAfter(noteId, where, action) {
  requestAnimationFrame(() => {
    requestAnimationFrame(() => {
      const container = (where === 'canvas' ? canvasEls : listEls).get(noteId);
      const target = /** @type {HTMLElement | null} */ (container?.querySelector(`[data-action="${action}"]`));
      target?.focus({ preventScroll: where === 'canvas' });
    });
  });
}

/**
 * @param {ViewNote} note
 * @param {Where} where
 */
function buildEditor(note, where) {
  const form = el('form', { className: 'note-editor' });
  form.noValidate = true;
  const textId = `edit-${where}-text-${note.id}`;
  const colorId = `edit-${where}-color-${note.id}`;
  const textLabel = el('label', { text: t('note.textLabel') });
  textLabel.htmlFor = textId;
  const textarea = el('textarea');
  textarea.id = textId;
  textarea.rows = 4;
  textarea.value = note.text;
  const colorLabel = el('label', { text: t('note.colorSelect') });
  colorLabel.htmlFor = colorId;
  const select = el('select');
  select.id = colorId;
  const colors = config.colors.includes(note.color) ? config.colors : [note.color, ...config.colors];
  for (const c of colors) {
    const o = el('option', { text: colorName(lang(), c) });
    o.value = c;
    select.append(o);
  }
  select.value = note.color;
  const error = el('p', { className: 'error', attrs: { role: 'alert' } });
  error.hidden = true;
  const save = el('button', { className: 'small primary', text: t('note.save') });
  save.type = 'submit';
  const cancel = button(t('note.cancel'), 'small secondary', 'cancel-edit');
  const actions = el('div', { className: 'note-actions' });
  actions.append(save, cancel);
  form.append(textLabel, textarea, colorLabel, select, error, actions);

  const close = () => {
    editing = null;
    refocusAfter(note.id, where, 'edit');
    scheduleRender();
  };
  cancel.addEventListener('click', close);
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = textarea.value.replace(/\r\n/g, '\n');
    const current = viewNotes().get(note.id);
    if (!current) return close();
    if (!text.trim()) {
      showMessage(error, tError('text_empty'));
      textarea.focus();
      return;
    }
    if (codePoints(text) > config.maxNoteText) {
      showMessage(error, tError('text_too_long'));
      textarea.focus();
      return;
    }
    /** @type {Command} */
    const cmd = { op: 'note.update', id: note.id };
    if (text !== current.text) cmd.text = text;
    if (select.value !== current.color) cmd.color = select.value;
    editing = null;
    if (cmd.text !== undefined || cmd.color !== undefined) enqueue(cmd);
    refocusAfter(note.id, where, 'edit');
    scheduleRender();
  });
  // stop canvas drags and key handling from starting inside the editor
  form.addEventListener('pointerdown', (e) => e.stopPropagation());
  return form;
}

/**
 * @param {string} noteId
 * @param {Where} where
 */
function deleteNote(noteId, where) {
  confirming = null;
  // focus moves to the next note in the same view, or to the view itself
  const map = where === 'canvas' ? canvasEls : listEls;
  const ids = where === 'list' ? Array.from(noteList.children).map((li) => /** @type {HTMLElement} */ (li).dataset.noteId) : Array.from(map.keys());
  const i = ids.indexOf(noteId);
  const nextId = ids[i + 1] || ids[i - 1];
  enqueue({ op: 'note.delete', id: noteId });
  announce(t('announce.deleted'));
  requestAnimationFrame(() => {
    requestAnimationFrame(() => {
      const next = nextId ? map.get(nextId) : null;
      if (where === 'canvas') {
        (next || canvas).focus({ preventScroll: true });
      } else {
        const target = /** @type {HTMLElement | null} */ (next?.querySelector('[data-action="edit"]'));
        if (target) target.focus();
        else {
          listView.tabIndex = -1;
          listView.focus();
        }
      }
    });
  });
}

// ---- new notes -----------------------------------------------------------------------------------------
/** The board coordinate at the centre of what the canvas shows. */
function visibleCentre() {
  const w = canvas.clientWidth || 800;
  const h = canvas.clientHeight || 500;
  return { x: Math.round(-pan.x + w / 2), y: Math.round(-pan.y + h / 2) };
}

newNoteForm.addEventListener('submit', (e) => {
  e.preventDefault();
  addNoteFromForm();
});
newNoteText.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    addNoteFromForm();
  }
});

function addNoteFromForm() {
  if (!model.loaded) return;
  const text = newNoteText.value.replace(/\r\n/g, '\n');
  if (!text.trim()) {
    showMessage(newNoteError, tError('text_empty'));
    newNoteText.focus();
    return;
  }
  if (codePoints(text) > config.maxNoteText) {
    showMessage(newNoteError, tError('text_too_long'));
    newNoteText.focus();
    return;
  }
  showMessage(newNoteError, '');
  const pos = placeNewNote(visibleCentre(), viewNotes().values(), NOTE_SIZE, config.maxCoordinate);
  const color = config.colors.includes(newNoteColor.value) ? newNoteColor.value : config.defaultColor;
  enqueue({ op: 'note.add', id: randomId(), text, x: pos.x, y: pos.y, color });
  newNoteText.value = '';
  newNoteText.focus();
  announce(t('announce.added'));
}

// ---- canvas: panning, dragging, keyboard ---------------------------------------------------------------
function applyPan() {
  plane.style.transform = `translate(${pan.x}px, ${pan.y}px)`;
  canvas.style.backgroundPosition = `${pan.x}px ${pan.y}px`;
}

/** After the first load, show the top-left of the notes. */
function centreOnNotes() {
  let minX = Infinity;
  let minY = Infinity;
  for (const n of model.notes.values()) {
    minX = Math.min(minX, n.x);
    minY = Math.min(minY, n.y);
  }
  if (Number.isFinite(minX)) {
    pan.x = 40 - minX;
    pan.y = 40 - minY;
  }
  applyPan();
}

/** @param {HTMLElement} article */
function ensureVisible(article) {
  const id = article.dataset.noteId;
  const note = viewNotes().get(id);
  if (!note) return;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  const left = note.x + pan.x;
  const top = note.y + pan.y;
  const width = article.offsetWidth || NOTE_SIZE.width;
  const height = article.offsetHeight || NOTE_SIZE.height;
  if (left < 8) pan.x += 8 - left;
  else if (left + width > w - 8) pan.x -= Math.min(left + width - (w - 8), left - 8);
  if (top < 8) pan.y += 8 - top;
  else if (top + height > h - 8) pan.y -= Math.min(top + height - (h - 8), top - 8);
  applyPan();
}

// the browser may scroll the overflow-hidden canvas to show a focused note: turn that into panning
canvas.addEventListener('scroll', () => {
  if (canvas.scrollLeft || canvas.scrollTop) {
    pan.x -= canvas.scrollLeft;
    pan.y -= canvas.scrollTop;
    canvas.scrollLeft = 0;
    canvas.scrollTop = 0;
    applyPan();
  }
});

canvas.addEventListener('focusin', (e) => {
  const target = /** @type {HTMLElement} */ (e.target);
  const article = /** @type {HTMLElement | null} */ (target.closest('article.note'));
  if (article) ensureVisible(article);
});

/** @type {{kind: 'pan' | 'note', id?: string, startX: number, startY: number, originX: number, originY: number, moved: boolean, pointerId: number} | null} */
let drag = null;

canvas.addEventListener('pointerdown', (e) => {
  if (e.button !== 0 && e.pointerType === 'mouse') return;
  const target = /** @type {HTMLElement} */ (e.target);
  if (target.closest('button, textarea, select, input, a, label, form')) return;
  const article = /** @type {HTMLElement | null} */ (target.closest('article.note'));
  if (article) {
    const id = article.dataset.noteId;
    const note = viewNotes().get(id);
    if (!note) return;
    drag = { kind: 'note', id, startX: e.clientX, startY: e.clientY, originX: note.x, originY: note.y, moved: false, pointerId: e.pointerId };
  } else {
    drag = { kind: 'pan', startX: e.clientX, startY: e.clientY, originX: pan.x, originY: pan.y, moved: false, pointerId: e.pointerId };
    canvas.classList.add('is-panning');
  }
  try {
    canvas.setPointerCapture(e.pointerId);
  } catch {
    /* ignore */
  }
});

canvas.addEventListener('pointermove', (e) => {
  if (!drag || e.pointerId !== drag.pointerId) return;
  const dx = e.clientX - drag.startX;
  const dy = e.clientY - drag.startY;
  if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
  drag.moved = true;
  if (drag.kind === 'pan') {
    pan.x = drag.originX + dx;
    pan.y = drag.originY + dy;
    applyPan();
  } else {
    const x = clamp(Math.round(drag.originX + dx), config.maxCoordinate);
    const y = clamp(Math.round(drag.originY + dy), config.maxCoordinate);
    localMoves.set(drag.id, { x, y });
    const article = canvasEls.get(drag.id);
    if (article) {
      article.classList.add('is-dragging');
      article.style.left = x + 'px';
      article.style.top = y + 'px';
    }
  }
});

/** @param {PointerEvent} e */
function endDrag(e) {
  if (!drag || e.pointerId !== drag.pointerId) return;
  const d = drag;
  drag = null;
  canvas.classList.remove('is-panning');
  try {
    canvas.releasePointerCapture(e.pointerId);
  } catch {
    /* ignore */
  }
  if (d.kind === 'note') {
    const article = canvasEls.get(d.id);
    article?.classList.remove('is-dragging');
    const pos = localMoves.get(d.id);
    localMoves.delete(d.id);
    if (d.moved && pos && e.type === 'pointerup') {
      enqueue({ op: 'note.move', id: d.id, x: pos.x, y: pos.y });
    } else {
      scheduleRender();
      if (!d.moved && article && e.type === 'pointerup') article.focus({ preventScroll: true });
    }
  }
}
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);

const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
/** @type {Map<string, ReturnType<typeof setTimeout>>} */
const keyMoveTimers = new Map();

canvas.addEventListener('keydown', (e) => {
  const dir = ARROWS[/** @type {keyof typeof ARROWS} */ (e.key)];
  const target = /** @type {HTMLElement} */ (e.target);
  if (target === canvas) {
    if (dir && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      const step = e.shiftKey ? 240 : 60;
      // arrow keys move the view: the content moves the other way
      pan.x -= dir[0] * step;
      pan.y -= dir[1] * step;
      applyPan();
    } else if (e.key === 'Home') {
      e.preventDefault();
      centreOnNotes();
    }
    return;
  }
  if (target.matches('article.note') && dir && e.shiftKey && !e.altKey) {
    e.preventDefault();
    const id = target.dataset.noteId;
    const note = viewNotes().get(id);
    if (!note) return;
    const step = e.ctrlKey || e.metaKey ? 100 : 20;
    const x = clamp(note.x + dir[0] * step, config.maxCoordinate);
    const y = clamp(note.y + dir[1] * step, config.maxCoordinate);
    localMoves.set(id, { x, y });
    target.style.left = x + 'px';
    target.style.top = y + 'px';
    ensureVisible(target);
    // one move command when the keys rest
    clearTimeout(keyMoveTimers.get(id));
    keyMoveTimers.set(id, setTimeout(() => commitKeyMove(id), 700));
  }
});

canvas.addEventListener('focusout', (e) => {
  const target = /** @type {HTMLElement} */ (e.target);
  if (target.matches('article.note') && keyMoveTimers.has(target.dataset.noteId)) commitKeyMove(target.dataset.noteId);
});

/** @param {string} id */
function commitKeyMove(id) {
  clearTimeout(keyMoveTimers.get(id));
  keyMoveTimers.delete(id);
  const pos = localMoves.get(id);
  localMoves.delete(id);
  if (pos) {
    enqueue({ op: 'note.move', id, x: pos.x, y: pos.y });
    announce(t('announce.moved'));
  }
}

// ---- view toggle ---------------------------------------------------------------------------------------
viewToggle.addEventListener('click', () => {
  currentView = currentView === 'list' ? 'canvas' : 'list';
  writeString(KEYS.view, currentView);
  editing = null;
  confirming = null;
  renderView();
  scheduleRender();
});

// ---- start ---------------------------------------------------------------------------------------------
initPage(() => {
  setStatus(statusState);
  renderHeader();
  renderColorSelect();
  if (fatal) return;
  if (!model.loaded) loadingEl.textContent = t('board.loading');
  // rebuild all note texts (labels, colour names) in the new language
  scheduleRender();
});
setStatus('connecting');
renderHeader();
renderColorSelect();
renderView();

async function loadConfig() {
  try {
    const c = await api('/api/config');
    if (c && Array.isArray(c.colors) && c.colors.length) config.colors = c.colors.filter((x) => typeof x === 'string');
    if (c && typeof c.defaultColor === 'string') config.defaultColor = c.defaultColor;
    if (c && typeof c.maxNoteText === 'number') config.maxNoteText = c.maxNoteText;
    if (c && typeof c.maxCoordinate === 'number') config.maxCoordinate = c.maxCoordinate;
    newNoteColor.value = '';
    renderColorSelect();
    scheduleRender();
  } catch {
    /* the built-in palette works until the server answers */
  }
}

function start() {
  if (!workshopId) return showFatal(t('board.noWorkshop'));
  if (!token) return showFatal(t('board.noToken'));
  loadConfig();
  conn = new BoardConnection({
    EventBus,
    url: '/eventbus',
    options: sockJsOptionsFromSearch(location.search),
    workshopId,
    token,
    onEvent: (body) => sync.handleEvent(body),
    onPresence: (body) => {
      model.applyPresence(body);
      scheduleRender();
    },
    onOpen: () => {
      // handlers are registered; now catch up (or load the first snapshot), then send what waited
      resync();
      flush();
      // the register frame and the snapshot request race; one more catch-up shortly after closes that gap
      setTimeout(() => {
        if (conn?.isOpen && model.loaded && !sync.syncing) resync();
      }, 1500);
    },
    onState: (state) => {
      setStatus(state);
      if (state !== 'online') outbox.requeueInflight();
      scheduleRender();
    },
    onBusError: (err) => {
      const code = err && (err.body || err.message);
      if (code === 'access_denied') checkAccess();
    },
  });
  conn.start();
  // a safety net for an event lost on the way (the bridge gives no delivery guarantee): a cheap catch-up now
  // and then while online; it returns nothing when nothing was missed
  setInterval(() => {
    if (conn?.isOpen && model.loaded && !sync.syncing && !fatal && document.visibilityState !== 'hidden') resync();
  }, 30000);
  // if the event bus does not open soon (e.g. a network that blocks it), still show the board over HTTP;
  // the catch-up on open fills in whatever happens meanwhile
  setTimeout(() => {
    if (!model.loaded && !sync.syncing && !fatal) resync();
  }, 4000);
}

start();
