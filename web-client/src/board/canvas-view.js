// The canvas: notes and group outlines placed on a plane that pans and zooms; following the facilitator's view.
import { t, byId, el } from '../lib/page.js';
import { clamp, groupByCluster } from '../lib/board-model.js';
import { throttle, viewportCentre, panFor, clampZoom, clusterBox } from '../lib/facilitation.js';
import { model, config, me, command, pan, camera, canvas, canvasSize, visibleCentre, viewNotes, scheduleRender, clusterTitle, NOTE_SIZE } from './context.js';
import { canvasEls, fillNote, escapeCancelsConfirm } from './note-card.js';
import { fillClusterHeader } from './clusters.js';

const plane = byId('canvas-plane');
const zoomLevel = byId('zoom-level');
const facError = byId('fac-error');

/**
 * @typedef {import('../lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('../lib/board-model.js').Command} Command
 * @typedef {import('./context.js').Where} Where
 */

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

/** @type {Map<string, HTMLElement>} */
const canvasClusterEls = new Map();

/**
 * Outlines around the notes of each group on the canvas, with the group's name on a bar that moves the group.
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
    const rect = clusterBox(g.notes.map((n) => {
      const a = canvasEls.get(n.id);
      return { x: n.x, y: n.y, width: a?.offsetWidth || NOTE_SIZE.width, height: a?.offsetHeight || NOTE_SIZE.height };
    }), 14);
    if (rect) {
      box.style.left = rect.x + 'px';
      box.style.top = rect.y + 'px';
      box.style.width = rect.width + 'px';
      box.style.height = rect.height + 'px';
    }
    box.setAttribute('aria-label', t('cluster.label', { title: clusterTitle(g.cluster) }));
    fillClusterHeader(/** @type {HTMLElement} */ (box.firstElementChild), g.cluster, 'canvas', g.notes.length);
  }
}

// ---- canvas: panning, dragging, keyboard ---------------------------------------------------------------
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
  command({ op: 'view.follow', x: clamp(c.x, config.maxCoordinate), y: clamp(c.y, config.maxCoordinate), zoom: camera.zoom }, facError);
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
byId('zoom-in').addEventListener('click', () => zoomBy(1.25));
byId('zoom-out').addEventListener('click', () => zoomBy(0.8));
byId('zoom-reset').addEventListener('click', () => zoomBy(1 / camera.zoom));
canvas.addEventListener('wheel', (e) => {
  if (!e.ctrlKey) return;
  e.preventDefault();
  zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1);
}, { passive: false });

/** After the first load, show the top-left of the notes. */
export function centreOnNotes() {
  let minX = Infinity;
  let minY = Infinity;
  for (const n of model.notes.values()) {
    minX = Math.min(minX, n.x);
    minY = Math.min(minY, n.y);
  }
  if (Number.isFinite(minX)) {
    pan.x = 40 - minX * camera.zoom;
    pan.y = 40 - minY * camera.zoom;
  }
  applyPan();
}

/** @param {HTMLElement} article */
export function ensureVisible(article) {
  const id = article.dataset.noteId;
  const note = id ? viewNotes().get(id) : undefined;
  if (!note) return;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  const left = note.x * camera.zoom + pan.x;
  const top = note.y * camera.zoom + pan.y;
  const width = (article.offsetWidth || NOTE_SIZE.width) * camera.zoom;
  const height = (article.offsetHeight || NOTE_SIZE.height) * camera.zoom;
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
