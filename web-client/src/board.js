// The live board page: canvas view + list view of the same notes, kept live over the event bus.
import EventBus from '@vertx/eventbus-bridge-client.js';
import { initPage, t, tError, byId, showMessage, el, lang, button, closeOnEscape } from './lib/page.js';
import { colorName, excerpt } from './lib/i18n.js';
import { api, ApiError } from './lib/api.js';
import { getMembership, getFacilitator, readJson, writeJson, remove, readString, writeString, KEYS } from './lib/storage.js';
import { BoardModel, applyPending, listOrder, placeNewNote, clamp, groupByCluster, ROLES, quotaRefusal } from './lib/board-model.js';
import { timerRemaining, formatClock, timerAnnouncement, throttle, viewportCentre, panFor, clampZoom, clusterBox, rankedResults } from './lib/facilitation.js';
import { BoardSync } from './lib/sync.js';
import { Outbox, classifyFailure } from './lib/outbox.js';
import { BoardConnection, sockJsOptionsFromSearch } from './lib/connection.js';
import { randomId } from './lib/ids.js';
import { createJourneyView } from './journey-view.js';
import { createOutcomesView } from './outcomes-view.js';

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
const listClusters = byId('list-clusters');
const listLooseHeading = byId('list-loose-heading');
const addNoteDisabled = byId('add-note-disabled');
// phase bar, presence, banners
const phaseInfo = byId('phase-info');
const phaseTitleEl = byId('phase-title');
const phaseInstructionsEl = byId('phase-instructions');
const timerBox = byId('timer-box');
const timerEl = byId('timer');
const timerStateEl = byId('timer-state');
const toggleReady = /** @type {HTMLButtonElement} */ (byId('toggle-ready'));
const toggleHand = /** @type {HTMLButtonElement} */ (byId('toggle-hand'));
const bannerPrivate = byId('banner-private');
const bannerLocked = byId('banner-locked');
const bannerFollow = byId('banner-follow');
const followText = byId('follow-text');
const stopFollowing = /** @type {HTMLButtonElement} */ (byId('stop-following'));
// voting
const voteArea = byId('vote-area');
const voteStatus = byId('vote-status');
const voteError = byId('vote-error');
const voteResults = byId('vote-results');
const voteResultsList = byId('vote-results-list');
// zoom
const zoomLevel = byId('zoom-level');
// spotlight
const focusDialog = /** @type {HTMLDialogElement} */ (byId('focus-dialog'));
const focusContent = byId('focus-content');
const focusEnd = /** @type {HTMLButtonElement} */ (byId('focus-end'));
// facilitator panel
const facPanel = byId('facilitator-panel');
const facError = byId('fac-error');
const phaseList = byId('phase-list');
const phaseListEmpty = byId('phase-list-empty');
const phaseForm = /** @type {HTMLFormElement} */ (byId('phase-form'));
const phaseNewTitle = /** @type {HTMLInputElement} */ (byId('phase-new-title'));
const phaseNewInstructions = /** @type {HTMLTextAreaElement} */ (byId('phase-new-instructions'));
const timerMinutes = /** @type {HTMLInputElement} */ (byId('timer-minutes'));
const timerPause = /** @type {HTMLButtonElement} */ (byId('timer-pause'));
const timerAdd = /** @type {HTMLButtonElement} */ (byId('timer-add'));
const timerStop = /** @type {HTMLButtonElement} */ (byId('timer-stop'));
const voteTargetsSel = /** @type {HTMLSelectElement} */ (byId('vote-targets'));
const voteBudget = /** @type {HTMLInputElement} */ (byId('vote-budget'));
const voteMax = /** @type {HTMLInputElement} */ (byId('vote-max'));
const voteMinutes = /** @type {HTMLInputElement} */ (byId('vote-minutes'));
const voteSecret = /** @type {HTMLInputElement} */ (byId('vote-secret'));
const voteOpenBtn = /** @type {HTMLButtonElement} */ (byId('vote-open'));
const voteCloseBtn = /** @type {HTMLButtonElement} */ (byId('vote-close'));
const voteReopenBtn = /** @type {HTMLButtonElement} */ (byId('vote-reopen'));
const followStart = /** @type {HTMLButtonElement} */ (byId('follow-start'));
const followRelease = /** @type {HTMLButtonElement} */ (byId('follow-release'));
const focusEndPanel = /** @type {HTMLButtonElement} */ (byId('focus-end-panel'));
const facParticipants = byId('fac-participants');
const facJoinCodeCurrent = byId('fac-join-code-current');
const facJoinCodeNew = /** @type {HTMLButtonElement} */ (byId('fac-join-code-new'));
const facJoinCodeConfirm = byId('fac-join-code-confirm');
const facJoinCodeYes = /** @type {HTMLButtonElement} */ (byId('fac-join-code-yes'));
const facJoinCodeNo = /** @type {HTMLButtonElement} */ (byId('fac-join-code-no'));
const facJoinCodeStatus = byId('fac-join-code-status');
const facJoinCodeLinkLine = byId('fac-join-code-link-line');
const facJoinCodeLink = /** @type {HTMLAnchorElement} */ (byId('fac-join-code-link'));
const settingBoxes = /** @type {HTMLInputElement[]} */ (Array.from(document.querySelectorAll('input[data-setting]')));

// ---- state ---------------------------------------------------------------------------------------------
const params = new URLSearchParams(location.search);
const workshopId = params.get('w') || '';
const member = workshopId ? getMembership(workshopId) : null;
const facilitator = getFacilitator();
const token = member?.token || facilitator?.token || '';
const usingMemberToken = !!member?.token;

const model = new BoardModel();
/** @type {{colors: string[], defaultColor: string, maxNoteText: number, maxCoordinate: number}} */
/** @type {{colors: string[], defaultColor: string, maxNoteText: number, maxCoordinate: number, maxNotesPerParticipant?: number, maxTextPerParticipant?: number}} */
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
let zoom = 1;
/** note positions while dragging / moving by keyboard, before the move command is made */
/** @type {Map<string, {x: number, y: number}>} */
const localMoves = new Map();
/** @type {{noteId: string, where: Where, focus: 'text' | 'color'} | null} */
let editing = null;
/** @type {{noteId: string, where: Where} | null} */
let confirming = null;
/** @type {'canvas' | 'list' | 'journey'} */
let currentView = initialView();
/** @type {{id: string, where: Where} | null} a cluster whose name is being edited */
let renaming = null;
/** @type {string | null} a phase being edited in the panel */
let editingPhase = null;
/** @type {string | null} a participant whose removal waits for confirmation */
let confirmingRemoval = null;
/** whether the removal being confirmed also bars the person's device */
let barOnRemoval = false;
/** the confirmation was just opened: its Cancel button takes the focus once */
let focusRemovalCancel = false;
/** @type {string | null} the code this facilitator made here, shown with its link until the page reloads */
let newJoinCode = null;
/** the local person chose not to follow the facilitator's view (until the follow ends) */
let followOptOut = false;
/** @type {string} the follow viewport last applied here */
let lastFollowKey = '';
/** @type {string | null} a spotlight the local person closed */
let dismissedFocusKey = null;
/** @type {{seq: number, run: () => void}[]} things to do once the board has applied a seq */
let afterSeq = [];
/** @type {Map<string, {value: boolean, seq: number}>} settings changed here, not yet seen back */
const pendingSettings = new Map();
// journey maps and template areas (journey-view.js)
const journeyView = createJourneyView({
  model,
  command: (cmd, errorEl) => command(cmd, errorEl),
  announce: (text) => announce(text),
  scheduleRender: () => scheduleRender(),
  setView: (v) => setView(v),
  currentView: () => currentView,
  newNotePosition: () => placeNewNote(visibleCentre(), viewNotes().values(), NOTE_SIZE, config.maxCoordinate),
  newNoteId: () => randomId(),
  defaultColor: () => config.defaultColor,
  maxNoteText: () => config.maxNoteText,
  workshopId,
  token,
});

// ---- helpers -------------------------------------------------------------------------------------------
function me() {
  return model.you?.participantId || member?.participantId || '';
}

/**
 * "By …" for a note: you, the author's name, or nothing when the board is anonymous.
 * @param {ViewNote} note
 * @returns {string}
 */
function authorLine(note) {
  if (note.mine || (note.authorId && note.authorId === me())) return t('note.byYou');
  if (!note.authorId) return '';
  return t('note.by', { name: authorName(note.authorId) });
}

/** @param {ViewNote} note */
function noteLabel(note) {
  const short = excerpt(note.text);
  if (note.mine || (note.authorId && note.authorId === me())) return t('note.labelYou', { excerpt: short });
  if (!note.authorId) return t('note.labelAnon', { excerpt: short });
  return t('note.label', { author: authorName(note.authorId), excerpt: short });
}

/** @param {string} authorId */
function authorName(authorId) {
  return model.participantName(authorId) || (authorId && authorId === member?.participantId ? member.name : '') || t('note.unknownAuthor');
}

/** @returns {'canvas' | 'list' | 'journey'} */
function initialView() {
  const stored = readString(KEYS.view);
  if (stored === 'list' || stored === 'canvas' || stored === 'journey') return stored;
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
    if (names.length === 1) announce(names[0] ? t('announce.newNote', { name: names[0] }) : t('announce.newNoteAnon'));
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

/** Short spoken notes about what the facilitator changed (live events only). */
function announceEvent(ev) {
  switch (ev.type) {
    case 'vote.opened':
      if (model.canVote) announce(t('announce.voteOpened', { budget: model.vote.budget }));
      break;
    case 'vote.closed':
      announce(t('announce.voteClosed'));
      break;
    case 'notes.revealed':
      announce(t('announce.revealed'));
      break;
    case 'settings.changed':
      if (lastLocked !== model.settings.locked) announce(t(model.settings.locked ? 'announce.locked' : 'announce.unlocked'));
      break;
    default:
      break;
  }
  lastLocked = model.settings.locked;
}
let lastLocked = false;

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
function whenApplied(seq, run) {
  if (seq <= model.seq) run();
  else afterSeq.push({ seq, run });
}

function removedFromWorkshop() {
  if (usingMemberToken) remove(KEYS.member(workshopId));
  showFatal(t('board.removed'));
}

/** Logged out (perhaps in another tab) or the token expired: the stored token is of no more use. */
function sessionEnded() {
  remove(usingMemberToken ? KEYS.member(workshopId) : KEYS.facilitator);
  showFatal(t('board.tokenGone'));
}

/**
 * Sends a command that is not a note change (facilitation, clusters, votes, presence) straight away and shows a
 * refusal, translated, in errorEl. These are not queued for later: a timer or a vote should not start by itself
 * minutes after the facilitator clicked, when the connection comes back.
 * @param {Command} cmd
 * @param {HTMLElement} [errorEl]
 * @returns {Promise<any>} the reply, or null when refused or not sent
 */
async function command(cmd, errorEl = boardError) {
  if (fatal) return null;
  if (!conn || !conn.isOpen) {
    showMessage(errorEl, tError('not_connected'));
    return null;
  }
  try {
    const reply = (await conn.send(cmd)) || {};
    showMessage(errorEl, '');
    if (typeof reply.seq === 'number' && reply.seq > model.seq) checkConfirmedLater(reply.seq);
    return reply;
  } catch (err) {
    const code = err && err.lost ? 'not_connected' : err && err.message;
    showMessage(errorEl, tError(code));
    if (code === 'access_denied') checkAccess();
    return null;
  }
}

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
      // the token is gone (logged out, expired, or removed by the facilitator): forget it
      remove(usingMemberToken ? KEYS.member(workshopId) : KEYS.facilitator);
      // a participant who was on the board and loses access was removed (their connection was closed)
      return showFatal(t(usingMemberToken && model.loaded ? 'board.removed' : 'board.tokenGone'));
    }
    // right after a removal the token may still be known for a moment, but no longer a member: 403
    if (err.status === 403) return showFatal(t(usingMemberToken && model.loaded ? 'board.removed' : 'board.forbidden'));
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
  facJoinCodeCurrent.textContent = model.joinCode ? t('fac.joinCode.current', { code: model.joinCode }) : '';
  facJoinCodeStatus.textContent = newJoinCode ? t('fac.joinCode.changed', { code: newJoinCode }) : '';
}

/** @param {import('./lib/board-model.js').Participant} p */
function participantText(p) {
  const name = p.name || t('note.unknownAuthor');
  if (p.id === me()) return t('participants.you', { name });
  if (p.role && p.role !== 'participant' && ROLES.includes(p.role)) return t('participants.withRole', { name, role: t('role.' + p.role) });
  return name;
}

/**
 * ✓ and ✋ with words for screen readers.
 * @param {HTMLElement} li
 * @param {string} id
 */
function appendFlags(li, id) {
  if (model.ready.has(id)) {
    const f = el('span', { className: 'flag flag-ready' });
    f.append(el('span', { text: '✓', attrs: { 'aria-hidden': 'true' } }), el('span', { className: 'visually-hidden', text: ', ' + t('participants.ready') }));
    li.append(' ', f);
  }
  if (model.hands.has(id)) {
    const f = el('span', { className: 'flag flag-hand' });
    f.append(el('span', { text: '✋', attrs: { 'aria-hidden': 'true' } }), el('span', { className: 'visually-hidden', text: ', ' + t('participants.hand') }));
    li.append(' ', f);
  }
}

function renderParticipants() {
  const list = model.onlineParticipants();
  const sig = JSON.stringify([lang(), list.map((p) => [p.id, p.name, p.role, model.ready.has(p.id), model.hands.has(p.id)])]);
  if (participantsEl.dataset.signature === sig) return;
  participantsEl.dataset.signature = sig;
  participantsEl.replaceChildren();
  for (const p of list) {
    const li = el('li');
    li.append(el('span', { className: 'participant-name', text: participantText(p) }));
    appendFlags(li, p.id);
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
  canvas.hidden = currentView !== 'canvas';
  listView.hidden = !listOn;
  byId('journey-view').hidden = currentView !== 'journey';
  byId('zoom-controls').hidden = currentView !== 'canvas';
  applyPan();
}

/** @param {'canvas' | 'list' | 'journey'} v */
function setView(v) {
  currentView = v;
  writeString(KEYS.view, currentView);
  editing = null;
  confirming = null;
  renderView();
  scheduleRender();
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
  if (!model.loaded || fatal) return;
  const notes = viewNotes();
  const unsent = outbox.pendingNoteIds();
  const focused = /** @type {HTMLElement | null} */ (document.activeElement);
  if (renaming && !model.clusters.has(renaming.id)) renaming = null;
  // notes in journey-map cells are on the map, not on the free canvas
  const onCanvas = new Map(Array.from(notes).filter(([, n]) => journeyView.onCanvas(n)));
  renderCanvas(onCanvas, unsent, focused);
  renderClusters(onCanvas);
  renderList(notes, unsent, focused);
  journeyView.render(notes);
  renderParticipants();
  renderPending();
  renderPhaseBar();
  renderBanners();
  renderPresenceButtons();
  renderAddForm();
  renderVote();
  renderResults();
  renderFacilitatorPanel();
  outcomesView.render();
  applyFollow();
  renderFocus(notes);
  tick();
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
  const groups = groupByCluster(notes.values(), model.clusters);
  /** @param {HTMLElement} ul @param {ViewNote[]} list */
  const place = (ul, list) => {
    list.forEach((note, i) => {
      let li = listEls.get(note.id);
      if (!li) {
        li = el('li', { className: 'list-note' });
        li.dataset.noteId = note.id;
        li.addEventListener('keydown', escapeCancelsConfirm);
        listEls.set(note.id, li);
      }
      fillNote(li, note, 'list', unsent.has(note.id));
      if (ul.children[i] !== li) {
        const hadFocus = li.contains(focused);
        ul.insertBefore(li, ul.children[i] || null);
        if (hadFocus && focused && document.activeElement !== focused) focused.focus({ preventScroll: true });
      }
    });
  };
  // one section per group: a heading with the group's name, then its notes
  const present = new Set(groups.clusters.map((g) => g.cluster.id));
  for (const [id, section] of listClusterEls) {
    if (!present.has(id)) {
      const hadFocus = section.contains(focused);
      section.remove();
      listClusterEls.delete(id);
      if (hadFocus) {
        listView.tabIndex = -1;
        listView.focus();
      }
    }
  }
  groups.clusters.forEach((g, i) => {
    let section = listClusterEls.get(g.cluster.id);
    if (!section) {
      section = el('section', { className: 'list-cluster' });
      section.dataset.clusterId = g.cluster.id;
      const header = el('div', { className: 'cluster-header' });
      const ul = el('ul', { className: 'note-list cluster-notes' });
      section.append(header, ul);
      listClusterEls.set(g.cluster.id, section);
    }
    fillClusterHeader(/** @type {HTMLElement} */ (section.firstElementChild), g.cluster, 'list', g.notes.length);
    place(/** @type {HTMLElement} */ (section.lastElementChild), g.notes);
    if (listClusters.children[i] !== section) listClusters.insertBefore(section, listClusters.children[i] || null);
  });
  place(noteList, groups.loose);
  listLooseHeading.hidden = !groups.clusters.length || !groups.loose.length;
  listEmpty.hidden = notes.size > 0;
}

/** @type {Map<string, HTMLElement>} */
const listClusterEls = new Map();
/** @type {Map<string, HTMLElement>} */
const canvasClusterEls = new Map();

/**
 * Outlines around the notes of each group on the canvas, with the group's name on a bar that moves the group.
 * @param {Map<string, ViewNote>} notes
 */
function renderClusters(notes) {
  const groups = groupByCluster(notes.values(), model.clusters);
  const present = new Set(groups.clusters.map((g) => g.cluster.id));
  for (const [id, box] of canvasClusterEls) {
    if (!present.has(id)) {
      const hadFocus = box.contains(document.activeElement);
      box.remove();
      canvasClusterEls.delete(id);
      if (hadFocus) canvas.focus();
    }
  }
  for (const g of groups.clusters) {
    let box = canvasClusterEls.get(g.cluster.id);
    if (!box) {
      box = el('div', { className: 'cluster' });
      box.dataset.clusterId = g.cluster.id;
      box.setAttribute('role', 'group');
      const header = el('div', { className: 'cluster-header cluster-bar' });
      box.append(header);
      canvasClusterEls.set(g.cluster.id, box);
      plane.prepend(box);
    }
    const rect = clusterBox(g.notes.map((n) => {
      const a = canvasEls.get(n.id);
      return { x: n.x, y: n.y, width: a?.offsetWidth || NOTE_SIZE.width, height: a?.offsetHeight || NOTE_SIZE.height };
    }), 14);
    box.style.left = rect.x + 'px';
    box.style.top = rect.y + 'px';
    box.style.width = rect.width + 'px';
    box.style.height = rect.height + 'px';
    box.setAttribute('aria-label', t('cluster.label', { title: clusterTitle(g.cluster) }));
    fillClusterHeader(/** @type {HTMLElement} */ (box.firstElementChild), g.cluster, 'canvas', g.notes.length);
  }
}

/** @param {{title: string}} c */
function clusterTitle(c) {
  return c.title && c.title.trim() ? c.title : t('cluster.untitled');
}

/**
 * The name, count, rename/dissolve buttons and dots of a group (in the list view and on its canvas outline).
 * @param {HTMLElement} header
 * @param {import('./lib/board-model.js').Cluster} cluster
 * @param {Where} where
 * @param {number} count
 */
function fillClusterHeader(header, cluster, where, count) {
  const isRenaming = renaming && renaming.id === cluster.id && renaming.where === where;
  const title = clusterTitle(cluster);
  const sig = JSON.stringify([lang(), title, count, isRenaming, model.canEditNotes, model.isFacilitator, voteSignature(cluster.id, 'cluster')]);
  if (header.dataset.signature === sig) return;
  header.dataset.signature = sig;
  const focusedAction = header.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement).dataset.action || '' : null;
  if (isRenaming) {
    const form = el('form', { className: 'cluster-rename' });
    form.noValidate = true;
    const inputId = `rename-${where}-${cluster.id}`;
    const label = el('label', { text: t('cluster.titleField') });
    label.htmlFor = inputId;
    const input = el('input');
    input.type = 'text';
    input.id = inputId;
    input.maxLength = 200;
    input.value = cluster.title || '';
    const save = el('button', { className: 'small primary', text: t('note.save') });
    save.type = 'submit';
    const cancel = button(t('note.cancel'), 'small secondary', 'cancel-rename');
    const close = () => {
      renaming = null;
      header.dataset.signature = '';
      scheduleRender();
      requestAnimationFrame(() => requestAnimationFrame(() => /** @type {HTMLElement | null} */ (header.querySelector('[data-action="rename"]'))?.focus({ preventScroll: where === 'canvas' })));
    };
    cancel.addEventListener('click', close);
    closeOnEscape(form, close);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = input.value.trim();
      if (value !== (cluster.title || '')) command({ op: 'cluster.rename', id: cluster.id, title: value });
      close();
    });
    form.addEventListener('pointerdown', (e) => e.stopPropagation());
    const actions = el('div', { className: 'note-actions' });
    actions.append(save, cancel);
    form.append(label, input, actions);
    header.replaceChildren(form);
    input.focus({ preventScroll: where === 'canvas' });
    return;
  }
  const heading = where === 'list' ? el('h3', { className: 'cluster-title', text: title }) : el('p', { className: 'cluster-title', text: title });
  const meta = el('span', { className: 'cluster-count', text: t('cluster.count', { count }) });
  const actions = el('div', { className: 'note-actions cluster-actions' });
  if (model.canEditNotes) {
    const rename = button(t('cluster.rename'), 'small', 'rename');
    rename.setAttribute('aria-label', t('cluster.renameLabel', { title }));
    rename.addEventListener('click', () => {
      renaming = { id: cluster.id, where };
      render();
    });
    const dissolve = button(t('cluster.dissolve'), 'small', 'dissolve');
    dissolve.setAttribute('aria-label', t('cluster.dissolveLabel', { title }));
    dissolve.addEventListener('click', () => command({ op: 'cluster.dissolve', id: cluster.id }));
    actions.append(rename, dissolve);
  }
  if (model.isFacilitator) actions.append(spotlightButton({ clusterId: cluster.id }, title));
  actions.append(...outcomesView.makeButtons({ clusterId: cluster.id }, title));
  header.replaceChildren(heading, meta);
  if (where === 'canvas' && model.canEditNotes) header.title = t('cluster.drag');
  const votes = voteControls(cluster.id, 'cluster', title);
  if (votes) header.append(votes);
  if (actions.children.length) header.append(actions);
  if (focusedAction) /** @type {HTMLElement | null} */ (header.querySelector(`[data-action="${focusedAction}"]`))?.focus({ preventScroll: true });
}

/**
 * What the dots part of a note or group shows, for the re-render check.
 * @param {string} id
 * @param {'note' | 'cluster'} kind
 */
function voteSignature(id, kind) {
  const v = model.vote;
  if (!v || v.state !== 'open' || !model.voteTargets(kind)) return null;
  return [v.id, model.canVote, v.myVotes.get(id) || 0, v.tally ? v.tally.get(id) || 0 : null];
}

/**
 * "+ Dot" / "− Dot" buttons with your dots (and the tally when the vote is not secret), or null.
 * @param {string} id
 * @param {'note' | 'cluster'} kind
 * @param {string} short accessible name part
 */
function voteControls(id, kind, short) {
  const v = model.vote;
  if (!v || v.state !== 'open' || !model.voteTargets(kind)) return null;
  const box = el('div', { className: 'vote-controls' });
  const mine = v.myVotes.get(id) || 0;
  const dots = el('span', { className: 'my-dots', text: t('vote.yourDots', { count: mine }) });
  dots.dataset.count = String(mine);
  box.append(dots);
  if (v.tally) box.append(el('span', { className: 'vote-tally', text: t('vote.tally', { count: v.tally.get(id) || 0 }) }));
  if (model.canVote) {
    const add = button(t('vote.add'), 'small vote-add', 'vote-add');
    add.setAttribute('aria-label', t('vote.addLabel', { excerpt: short }));
    add.addEventListener('click', () => castVote(id, 1));
    const sub = button(t('vote.remove'), 'small vote-remove', 'vote-remove');
    sub.setAttribute('aria-label', t('vote.removeLabel', { excerpt: short }));
    sub.disabled = mine === 0;
    sub.addEventListener('click', () => castVote(id, -1));
    box.append(add, sub);
  }
  return box;
}

/**
 * @param {string} targetId
 * @param {1 | -1} delta
 */
async function castVote(targetId, delta) {
  const reply = await command({ op: delta > 0 ? 'vote.cast' : 'vote.retract', targetId }, voteError);
  if (!reply) return;
  model.noteOwnVote(targetId, delta);
  const announceLeft = () => announce(t(delta > 0 ? 'announce.voteAdded' : 'announce.voteRemoved', { left: model.myDotsLeft() }));
  if (typeof reply.seq === 'number') whenApplied(reply.seq, () => {
    announceLeft();
    scheduleRender();
  });
  else announceLeft();
  scheduleRender();
}

/**
 * A facilitator's button that shows a note or group large to everyone (view.focus).
 * @param {{noteId?: string, clusterId?: string}} target
 * @param {string} short
 */
function spotlightButton(target, short) {
  const b = button(t('note.focus'), 'small', 'focus');
  b.setAttribute('aria-label', t('note.focusLabel', { excerpt: short }));
  b.addEventListener('click', () => command({ op: 'view.focus', ...target }));
  return b;
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
  const author = authorLine(note);
  const canEdit = model.canEditNotes;
  const mode = isEditing && canEdit ? 'edit' : isConfirming && canEdit ? 'confirm' : 'show';
  const hidden = !!note.hidden || (!!note.pending && !model.notes.has(note.id) && model.settings.privateMode);
  const groupSig = where === 'list' && canEdit ? [note.clusterId || null, Array.from(model.clusters.values()).map((c) => [c.id, c.title])] : null;
  const signature = JSON.stringify([lang(), mode, note.text, note.color, author, unsent, config.colors, canEdit, hidden, note.mine,
    model.isFacilitator, voteSignature(note.id, 'note'), groupSig, where === 'list' ? journeyView.listSignature(note) : null]);
  container.classList.toggle('is-private', hidden);
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
  if (where === 'canvas') container.setAttribute('aria-label', noteLabel(note));

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
  if (author) meta.append(el('span', { className: 'note-author', text: author }));
  if (hidden) {
    const mineHidden = note.mine || note.pending || (note.authorId && note.authorId === me());
    meta.append(el('span', { className: 'note-private', text: t(mineHidden ? 'note.private' : 'note.hiddenFromOthers') }));
  }
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
  if (canEdit) actions.append(edit, colour, del);
  if (model.isFacilitator && !note.pending) actions.append(spotlightButton({ noteId: note.id }, short));
  if (!note.pending && !hidden) actions.append(...outcomesView.makeButtons({ noteId: note.id }, short));
  /** @type {HTMLElement[]} */
  const parts = [text, meta];
  const votes = note.pending ? null : voteControls(note.id, 'note', short);
  if (votes) parts.push(votes);
  if (where === 'list' && canEdit && !note.pending) parts.push(groupControl(note, short));
  if (where === 'list') parts.push(...journeyView.listExtras(note));
  if (actions.children.length) parts.push(actions);
  container.replaceChildren(...parts);
  if (focusedAction) {
    const again = /** @type {HTMLElement | null} */ (container.querySelector(`[data-action="${focusedAction}"]`));
    again?.focus({ preventScroll: true });
  }
}

/**
 * The keyboard way to group notes (list view): choose a group, or a new one, and move the note there.
 * @param {ViewNote} note
 * @param {string} short
 */
function groupControl(note, short) {
  const box = el('div', { className: 'group-control' });
  const selectId = 'group-' + note.id;
  const label = el('label', { text: t('group.label') });
  label.htmlFor = selectId;
  const select = el('select', { className: 'group-select' });
  select.id = selectId;
  select.dataset.action = 'group-select';
  const none = el('option', { text: t('group.none') });
  none.value = '';
  select.append(none);
  for (const c of model.clusters.values()) {
    const o = el('option', { text: clusterTitle(c) });
    o.value = c.id;
    select.append(o);
  }
  const fresh = el('option', { text: t('group.new') });
  fresh.value = '__new';
  select.append(fresh);
  select.value = note.clusterId && model.clusters.has(note.clusterId) ? note.clusterId : '';
  const titleId = 'group-title-' + note.id;
  const titleBox = el('div', { className: 'group-new-title' });
  const titleLabel = el('label', { text: t('group.newTitle') });
  titleLabel.htmlFor = titleId;
  const titleInput = el('input', { className: 'group-title-input' });
  titleInput.type = 'text';
  titleInput.id = titleId;
  titleInput.maxLength = 200;
  titleBox.append(titleLabel, titleInput);
  titleBox.hidden = true;
  select.addEventListener('change', () => {
    titleBox.hidden = select.value !== '__new';
  });
  const apply = button(t('group.apply'), 'small group-apply', 'group-apply');
  apply.setAttribute('aria-label', t('group.applyLabel', { excerpt: short }));
  apply.addEventListener('click', async () => {
    const value = select.value;
    if (value === (note.clusterId || '')) return;
    if (value === '__new') {
      /** @type {Command} */
      const cmd = { op: 'cluster.create', noteIds: [note.id] };
      if (titleInput.value.trim()) cmd.title = titleInput.value.trim();
      if (await command(cmd)) announce(t('announce.grouped'));
    } else if (value === '') {
      if (await command({ op: 'note.ungroup', noteId: note.id })) announce(t('announce.ungrouped'));
    } else if (await command({ op: 'cluster.add', id: value, noteId: note.id })) {
      announce(t('announce.grouped'));
    }
  });
  const row = el('div', { className: 'group-row' });
  row.append(select, apply);
  box.append(label, row, titleBox);
  if (note.clusterId && model.clusters.has(note.clusterId)) {
    const out = button(t('group.remove'), 'small secondary', 'group-remove');
    out.setAttribute('aria-label', t('group.removeLabel', { excerpt: short }));
    out.addEventListener('click', async () => {
      if (await command({ op: 'note.ungroup', noteId: note.id })) announce(t('announce.ungrouped'));
    });
    box.append(out);
  }
  return box;
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
  closeOnEscape(form, close, true);
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
function canvasSize() {
  return { width: canvas.clientWidth || 800, height: canvas.clientHeight || 500 };
}

/** The board coordinate at the centre of what the canvas shows. */
function visibleCentre() {
  return viewportCentre(pan, zoom, canvasSize());
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
  if (!model.loaded || !model.canEditNotes) return;
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
  // the server refuses it too (per-person quotas); saying so here keeps the text in the form
  const overQuota = quotaRefusal(viewNotes().values(), me(), text, config);
  if (overQuota) {
    showMessage(newNoteError, tError(overQuota));
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
  plane.style.transform = `translate(${pan.x}px, ${pan.y}px) scale(${zoom})`;
  canvas.style.backgroundPosition = `${pan.x}px ${pan.y}px`;
  canvas.style.backgroundSize = `${24 * zoom}px ${24 * zoom}px`;
  zoomLevel.textContent = Math.round(zoom * 100) + ' %';
}

/** The local person moved or zoomed the canvas: when everyone follows them, tell the server (at most 5 times a second). */
function userMovedView() {
  if (isLeading()) sendFollow();
}

const sendFollow = throttle(() => {
  if (!isLeading()) return;
  const c = visibleCentre();
  command({ op: 'view.follow', x: clamp(c.x, config.maxCoordinate), y: clamp(c.y, config.maxCoordinate), zoom }, facError);
}, 200);

/** whether everyone follows this person's view */
function isLeading() {
  const f = model.view.follow;
  return !!f && model.isFacilitator && (f.by === me() || (!f.by && followStartedHere));
}
let followStartedHere = false;

/** @param {number} factor */
function zoomBy(factor) {
  const size = canvasSize();
  const c = viewportCentre(pan, zoom, size);
  zoom = clampZoom(zoom * factor);
  const p = panFor(c, zoom, size);
  pan.x = p.x;
  pan.y = p.y;
  applyPan();
  scheduleRender();
  userMovedView();
}
byId('zoom-in').addEventListener('click', () => zoomBy(1.25));
byId('zoom-out').addEventListener('click', () => zoomBy(0.8));
byId('zoom-reset').addEventListener('click', () => zoomBy(1 / zoom));
canvas.addEventListener('wheel', (e) => {
  if (!e.ctrlKey) return;
  e.preventDefault();
  zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1);
}, { passive: false });

/** After the first load, show the top-left of the notes. */
function centreOnNotes() {
  let minX = Infinity;
  let minY = Infinity;
  for (const n of model.notes.values()) {
    minX = Math.min(minX, n.x);
    minY = Math.min(minY, n.y);
  }
  if (Number.isFinite(minX)) {
    pan.x = 40 - minX * zoom;
    pan.y = 40 - minY * zoom;
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
  const left = note.x * zoom + pan.x;
  const top = note.y * zoom + pan.y;
  const width = (article.offsetWidth || NOTE_SIZE.width) * zoom;
  const height = (article.offsetHeight || NOTE_SIZE.height) * zoom;
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

/** @type {{kind: 'pan' | 'note' | 'cluster', id?: string, startX: number, startY: number, originX: number, originY: number, moved: boolean, pointerId: number, members?: Map<string, {x: number, y: number}>} | null} */
let drag = null;

canvas.addEventListener('pointerdown', (e) => {
  if (e.button !== 0 && e.pointerType === 'mouse') return;
  const target = /** @type {HTMLElement} */ (e.target);
  if (target.closest('button, textarea, select, input, a, label, form')) return;
  const article = /** @type {HTMLElement | null} */ (target.closest('article.note'));
  const bar = /** @type {HTMLElement | null} */ (target.closest('.cluster-bar'));
  if ((article || bar) && !model.canEditNotes) {
    // read-only: the board can still be moved around
  } else if (bar) {
    const id = /** @type {HTMLElement} */ (bar.closest('.cluster')).dataset.clusterId;
    const members = new Map();
    for (const n of viewNotes().values()) if (n.clusterId === id) members.set(n.id, { x: n.x, y: n.y });
    drag = { kind: 'cluster', id, startX: e.clientX, startY: e.clientY, originX: 0, originY: 0, moved: false, pointerId: e.pointerId, members };
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      /* ignore */
    }
    return;
  }
  if (article && model.canEditNotes) {
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
    userMovedView();
  } else if (drag.kind === 'cluster') {
    for (const [id, origin] of drag.members) {
      const x = clamp(Math.round(origin.x + dx / zoom), config.maxCoordinate);
      const y = clamp(Math.round(origin.y + dy / zoom), config.maxCoordinate);
      localMoves.set(id, { x, y });
      const article = canvasEls.get(id);
      if (article) {
        article.style.left = x + 'px';
        article.style.top = y + 'px';
      }
    }
    renderClusters(viewNotes());
  } else {
    const x = clamp(Math.round(drag.originX + dx / zoom), config.maxCoordinate);
    const y = clamp(Math.round(drag.originY + dy / zoom), config.maxCoordinate);
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
  if (d.kind === 'cluster') {
    const dx = Math.round((e.clientX - d.startX) / zoom);
    const dy = Math.round((e.clientY - d.startY) / zoom);
    if (!d.moved || e.type !== 'pointerup' || (!dx && !dy)) {
      for (const id of d.members.keys()) localMoves.delete(id);
      scheduleRender();
      return;
    }
    // the notes stay where they were dropped until the server's cluster.moved event is in
    const release = () => {
      for (const id of d.members.keys()) localMoves.delete(id);
      scheduleRender();
    };
    command({ op: 'cluster.move', id: d.id, dx, dy }).then((reply) => {
      if (reply && typeof reply.seq === 'number') whenApplied(reply.seq, release);
      else release();
    });
    return;
  }
  if (d.kind === 'note') {
    const article = canvasEls.get(d.id);
    article?.classList.remove('is-dragging');
    const pos = localMoves.get(d.id);
    localMoves.delete(d.id);
    if (d.moved && pos && e.type === 'pointerup') {
      enqueue({ op: 'note.move', id: d.id, x: pos.x, y: pos.y });
      groupByDrop(d.id, e);
    } else {
      scheduleRender();
      if (!d.moved && article && e.type === 'pointerup') article.focus({ preventScroll: true });
    }
  }
}
/**
 * A note dropped onto another note joins it in a group (a new one, or the one the other note is in).
 * @param {string} id
 * @param {PointerEvent} e
 */
function groupByDrop(id, e) {
  const under = document.elementsFromPoint(e.clientX, e.clientY)
    .map((x) => /** @type {HTMLElement | null} */ (x.closest('article.note')))
    .find((a) => a && a.dataset.noteId !== id);
  if (!under) return;
  const notes = viewNotes();
  const target = notes.get(under.dataset.noteId);
  const dropped = notes.get(id);
  if (!target || !dropped || target.pending || dropped.pending) return;
  if (target.clusterId && model.clusters.has(target.clusterId)) {
    if (dropped.clusterId === target.clusterId) return;
    command({ op: 'cluster.add', id: target.clusterId, noteId: id }).then((r) => r && announce(t('announce.grouped')));
  } else {
    command({ op: 'cluster.create', noteIds: [target.id, id] }).then((r) => r && announce(t('announce.grouped')));
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
      userMovedView();
    } else if (e.key === 'Home') {
      e.preventDefault();
      centreOnNotes();
      userMovedView();
    } else if (e.key === '+' || e.key === '-') {
      e.preventDefault();
      zoomBy(e.key === '+' ? 1.25 : 0.8);
    }
    return;
  }
  if (target.matches('article.note') && dir && e.shiftKey && !e.altKey && model.canEditNotes) {
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

// ---- phase bar, timer, presence, banners -----------------------------------------------------------------
function renderPhaseBar() {
  const phase = model.currentPhase;
  phaseInfo.hidden = !phase;
  // set only on change, so the polite live region speaks once per phase change
  const title = phase ? phase.title : '';
  const instructions = phase ? phase.instructions : '';
  if (phaseTitleEl.textContent !== title) phaseTitleEl.textContent = title;
  if (phaseInstructionsEl.textContent !== instructions) phaseInstructionsEl.textContent = instructions;
  phaseInstructionsEl.hidden = !instructions;
}

/** @type {number | null} */
let lastRemaining = null;
let lastTimerKey = '';

/** Updates the clock (four times a second while a timer runs) and speaks at one minute left and at the end. */
function tick() {
  if (!model.loaded || fatal) return;
  const timer = model.timer;
  const remaining = timerRemaining(timer, model.clockOffset);
  const key = JSON.stringify(timer);
  if (key !== lastTimerKey) {
    lastTimerKey = key;
    lastRemaining = timer.state === 'running' ? remaining : null;
  }
  timerBox.hidden = timer.state === 'stopped';
  const text = formatClock(remaining);
  if (timerEl.textContent !== text) timerEl.textContent = text;
  timerBox.classList.toggle('is-low', timer.state === 'running' && remaining <= 60000);
  timerStateEl.hidden = timer.state !== 'paused';
  timerStateEl.textContent = timer.state === 'paused' ? t('timer.paused') : '';
  if (timer.state === 'running') {
    const said = timerAnnouncement(lastRemaining, remaining);
    if (said) announce(t(said === 'end' ? 'timer.end' : 'timer.oneMinute'));
    lastRemaining = remaining;
  }
  renderVoteStatus();
}
setInterval(tick, 250);

function renderBanners() {
  const s = model.settings;
  bannerPrivate.hidden = !s.privateMode;
  bannerPrivate.textContent = model.isFacilitator ? t('banner.privateFacilitator') : t('banner.private');
  bannerLocked.hidden = !s.locked;
  bannerLocked.textContent = model.isFacilitator ? t('banner.lockedFacilitator') : t('banner.locked');
  const f = model.view.follow;
  bannerFollow.hidden = !f;
  if (f) {
    if (isLeading()) {
      followText.textContent = t('banner.following');
      stopFollowing.hidden = true;
    } else {
      followText.textContent = t(followOptOut ? 'banner.followStopped' : 'banner.follow');
      stopFollowing.hidden = false;
      stopFollowing.textContent = t(followOptOut ? 'follow.again' : 'follow.stop');
    }
  }
}

stopFollowing.addEventListener('click', () => {
  followOptOut = !followOptOut;
  lastFollowKey = '';
  render();
  stopFollowing.focus();
});

/** Pans and zooms to the facilitator's view, unless you lead or chose not to follow. */
function applyFollow() {
  const f = model.view.follow;
  if (!f) {
    followOptOut = false;
    lastFollowKey = '';
    followStartedHere = false;
    return;
  }
  if (isLeading() || followOptOut) return;
  const key = JSON.stringify([f.x, f.y, f.zoom]);
  if (key === lastFollowKey) return;
  lastFollowKey = key;
  zoom = clampZoom(f.zoom || 1);
  const p = panFor({ x: f.x, y: f.y }, zoom, canvasSize());
  pan.x = p.x;
  pan.y = p.y;
  applyPan();
}

function renderPresenceButtons() {
  toggleReady.setAttribute('aria-pressed', String(model.ready.has(me())));
  toggleHand.setAttribute('aria-pressed', String(model.hands.has(me())));
}

toggleReady.addEventListener('click', () => {
  const next = !model.ready.has(me());
  if (next) model.ready.add(me());
  else model.ready.delete(me());
  renderPresenceButtons();
  renderParticipants();
  command({ op: 'presence.ready', ready: next });
});
toggleHand.addEventListener('click', () => {
  const next = !model.hands.has(me());
  if (next) model.hands.add(me());
  else model.hands.delete(me());
  renderPresenceButtons();
  renderParticipants();
  command({ op: 'presence.hand', raised: next });
});

/** @type {Set<string>} */
let knownHands = new Set();
/** Facilitators hear when someone raises a hand. */
function announceHands() {
  if (model.isFacilitator) {
    for (const id of model.hands) if (!knownHands.has(id) && id !== me()) announce(t('announce.hand', { name: model.participantName(id) || t('note.unknownAuthor') }));
  }
  knownHands = new Set(model.hands);
}

function renderAddForm() {
  const can = model.canEditNotes;
  for (const c of [newNoteText, newNoteColor, /** @type {HTMLButtonElement} */ (newNoteForm.querySelector('button[type=submit]'))]) c.disabled = !can;
  addNoteDisabled.hidden = can;
  addNoteDisabled.textContent = can ? '' : t(model.isObserver ? 'addNote.observer' : 'addNote.locked');
}

// ---- voting ----------------------------------------------------------------------------------------------
function renderVote() {
  const v = model.vote;
  voteArea.hidden = !v || v.state !== 'open';
  if (voteArea.hidden) showMessage(voteError, '');
  renderVoteStatus();
}

function renderVoteStatus() {
  const v = model.vote;
  if (!v || v.state !== 'open') return;
  const parts = [];
  if (model.canVote) parts.push(t('vote.left', { left: model.myDotsLeft(), budget: v.budget }));
  else parts.push(t('vote.observer'));
  if (model.isFacilitator) parts.push(t('vote.cast', { count: v.cast }));
  if (v.endsAt) parts.push(t('vote.endsIn', { time: formatClock(Math.max(0, v.endsAt - (Date.now() + model.clockOffset))) }));
  const text = parts.join(' ');
  if (voteStatus.textContent !== text) voteStatus.textContent = text;
}

function renderResults() {
  const closed = model.votes.filter((v) => v.results);
  voteResults.hidden = !closed.length;
  const sig = JSON.stringify([lang(), closed.map((v) => [v.id, v.results]), closed.flatMap((v) => v.results.map((r) => resultLabel(r.kind, r.targetId)))]);
  if (voteResultsList.dataset.signature === sig) return;
  voteResultsList.dataset.signature = sig;
  voteResultsList.replaceChildren();
  // the newest vote first
  closed.map((v, i) => ({ v, number: i + 1 })).reverse().forEach(({ v, number }) => {
    const section = el('section', { className: 'vote-result' });
    section.dataset.voteId = v.id;
    section.append(el('h3', { text: t('results.vote', { number }) }));
    const ranked = rankedResults(v, resultLabel).filter((r) => r.votes > 0);
    if (!ranked.length) {
      section.append(el('p', { className: 'hint', text: t('results.empty') }));
    } else {
      const ol = el('ol', { className: 'result-list' });
      for (const r of ranked) {
        const li = el('li');
        li.dataset.targetId = r.targetId;
        li.append(el('span', { className: 'result-label', text: r.label ?? t('results.gone') }), ' ', el('span', { className: 'result-count', text: t('results.votes', { count: r.votes }) }));
        ol.append(li);
      }
      section.append(ol);
    }
    voteResultsList.append(section);
  });
}

/**
 * @param {string} kind
 * @param {string} id
 * @returns {string | null}
 */
function resultLabel(kind, id) {
  if (kind === 'cluster') {
    const c = model.clusters.get(id);
    return c ? t('results.cluster', { title: clusterTitle(c) }) : null;
  }
  const n = model.notes.get(id);
  return n ? excerpt(n.text, 120) : null;
}

// ---- spotlight -------------------------------------------------------------------------------------------
/** @param {Map<string, ViewNote>} notes */
function renderFocus(notes) {
  const f = model.view.focus;
  const key = f ? JSON.stringify(f) : null;
  if (!key) {
    dismissedFocusKey = null;
    if (focusDialog.open) focusDialog.close();
    return;
  }
  focusEnd.hidden = !model.isFacilitator;
  const content = [];
  if (f.noteId) {
    const n = notes.get(f.noteId);
    if (n) {
      content.push(el('p', { className: 'focus-text', text: n.text }));
      const by = authorLine(n);
      if (by) content.push(el('p', { className: 'note-meta', text: by }));
    }
  } else if (f.clusterId) {
    const c = model.clusters.get(f.clusterId);
    if (c) {
      content.push(el('p', { className: 'focus-text', text: clusterTitle(c) }));
      const ul = el('ul', { className: 'focus-notes' });
      for (const n of listOrder(notes.values())) if (n.clusterId === c.id) ul.append(el('li', { text: n.text }));
      content.push(ul);
    }
  }
  const sig = JSON.stringify([lang(), key, content.map((c) => c.textContent)]);
  if (focusContent.dataset.signature !== sig) {
    focusContent.dataset.signature = sig;
    focusContent.replaceChildren(...content);
  }
  if (key !== dismissedFocusKey && !focusDialog.open && content.length) {
    try {
      focusDialog.showModal();
    } catch {
      focusDialog.setAttribute('open', '');
    }
  }
}
focusDialog.addEventListener('close', () => {
  const f = model.view.focus;
  dismissedFocusKey = f ? JSON.stringify(f) : null;
});
byId('focus-close').addEventListener('click', () => focusDialog.close());
focusEnd.addEventListener('click', () => command({ op: 'view.focus' }));
focusEndPanel.addEventListener('click', () => command({ op: 'view.focus' }, facError));

// ---- facilitator panel -----------------------------------------------------------------------------------
function renderFacilitatorPanel() {
  facPanel.hidden = !model.isFacilitator;
  if (!model.isFacilitator) return;
  for (const box of settingBoxes) {
    const key = box.dataset.setting;
    const pending = pendingSettings.get(key);
    box.checked = pending ? pending.value : !!model.settings[key];
  }
  const t0 = model.timer.state;
  timerPause.textContent = t(t0 === 'paused' ? 'fac.timer.resume' : 'fac.timer.pause');
  timerPause.disabled = t0 === 'stopped';
  timerAdd.disabled = t0 === 'stopped';
  timerStop.disabled = t0 === 'stopped';
  const v = model.vote;
  voteCloseBtn.disabled = !v || v.state !== 'open';
  voteReopenBtn.hidden = !v || v.state !== 'closed';
  const leading = isLeading();
  followStart.setAttribute('aria-pressed', String(leading));
  followRelease.disabled = !model.view.follow;
  focusEndPanel.hidden = !model.view.focus;
  renderPhaseList();
  renderFacParticipants();
}

for (const box of settingBoxes) {
  box.addEventListener('change', async () => {
    const key = box.dataset.setting;
    const value = box.checked;
    pendingSettings.set(key, { value, seq: Infinity });
    const reply = await command({ op: 'settings.update', [key]: value }, facError);
    const done = () => {
      if (pendingSettings.get(key)?.value === value) pendingSettings.delete(key);
      scheduleRender();
    };
    if (reply && typeof reply.seq === 'number') whenApplied(reply.seq, done);
    else done();
  });
}

byId('reveal-notes').addEventListener('click', () => command({ op: 'notes.reveal' }, facError));

/**
 * A whole number from an input, or null (and a message) when it is not in range.
 * @param {HTMLInputElement} input
 * @param {number} min
 * @param {number} max
 */
function readInt(input, min, max) {
  const n = Number(input.value);
  if (!input.value.trim() || !Number.isInteger(n) || n < min || n > max) {
    showMessage(facError, tError('invalid_number'));
    input.focus();
    return null;
  }
  return n;
}

byId('timer-start').addEventListener('click', () => {
  const minutes = readInt(timerMinutes, 1, 1440);
  if (minutes !== null) command({ op: 'timer.start', seconds: minutes * 60 }, facError);
});
timerPause.addEventListener('click', () => command({ op: model.timer.state === 'paused' ? 'timer.resume' : 'timer.pause' }, facError));
timerAdd.addEventListener('click', () => command({ op: 'timer.add', seconds: 60 }, facError));
timerStop.addEventListener('click', () => command({ op: 'timer.stop' }, facError));

voteOpenBtn.addEventListener('click', () => {
  const budget = readInt(voteBudget, 1, 100);
  if (budget === null) return;
  const maxPerItem = readInt(voteMax, 1, 100);
  if (maxPerItem === null) return;
  /** @type {Command} */
  const cmd = { op: 'vote.open', targets: voteTargetsSel.value, budget, maxPerItem, secret: voteSecret.checked };
  if (voteMinutes.value.trim()) {
    const minutes = readInt(voteMinutes, 1, 1440);
    if (minutes === null) return;
    cmd.seconds = minutes * 60;
  }
  command(cmd, facError);
});
voteCloseBtn.addEventListener('click', () => command({ op: 'vote.close' }, facError));
voteReopenBtn.addEventListener('click', () => {
  if (model.vote) command({ op: 'vote.reopen', voteId: model.vote.id }, facError);
});

followStart.addEventListener('click', () => {
  if (isLeading()) return;
  followStartedHere = true;
  const c = visibleCentre();
  command({ op: 'view.follow', x: clamp(c.x, config.maxCoordinate), y: clamp(c.y, config.maxCoordinate), zoom }, facError);
});
followRelease.addEventListener('click', () => {
  followStartedHere = false;
  sendFollow.cancel();
  command({ op: 'view.release' }, facError);
});

phaseForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const title = phaseNewTitle.value.trim();
  if (!title) {
    showMessage(facError, tError('invalid_title'));
    phaseNewTitle.focus();
    return;
  }
  /** @type {Command} */
  const cmd = { op: 'phase.add', title };
  if (phaseNewInstructions.value.trim()) cmd.instructions = phaseNewInstructions.value.trim();
  if (await command(cmd, facError)) {
    phaseNewTitle.value = '';
    phaseNewInstructions.value = '';
    phaseNewTitle.focus();
  }
});

function renderPhaseList() {
  const sig = JSON.stringify([lang(), model.phases, model.currentPhaseId, editingPhase]);
  if (phaseList.dataset.signature === sig) return;
  phaseList.dataset.signature = sig;
  const focused = /** @type {HTMLElement | null} */ (document.activeElement);
  const refocus = phaseList.contains(focused) ? [focused.closest('li')?.dataset.phaseId, focused.dataset.action] : null;
  phaseList.replaceChildren();
  phaseListEmpty.hidden = model.phases.length > 0;
  model.phases.forEach((phase, i) => {
    const li = el('li', { className: 'phase-item' });
    li.dataset.phaseId = phase.id;
    const current = phase.id === model.currentPhaseId;
    li.classList.toggle('is-current', current);
    if (editingPhase === phase.id) {
      li.append(phaseEditor(phase));
      phaseList.append(li);
      return;
    }
    const title = el('p', { className: 'phase-item-title', text: phase.title });
    if (current) title.append(' ', el('strong', { className: 'phase-current', text: '(' + t('fac.phase.current') + ')' }));
    li.append(title);
    if (phase.instructions) li.append(el('p', { className: 'hint', text: phase.instructions }));
    const actions = el('div', { className: 'note-actions' });
    /** @param {string} text @param {string} label @param {string} action @param {() => void} fn */
    const add = (text, label, action, fn) => {
      const b = button(t(text), 'small', action);
      b.setAttribute('aria-label', t(label, { title: phase.title }));
      b.addEventListener('click', fn);
      actions.append(b);
      return b;
    };
    const start = add('fac.phase.activate', 'fac.phase.activateLabel', 'activate', () => command({ op: 'phase.activate', id: phase.id }, facError));
    start.disabled = current;
    add('fac.phase.edit', 'fac.phase.editLabel', 'edit', () => {
      editingPhase = phase.id;
      renderPhaseList();
    });
    const up = add('fac.phase.up', 'fac.phase.upLabel', 'up', () => command({ op: 'phase.move', id: phase.id, index: i - 1 }, facError));
    up.disabled = i === 0;
    const down = add('fac.phase.down', 'fac.phase.downLabel', 'down', () => command({ op: 'phase.move', id: phase.id, index: i + 1 }, facError));
    down.disabled = i === model.phases.length - 1;
    add('fac.phase.remove', 'fac.phase.removeLabel', 'remove', () => command({ op: 'phase.remove', id: phase.id }, facError));
    li.append(actions);
    phaseList.append(li);
  });
  if (refocus) {
    const li = Array.from(phaseList.children).find((x) => /** @type {HTMLElement} */ (x).dataset.phaseId === refocus[0]);
    const target = /** @type {HTMLElement | null} */ (li?.querySelector(`[data-action="${refocus[1]}"]:not(:disabled)`) || li?.querySelector('button:not(:disabled)'));
    (target || phaseNewTitle).focus();
  }
}

/** @param {import('./lib/board-model.js').Phase} phase */
function phaseEditor(phase) {
  const form = el('form', { className: 'phase-editor' });
  form.noValidate = true;
  const tId = 'phase-edit-title-' + phase.id;
  const iId = 'phase-edit-instructions-' + phase.id;
  const tl = el('label', { text: t('fac.phase.title') });
  tl.htmlFor = tId;
  const ti = el('input');
  ti.type = 'text';
  ti.id = tId;
  ti.maxLength = 200;
  ti.value = phase.title;
  const il = el('label', { text: t('fac.phase.instructions') });
  il.htmlFor = iId;
  const ii = el('textarea');
  ii.id = iId;
  ii.rows = 3;
  ii.maxLength = 2000;
  ii.value = phase.instructions;
  const save = el('button', { className: 'small primary', text: t('note.save') });
  save.type = 'submit';
  const cancel = button(t('note.cancel'), 'small secondary', 'cancel');
  const close = () => {
    editingPhase = null;
    renderPhaseList();
  };
  cancel.addEventListener('click', close);
  closeOnEscape(form, close);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const title = ti.value.trim();
    if (!title) {
      showMessage(facError, tError('invalid_title'));
      ti.focus();
      return;
    }
    /** @type {Command} */
    const cmd = { op: 'phase.update', id: phase.id };
    if (title !== phase.title) cmd.title = title;
    if (ii.value.trim() !== phase.instructions) cmd.instructions = ii.value.trim();
    if (cmd.title === undefined && cmd.instructions === undefined) return close();
    if (await command(cmd, facError)) close();
  });
  const actions = el('div', { className: 'note-actions' });
  actions.append(save, cancel);
  form.append(tl, ti, il, ii, actions);
  requestAnimationFrame(() => ti.focus());
  return form;
}

function renderFacParticipants() {
  const list = model.activeParticipants();
  const sig = JSON.stringify([lang(), list.map((p) => [p.id, p.name, p.role, p.online, model.ready.has(p.id), model.hands.has(p.id)]), confirmingRemoval]);
  if (facParticipants.dataset.signature === sig) return;
  facParticipants.dataset.signature = sig;
  const focused = /** @type {HTMLElement | null} */ (document.activeElement);
  const refocus = facParticipants.contains(focused) ? [focused.closest('li')?.dataset.participantId, focused.dataset.action] : null;
  facParticipants.replaceChildren();
  for (const p of list) {
    const li = el('li', { className: 'fac-participant' });
    li.dataset.participantId = p.id;
    const name = p.name || t('note.unknownAuthor');
    const line = el('p', { className: 'fac-participant-name' });
    line.append(el('span', { text: participantText(p) }), ' ', el('span', { className: 'hint', text: '(' + t(p.online ? 'fac.participant.online' : 'fac.participant.offline') + ')' }));
    appendFlags(line, p.id);
    li.append(line);
    const actions = el('div', { className: 'note-actions' });
    if (confirmingRemoval === p.id) {
      li.append(el('p', { className: 'confirm-text', text: t('fac.participant.confirmRemove', { name }) }));
      // the choice to keep this person's browser out for good (PROTOCOL.md, participant.remove with bar)
      const barLabel = el('label', { className: 'check' });
      const bar = /** @type {HTMLInputElement} */ (el('input'));
      bar.type = 'checkbox';
      bar.id = 'bar-' + p.id;
      bar.dataset.action = 'bar';
      bar.checked = barOnRemoval;
      bar.setAttribute('aria-describedby', 'bar-hint-' + p.id);
      bar.addEventListener('change', () => {
        barOnRemoval = bar.checked;
      });
      barLabel.htmlFor = bar.id;
      barLabel.append(bar, ' ', el('span', { text: t('fac.participant.bar') }));
      const barHint = el('p', { className: 'hint', text: t('fac.participant.barHint') });
      barHint.id = 'bar-hint-' + p.id;
      li.append(barLabel, barHint);
      const yes = button(t('fac.participant.confirmYes'), 'small danger', 'confirm-remove');
      yes.addEventListener('click', async () => {
        const barred = barOnRemoval;
        confirmingRemoval = null;
        barOnRemoval = false;
        const reply = await command({ op: 'participant.remove', participantId: p.id, bar: barred }, facError);
        if (reply && barred) announce(t(reply.barredDevices ? 'fac.participant.barred' : 'fac.participant.barredNone', { name }));
        renderFacParticipants();
      });
      const no = button(t('note.cancel'), 'small secondary', 'cancel-remove');
      no.addEventListener('click', () => {
        confirmingRemoval = null;
        barOnRemoval = false;
        renderFacParticipants();
        /** @type {HTMLElement | null} */ (facParticipants.querySelector(`li[data-participant-id="${CSS.escape(p.id)}"] [data-action=remove]`))?.focus();
      });
      actions.append(yes, no);
      li.append(actions);
      facParticipants.append(li);
      if (focusRemovalCancel) {
        focusRemovalCancel = false;
        requestAnimationFrame(() => no.focus());
      }
      continue;
    }
    if (p.role !== 'facilitator' && p.id !== me()) {
      const selId = 'role-' + p.id;
      const label = el('label', { className: 'visually-hidden', text: t('fac.participant.role', { name }) });
      label.htmlFor = selId;
      const sel = el('select', { className: 'role-select' });
      sel.id = selId;
      sel.dataset.action = 'role';
      for (const r of ['cofacilitator', 'participant', 'observer']) {
        const o = el('option', { text: t('role.' + r) });
        o.value = r;
        sel.append(o);
      }
      sel.value = p.role && p.role !== 'facilitator' ? p.role : 'participant';
      sel.addEventListener('change', () => command({ op: 'participant.role', participantId: p.id, role: sel.value }, facError));
      li.append(label, sel);
    }
    if (model.hands.has(p.id)) {
      const lower = button(t('fac.participant.lowerHand'), 'small', 'lower-hand');
      lower.setAttribute('aria-label', t('fac.participant.lowerHandLabel', { name }));
      lower.addEventListener('click', () => command({ op: 'presence.hand', raised: false, participantId: p.id }, facError));
      actions.append(lower);
    }
    if (p.role !== 'facilitator' && p.id !== me()) {
      const rm = button(t('fac.participant.remove'), 'small', 'remove');
      rm.setAttribute('aria-label', t('fac.participant.removeLabel', { name }));
      rm.addEventListener('click', () => {
        confirmingRemoval = p.id;
        barOnRemoval = false;
        focusRemovalCancel = true;
        renderFacParticipants();
      });
      actions.append(rm);
    }
    if (actions.children.length) li.append(actions);
    facParticipants.append(li);
  }
  if (refocus) {
    const li = Array.from(facParticipants.children).find((x) => /** @type {HTMLElement} */ (x).dataset.participantId === refocus[0]);
    /** @type {HTMLElement | null} */ (li?.querySelector(`[data-action="${refocus[1]}"]`) || li?.querySelector('button, select'))?.focus();
  }
}

// ---- join code -----------------------------------------------------------------------------------------
/** @param {boolean} confirming */
function showJoinCodeConfirm(confirming) {
  facJoinCodeConfirm.hidden = !confirming;
  facJoinCodeNew.hidden = confirming;
  (confirming ? facJoinCodeNo : facJoinCodeNew).focus();
}

facJoinCodeNew.addEventListener('click', () => showJoinCodeConfirm(true));
facJoinCodeNo.addEventListener('click', () => showJoinCodeConfirm(false));
closeOnEscape(facJoinCodeConfirm, () => showJoinCodeConfirm(false));
facJoinCodeYes.addEventListener('click', async () => {
  facJoinCodeYes.disabled = true;
  try {
    const res = await api('/api/workshops/' + encodeURIComponent(workshopId) + '/join-code', { method: 'POST', body: {}, token });
    newJoinCode = String(res.joinCode || '');
    model.joinCode = newJoinCode;
    const link = new URL(String(res.joinUrl || '/?code=' + encodeURIComponent(newJoinCode)), location.href).href;
    facJoinCodeLink.href = link;
    facJoinCodeLink.textContent = link;
    facJoinCodeLinkLine.hidden = false;
    showMessage(facError, '');
    renderHeader();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) handleSyncError(err);
    else showMessage(facError, tError(err instanceof ApiError ? err.code : 'network_error'));
  } finally {
    facJoinCodeYes.disabled = false;
    showJoinCodeConfirm(false);
  }
});

// ---- view toggle ---------------------------------------------------------------------------------------
viewToggle.addEventListener('click', () => setView(currentView === 'list' ? 'canvas' : 'list'));

// ---- decisions, action items, exports (outcomes-view.js) ------------------------------------------------
const outcomesView = createOutcomesView({ model, command, whenApplied, announce, scheduleRender, workshopId, token });

// ---- start ---------------------------------------------------------------------------------------------
initPage(() => {
  setStatus(statusState);
  renderHeader();
  renderColorSelect();
  journeyView.relabel();
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
    if (c && typeof c.maxNotesPerParticipant === 'number') config.maxNotesPerParticipant = c.maxNotesPerParticipant;
    if (c && typeof c.maxTextPerParticipant === 'number') config.maxTextPerParticipant = c.maxTextPerParticipant;
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
      announceHands();
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
    onClosed: (meaning) => {
      // the server says why it closed the connection: removal and an ended session are final; after a role
      // change (or anything else) the bus reconnects, registers again and the board catches up as before
      if (meaning === 'removed') removedFromWorkshop();
      else if (meaning === 'session_ended') sessionEnded();
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
