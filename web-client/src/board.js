// The live board page: canvas view + list view of the same notes, kept live over the event bus.
// The parts are in board/ (context.js holds what they share); this file wires them together and starts the board.
import EventBus from '@vertx/eventbus-bridge-client.js';
import { initPage, t } from './lib/page.js';
import { api } from './lib/api.js';
import { BoardConnection, sockJsOptionsFromSearch } from './lib/connection.js';
import {
  model,
  config,
  outbox,
  state,
  sync,
  session,
  workshopId,
  token,
  loadingEl,
  app,
  onRender,
  onSnapshot,
  onSetView,
  scheduleRender,
  viewNotes,
  showFatal,
  setStatus,
  relabelStatus,
  renderPending,
  removedFromWorkshop,
  erasedFromWorkshop,
  sessionEnded,
  workshopEnded,
} from './board/context.js';
import { journeyView, outcomesView } from './board/embedded-views.js';
import { renderCanvas, renderClusters, centreOnNotes } from './board/canvas-view.js';
import './board/canvas-drag.js';
import { paintSelection } from './board/selection.js';
import { renderList } from './board/list-view.js';
import { forgetGoneRenaming } from './board/clusters.js';
import { renderParticipants, announceHands } from './board/presence.js';
import { renderPhaseBar, tick, renderBanners, applyFollow, renderPresenceButtons } from './board/phase-bar.js';
import { renderColorSelect, resetColorSelect, renderAddForm } from './board/new-note.js';
import { renderVote, renderResults } from './board/vote-panel.js';
import { renderFocus } from './board/spotlight.js';
import { renderFacilitatorPanel } from './board/facilitator-panel.js';
import { renderHeader, renderView, setView } from './board/layout.js';
import { renderUndoButtons } from './board/undo.js';
import { renderDrawer } from './board/drawer.js';
import { renderShare } from './board/share-dialog.js';
import { renderChimeToggle } from './board/chime.js';
import { renderPrivacy, setRetentionConfig } from './board/privacy.js';
import { applyLimits } from './lib/limits.js';

let firstSnapshotShown = false;

function render() {
  if (!model.loaded || state.fatal) return;
  const notes = viewNotes();
  const unsent = outbox.pendingNoteIds();
  const focused = /** @type {HTMLElement | null} */ (document.activeElement);
  forgetGoneRenaming();
  // notes in journey-map cells are on the map, not on the free canvas
  const onCanvas = new Map(Array.from(notes).filter(([, n]) => journeyView.onCanvas(n)));
  renderCanvas(onCanvas, unsent, focused);
  renderClusters(onCanvas);
  paintSelection();
  renderList(notes, unsent, focused);
  journeyView.render(notes);
  renderHeader();
  renderDrawer();
  renderShare();
  renderChimeToggle();
  renderParticipants();
  renderPending();
  renderPhaseBar();
  renderBanners();
  renderPrivacy();
  renderPresenceButtons();
  renderAddForm();
  renderVote();
  renderResults();
  renderFacilitatorPanel();
  outcomesView.render();
  applyFollow();
  renderFocus(notes);
  renderUndoButtons();
  tick();
  if (state.editing && !notes.has(state.editing.noteId)) state.editing = null;
  if (state.confirming && !notes.has(state.confirming.noteId)) state.confirming = null;
}

onRender(render);
onSetView(setView);
onSnapshot(() => {
  if (!firstSnapshotShown) {
    firstSnapshotShown = true;
    loadingEl.hidden = true;
    app.hidden = false;
    centreOnNotes();
  }
  renderHeader();
});

// ---- start ---------------------------------------------------------------------------------------------
initPage(() => {
  relabelStatus();
  renderHeader();
  renderColorSelect();
  journeyView.relabel();
  if (state.fatal) return;
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
    setRetentionConfig(c);
    applyLimits(c, document);
    if (c && Array.isArray(c.colors) && c.colors.length)
      config.colors = c.colors.filter((/** @type {unknown} */ x) => typeof x === 'string');
    if (c && typeof c.defaultColor === 'string') config.defaultColor = c.defaultColor;
    if (c && typeof c.maxNoteText === 'number') config.maxNoteText = c.maxNoteText;
    if (c && typeof c.maxCoordinate === 'number') config.maxCoordinate = c.maxCoordinate;
    if (c && typeof c.maxNotesPerParticipant === 'number') config.maxNotesPerParticipant = c.maxNotesPerParticipant;
    if (c && typeof c.maxTextPerParticipant === 'number') config.maxTextPerParticipant = c.maxTextPerParticipant;
    resetColorSelect();
    scheduleRender();
  } catch {
    /* the built-in palette works until the server answers */
  }
}

function start() {
  if (!workshopId) return showFatal(t('board.noWorkshop'));
  if (!token) return showFatal(t('board.noToken'));
  loadConfig();
  const conn = new BoardConnection({
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
      session.resync();
      session.flush();
      // the register frame and the snapshot request race; one more catch-up shortly after closes that gap
      setTimeout(() => {
        if (state.conn?.isOpen && model.loaded && !sync.syncing) session.resync();
      }, 1500);
    },
    onState: (connState) => {
      setStatus(connState);
      if (connState !== 'online') outbox.requeueInflight();
      scheduleRender();
    },
    onResubscribed: () => {
      if (state.conn?.isOpen && model.loaded && !sync.syncing) session.resync();
    },
    onBusError: (err) => {
      const code = err && (err.body || err.message);
      if (code === 'access_denied') session.checkAccess();
    },
    onClosed: (meaning) => {
      // the server says why it closed the connection: removal and an ended session are final; after a role
      // change (or anything else) the bus reconnects, registers again and the board catches up as before
      if (meaning === 'removed') removedFromWorkshop();
      else if (meaning === 'erased') erasedFromWorkshop();
      else if (meaning === 'session_ended') sessionEnded();
      else if (meaning === 'workshop_closed' && !model.isFacilitator) workshopEnded();
      // a facilitator's board reconnects and loads a fresh snapshot: read-only when closed, writable when reopened
      else if (meaning === 'workshop_closed') sync.reset();
      else if (meaning === 'workshop_deleted') showFatal(t('life.board.deleted'));
    },
  });
  state.conn = conn;
  conn.start();
  // a safety net for an event lost on the way (the bridge gives no delivery guarantee): a cheap catch-up now
  // and then while online; it returns nothing when nothing was missed
  setInterval(() => {
    if (state.conn?.isOpen && model.loaded && !sync.syncing && !state.fatal && document.visibilityState !== 'hidden')
      session.resync();
  }, 30000);
  // if the event bus does not open soon (e.g. a network that blocks it), still show the board over HTTP;
  // the catch-up on open fills in whatever happens meanwhile
  setTimeout(() => {
    if (!model.loaded && !sync.syncing && !state.fatal) session.resync();
  }, 4000);
}

start();
