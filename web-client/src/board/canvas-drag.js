// Moving things on the canvas: dragging the view, a note or a group with the pointer (a note dropped on another
// groups them), and the keyboard (arrows pan, Shift+arrows move the focused note).
import { t } from '../lib/page.js';
import { clamp } from '../lib/board-model.js';
import { model, config, command, enqueue, announce, whenApplied, scheduleRender, viewNotes, localMoves, pan, camera, canvas } from './context.js';
import { applyPan, userMovedView, zoomBy, centreOnNotes, ensureVisible, renderClusters } from './canvas-view.js';
import { canvasEls } from './note-card.js';

/**
 * @typedef {{startX: number, startY: number, originX: number, originY: number, moved: boolean, pointerId: number}} DragStart
 * @typedef {DragStart & {kind: 'pan'}} PanDrag
 * @typedef {DragStart & {kind: 'note', id: string}} NoteDrag
 * @typedef {DragStart & {kind: 'cluster', id: string, members: Map<string, {x: number, y: number}>}} ClusterDrag
 */
/** @type {PanDrag | NoteDrag | ClusterDrag | null} */
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
    const id = /** @type {HTMLElement | null} */ (bar.closest('.cluster'))?.dataset.clusterId;
    if (!id) return;
    /** @type {Map<string, {x: number, y: number}>} */
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
    const note = id ? viewNotes().get(id) : undefined;
    if (!note) return;
    drag = { kind: 'note', id: note.id, startX: e.clientX, startY: e.clientY, originX: note.x, originY: note.y, moved: false, pointerId: e.pointerId };
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
      const x = clamp(Math.round(origin.x + dx / camera.zoom), config.maxCoordinate);
      const y = clamp(Math.round(origin.y + dy / camera.zoom), config.maxCoordinate);
      localMoves.set(id, { x, y });
      const article = canvasEls.get(id);
      if (article) {
        article.style.left = x + 'px';
        article.style.top = y + 'px';
      }
    }
    renderClusters(viewNotes());
  } else {
    const x = clamp(Math.round(drag.originX + dx / camera.zoom), config.maxCoordinate);
    const y = clamp(Math.round(drag.originY + dy / camera.zoom), config.maxCoordinate);
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
    const dx = Math.round((e.clientX - d.startX) / camera.zoom);
    const dy = Math.round((e.clientY - d.startY) / camera.zoom);
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
  const underId = under.dataset.noteId;
  const target = underId ? notes.get(underId) : undefined;
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
    const note = id ? viewNotes().get(id) : undefined;
    if (!id || !note) return;
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
  const id = target.dataset.noteId;
  if (id && target.matches('article.note') && keyMoveTimers.has(id)) commitKeyMove(id);
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
