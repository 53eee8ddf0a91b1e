// The canvas: notes and group frames placed on a plane that pans and zooms; following the facilitator's view;
// the corner controls (zoom, fit, list, search, new note), double-click to add or edit a note in place.
import { t, byId, el } from '../lib/page.js';
import { clamp, groupByCluster, quotaRefusal } from '../lib/board-model.js';
import { throttle, viewportCentre, panFor, clampZoom, clusterBox } from '../lib/facilitation.js';
import { randomId } from '../lib/ids.js';
import {
  model,
  config,
  state,
  me,
  command,
  enqueue,
  announce,
  pan,
  camera,
  canvas,
  canvasSize,
  visibleCentre,
  viewNotes,
  scheduleRender,
  renderNow,
  clusterTitle,
  showBoardError,
  NOTE_SIZE,
} from './context.js';
import { canvasEls, fillNote, noteKeydown, openEditor, buildEditor, focusNote } from './note-card.js';
import { fillClusterHeader } from './clusters.js';
import { freeSpot, boundsOf, fitView, NOTE } from './placement.js';
import { matchesSearch, searchActive, onSearchJump, renderSearch } from './search.js';
import { tError } from '../lib/page.js';
import * as newNote from './new-note.js';

const plane = byId('canvas-plane');
const zoomLevel = byId('zoom-level');
const facError = byId('fac-error');

/**
 * @typedef {import('../lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('../lib/board-model.js').Command} Command
 * @typedef {import('./context.js').Where} Where
 */

/** @type {{x: number, y: number, id: string, el: HTMLElement} | null} a new note being written on the canvas */
let draft = null;

/**
 * @param {Map<string, ViewNote>} notes
 * @param {Set<string>} unsent
 * @param {HTMLElement | null} focused
 */
export function renderCanvas(notes, unsent, focused) {
  for (const [id, elem] of canvasEls) {
    if (!notes.has(id)) {
      const hadFocus = elem.contains(focused);
      elem.remove();
      canvasEls.delete(id);
      if (hadFocus) canvas.focus();
    }
  }
  const searching = searchActive();
  for (const note of notes.values()) {
    let article = canvasEls.get(note.id);
    if (!article) {
      article = el('article', { className: 'note' });
      article.dataset.noteId = note.id;
      article.tabIndex = 0;
      article.addEventListener('keydown', noteKeydown);
      canvasEls.set(note.id, article);
      plane.append(article);
    }
    article.style.left = note.x + 'px';
    article.style.top = note.y + 'px';
    const match = searching && matchesSearch(note);
    article.classList.toggle('is-match', match);
    article.classList.toggle('is-dimmed', searching && !match);
    fillNote(article, note, 'canvas', unsent.has(note.id));
  }
  renderSearch();
  byId('new-note-button').hidden = !model.canEditNotes;
  const stage = byId('board-stage');
  // in the list and journey views the same controls sit in a row above them
  stage.classList.toggle('is-list', state.currentView !== 'canvas');
}

/** @type {Map<string, HTMLElement>} */
const canvasClusterEls = new Map();

/**
 * Frames around the notes of each group on the canvas, with the group's name and size on a bar that moves the group.
 * @param {Map<string, ViewNote>} notes
 */
export function renderClusters(notes) {
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
    // the frame leaves room above the notes for its title
    const rect = clusterBox(
      g.notes.map((n) => ({ x: n.x, y: n.y, width: NOTE_SIZE.width, height: NOTE_SIZE.height })),
      14,
    );
    if (rect) {
      box.style.left = rect.x + 'px';
      box.style.top = rect.y - 30 + 'px';
      box.style.width = rect.width + 'px';
      box.style.height = rect.height + 30 + 'px';
    }
    box.setAttribute('aria-label', t('cluster.label', { title: clusterTitle(g.cluster) }));
    fillClusterHeader(/** @type {HTMLElement} */ (box.firstElementChild), g.cluster, 'canvas', g.notes.length);
  }
}

// ---- a new note written where one double-clicks ----------------------------------------------------------
/**
 * Opens a new note in inline editing at a board position (the note's top-left corner).
 * @param {{x: number, y: number}} at
 */
export function startDraft(at) {
  if (!model.loaded || !model.canEditNotes) return;
  cancelDraft(false);
  const others = Array.from(viewNotes().values());
  const pos = freeSpot(others, at, NOTE, config.maxCoordinate);
  const id = randomId();
  const article = el('article', {
    className: 'note note-draft is-editing color-' + config.defaultColor.replace(/[^a-z0-9-]/gi, ''),
  });
  article.setAttribute('aria-label', t('canvas.draftLabel'));
  article.style.left = pos.x + 'px';
  article.style.top = pos.y + 'px';
  article.append(
    buildEditor(
      { id, text: '' },
      'draft',
      (text) => saveDraft(text),
      () => cancelDraft(true),
    ),
  );
  plane.append(article);
  draft = { x: pos.x, y: pos.y, id, el: article };
  ensureVisibleAt(pos.x, pos.y);
  article.querySelector('textarea')?.focus({ preventScroll: true });
}

/** @param {string} text */
function saveDraft(text) {
  if (!draft) return;
  const overQuota = quotaRefusal(viewNotes().values(), me(), text, config);
  if (overQuota) {
    showBoardError(tError(overQuota));
    return;
  }
  const d = draft;
  draft = null;
  d.el.remove();
  enqueue({
    op: 'note.add',
    id: d.id,
    text,
    x: clamp(d.x, config.maxCoordinate),
    y: clamp(d.y, config.maxCoordinate),
    color: config.defaultColor,
  });
  announce(t('announce.added'));
  focusNote(d.id, 'canvas');
}

/** @param {boolean} refocus */
function cancelDraft(refocus) {
  if (!draft) return;
  draft.el.remove();
  draft = null;
  if (refocus) canvas.focus({ preventScroll: true });
}

canvas.addEventListener('dblclick', (e) => {
  // a drag captures the pointer to the canvas, so the event's target may be the canvas: look at what is under the pointer
  const under = /** @type {HTMLElement | null} */ (document.elementFromPoint(e.clientX, e.clientY));
  const target = under && canvas.contains(under) ? under : /** @type {HTMLElement} */ (e.target);
  if (target.closest('button, textarea, select, input, a, label, form, .cluster-bar')) return;
  const article = /** @type {HTMLElement | null} */ (target.closest('article.note'));
  if (article) {
    const id = article.dataset.noteId;
    if (id) {
      e.preventDefault();
      openEditor(id, 'canvas');
    }
    return;
  }
  e.preventDefault();
  const rect = canvas.getBoundingClientRect();
  const x = (e.clientX - rect.left - pan.x) / camera.zoom;
  const y = (e.clientY - rect.top - pan.y) / camera.zoom;
  startDraft({ x: Math.round(x - NOTE.width / 2), y: Math.round(y - NOTE.height / 2) });
});

// ---- canvas: panning, zoom, keyboard ---------------------------------------------------------------------
export function applyPan() {
  plane.style.transform = `translate(${pan.x}px, ${pan.y}px) scale(${camera.zoom})`;
  canvas.style.backgroundPosition = `${pan.x}px ${pan.y}px`;
  canvas.style.backgroundSize = `${24 * camera.zoom}px ${24 * camera.zoom}px`;
  zoomLevel.textContent = Math.round(camera.zoom * 100) + ' %';
}

/** The local person moved or zoomed the canvas: when everyone follows them, tell the server (at most 5 times a second). */
export function userMovedView() {
  if (isLeading()) sendFollow();
}

export const sendFollow = throttle(() => {
  if (!isLeading()) return;
  const c = visibleCentre();
  command(
    { op: 'view.follow', x: clamp(c.x, config.maxCoordinate), y: clamp(c.y, config.maxCoordinate), zoom: camera.zoom },
    facError,
  );
}, 200);

/** whether everyone follows this person's view */
export function isLeading() {
  const f = model.view.follow;
  return !!f && model.isFacilitator && (f.by === me() || (!f.by && follow.startedHere));
}
export const follow = {
  /** the follow was started here (before the server said by whom) */
  startedHere: false,
};

/** @param {number} factor */
export function zoomBy(factor) {
  const size = canvasSize();
  const c = viewportCentre(pan, camera.zoom, size);
  camera.zoom = clampZoom(camera.zoom * factor);
  const p = panFor(c, camera.zoom, size);
  pan.x = p.x;
  pan.y = p.y;
  applyPan();
  scheduleRender();
  userMovedView();
}

/** Zooms and pans so that every note on the canvas is in view. */
export function zoomToFit() {
  const box = boundsOf(
    Array.from(canvasEls.keys())
      .map((id) => viewNotes().get(id))
      .filter((n) => !!n)
      .map((n) => /** @type {ViewNote} */ (n)),
    NOTE_SIZE,
  );
  if (!box) return;
  // room above for group titles and the toolbar, below for the corner controls
  const { zoom, pan: p } = fitView(
    { x: box.x, y: box.y - 40, width: box.width, height: box.height + 40 + 56 },
    canvasSize(),
    { margin: 24, minZoom: 0.1, maxZoom: 1 },
  );
  camera.zoom = zoom;
  pan.x = p.x;
  pan.y = p.y;
  applyPan();
  scheduleRender();
  userMovedView();
  announce(t('canvas.fitted', { percent: Math.round(zoom * 100) }));
}

byId('zoom-in').addEventListener('click', () => zoomBy(1.25));
byId('zoom-out').addEventListener('click', () => zoomBy(0.8));
byId('zoom-fit').addEventListener('click', zoomToFit);
canvas.addEventListener(
  'wheel',
  (e) => {
    if (!e.ctrlKey) return;
    e.preventDefault();
    zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1);
  },
  { passive: false },
);

// shortcuts on the canvas and its notes: + and − zoom, 0 is 100 %, F fits every note in view, N writes a new note
canvas.addEventListener('keydown', (e) => {
  const target = /** @type {HTMLElement} */ (e.target);
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (target !== canvas && !target.matches('article.note')) return;
  if (e.key === '0') {
    e.preventDefault();
    zoomBy(1 / camera.zoom);
  } else if (e.key === 'f' || e.key === 'F') {
    e.preventDefault();
    zoomToFit();
  } else if ((e.key === '+' || e.key === '-' || e.key === '=') && target !== canvas) {
    // on the canvas itself, canvas-drag.js zooms
    e.preventDefault();
    zoomBy(e.key === '-' ? 0.8 : 1.25);
  } else if ((e.key === 'n' || e.key === 'N') && model.canEditNotes) {
    e.preventDefault();
    const c = visibleCentre();
    startDraft({ x: c.x - NOTE.width / 2, y: c.y - NOTE.height / 2 });
  }
});

/** After the first load, show the notes: all of them when they fit at a readable size, else the top-left ones. */
export function centreOnNotes() {
  let minX = Infinity;
  let minY = Infinity;
  for (const n of model.notes.values()) {
    minX = Math.min(minX, n.x);
    minY = Math.min(minY, n.y);
  }
  if (Number.isFinite(minX)) {
    pan.x = 40 - minX * camera.zoom;
    pan.y = 48 - minY * camera.zoom;
  }
  applyPan();
}

/** Puts a board position (a note's top-left corner) in view. @param {number} x @param {number} y */
function ensureVisibleAt(x, y) {
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  const left = x * camera.zoom + pan.x;
  const top = y * camera.zoom + pan.y;
  const width = NOTE_SIZE.width * camera.zoom;
  const height = NOTE_SIZE.height * camera.zoom;
  // keep room above for the toolbar and below for the corner controls
  if (left < 8) pan.x += 8 - left;
  else if (left + width > w - 8) pan.x -= Math.min(left + width - (w - 8), left - 8);
  if (top < 48) pan.y += 48 - top;
  else if (top + height > h - 64) pan.y -= Math.min(top + height - (h - 64), top - 48);
  applyPan();
}

/** @param {HTMLElement} article */
export function ensureVisible(article) {
  const id = article.dataset.noteId;
  const note = id ? viewNotes().get(id) : undefined;
  if (!note) return;
  ensureVisibleAt(note.x, note.y);
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
  if (article && article.dataset.noteId) ensureVisible(article);
});

// ---- the corner controls: list view, new note ------------------------------------------------------------
byId('new-note-button').addEventListener('click', () => {
  const open = /** @type {{openNewNote?: () => void}} */ (/** @type {unknown} */ (newNote)).openNewNote;
  if (typeof open === 'function') return open();
  // until the new-note sheet exists: the add-note form
  const field = /** @type {HTMLTextAreaElement} */ (byId('new-note-text'));
  field.scrollIntoView({ block: 'center' });
  field.focus();
});

// a search jump shows the note: on the canvas centred and focused, in the list focused
onSearchJump((id) => {
  if (state.currentView === 'canvas') {
    const n = viewNotes().get(id);
    if (!n) return;
    const p = panFor({ x: n.x + NOTE.width / 2, y: n.y + NOTE.height / 2 }, camera.zoom, canvasSize());
    pan.x = p.x;
    pan.y = p.y;
    applyPan();
    renderNow();
  }
  focusNote(id, state.currentView === 'list' ? 'list' : 'canvas');
});

const shortcutsToggle = byId('shortcuts-toggle');
const shortcuts = byId('shortcuts');
shortcutsToggle.addEventListener('click', () => {
  shortcuts.hidden = !shortcuts.hidden;
  shortcutsToggle.setAttribute('aria-expanded', String(!shortcuts.hidden));
});
shortcuts.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') {
    shortcuts.hidden = true;
    shortcutsToggle.setAttribute('aria-expanded', 'false');
    shortcutsToggle.focus();
  }
});
shortcutsToggle.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !shortcuts.hidden) {
    shortcuts.hidden = true;
    shortcutsToggle.setAttribute('aria-expanded', 'false');
  }
});
