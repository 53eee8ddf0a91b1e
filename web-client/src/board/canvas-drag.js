// Moving things on the canvas with the pointer and the keys: pan (drag the empty board, Space + drag, two fingers,
// the wheel), zoom (Ctrl + wheel or a trackpad pinch around the pointer, a two-finger pinch), drag a note or the
// selected notes (dropped onto a note or a group's frame they join it; a note dragged out of its frame leaves the
// group), drag a group by its title bar, draw a selection rectangle (Shift + drag on the empty board, or a plain
// drag with the "select area" tool), and Shift + arrows to move the focused note or the selection.
import { t } from '../lib/page.js';
import { clamp } from '../lib/board-model.js';
import { clampZoom } from '../lib/facilitation.js';
import { boxBetween, contains, idsInRect, panKeeping, pinch, spotBeside, toBoard } from '../lib/direct-manipulation.js';
import {
  model,
  config,
  command,
  enqueue,
  announce,
  whenApplied,
  scheduleRender,
  viewNotes,
  localMoves,
  pan,
  camera,
  canvas,
  NOTE_SIZE,
} from './context.js';
import { applyPan, userMovedView, zoomBy, centreOnNotes, ensureVisible, renderClusters } from './canvas-view.js';
import { canvasEls } from './note-card.js';
import { selection, tool, space, toggleByClick } from './selection.js';

/**
 * @typedef {{x: number, y: number}} Point
 * @typedef {{x: number, y: number, width: number, height: number}} Box
 * @typedef {{startX: number, startY: number, moved: boolean, pointerId: number}} DragStart
 * @typedef {DragStart & {kind: 'pan', originX: number, originY: number}} PanDrag
 * @typedef {DragStart & {kind: 'notes', lead: string, origins: Map<string, Point>, frame: {id: string, box: Box} | null}} NotesDrag
 * @typedef {DragStart & {kind: 'cluster', id: string, members: Map<string, Point>}} ClusterDrag
 * @typedef {DragStart & {kind: 'rect', additive: boolean, box: HTMLElement}} RectDrag
 * @typedef {{kind: 'note', id: string, el: HTMLElement} | {kind: 'cluster', id: string, el: HTMLElement} | {kind: 'leave', el: HTMLElement} | null} Drop
 */
/** @type {PanDrag | NotesDrag | ClusterDrag | RectDrag | null} */
let drag = null;
/** @type {Drop} what a drop now would do (shown on the board while dragging) */
let drop = null;
/** touch points on the canvas, for two-finger pan and pinch */
/** @type {Map<number, Point>} */
const touches = new Map();
/** @type {{a: Point, b: Point, pan: Point, zoom: number, ids: [number, number]} | null} */
let pinching = null;

const dropHint = document.createElement('p');
dropHint.className = 'drop-hint';
dropHint.setAttribute('aria-hidden', 'true');
dropHint.hidden = true;
canvas.append(dropHint);

/** @param {PointerEvent | WheelEvent} e a point on the canvas, relative to its top-left corner */
function local(e) {
  const r = canvas.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
}

/** @param {string} id @param {Point} [at] */
function noteBox(id, at) {
  const a = canvasEls.get(id);
  const n = at || viewNotes().get(id) || { x: 0, y: 0 };
  return { x: n.x, y: n.y, width: a?.offsetWidth || NOTE_SIZE.width, height: a?.offsetHeight || NOTE_SIZE.height };
}

/** @param {HTMLElement} frame a group's outline on the canvas, in board units */
function frameBox(frame) {
  return { x: frame.offsetLeft, y: frame.offsetTop, width: frame.offsetWidth, height: frame.offsetHeight };
}

function capture(/** @type {number} */ pointerId) {
  try {
    canvas.setPointerCapture(pointerId);
  } catch {
    /* ignore */
  }
}

canvas.addEventListener('pointerdown', (e) => {
  if (e.button !== 0 && e.pointerType === 'mouse') return;
  if (e.pointerType === 'touch') {
    touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (touches.size === 2) {
      startPinch();
      return;
    }
    if (touches.size > 2) return;
  }
  const target = /** @type {HTMLElement} */ (e.target);
  if (target.closest('button, textarea, select, input, a, label, form, .select-tools')) return;
  const article = /** @type {HTMLElement | null} */ (target.closest('article.note'));
  const bar = /** @type {HTMLElement | null} */ (target.closest('.cluster-bar'));
  const base = { startX: e.clientX, startY: e.clientY, moved: false, pointerId: e.pointerId };
  const canEdit = model.canEditNotes;
  if (space.held || (!article && !bar && !(canEdit && (tool.selecting || e.shiftKey)))) {
    drag = { kind: 'pan', ...base, originX: pan.x, originY: pan.y };
    canvas.classList.add('is-panning');
  } else if (!article && !bar) {
    const box = document.createElement('div');
    box.className = 'select-rect';
    box.setAttribute('aria-hidden', 'true');
    box.hidden = true;
    canvas.append(box);
    drag = { kind: 'rect', ...base, additive: e.shiftKey || e.ctrlKey || e.metaKey, box };
  } else if (!canEdit) {
    drag = { kind: 'pan', ...base, originX: pan.x, originY: pan.y };
  } else if (bar) {
    const id = /** @type {HTMLElement | null} */ (bar.closest('.cluster'))?.dataset.clusterId;
    if (!id) return;
    /** @type {Map<string, Point>} */
    const members = new Map();
    for (const n of viewNotes().values()) if (n.clusterId === id) members.set(n.id, { x: n.x, y: n.y });
    e.preventDefault();
    drag = { kind: 'cluster', ...base, id, members };
  } else if (article) {
    const id = article.dataset.noteId;
    const notes = viewNotes();
    const note = id ? notes.get(id) : undefined;
    if (!id || !note) return;
    if (e.shiftKey || e.ctrlKey || e.metaKey) {
      // a modifier click picks notes; it does not drag
      e.preventDefault();
      toggleByClick(id);
      article.focus({ preventScroll: true });
      return;
    }
    // no focus (and no scrolling it into view) while pressing: the board must not move under the pointer
    e.preventDefault();
    const ids = selection.has(id) && selection.size > 1 ? selection.ids() : [id];
    /** @type {Map<string, Point>} */
    const origins = new Map();
    for (const nid of ids) {
      const n = notes.get(nid);
      if (n) origins.set(nid, { x: n.x, y: n.y });
    }
    // a note in a group leaves it when it is dropped outside the group's frame as it was when the drag began
    const frameEl =
      note.clusterId && ids.length === 1
        ? /** @type {HTMLElement | null} */ (
            canvas.querySelector(`.cluster[data-cluster-id="${CSS.escape(note.clusterId)}"]`)
          )
        : null;
    drag = {
      kind: 'notes',
      ...base,
      lead: id,
      origins,
      frame: frameEl && note.clusterId ? { id: note.clusterId, box: frameBox(frameEl) } : null,
    };
  }
  capture(e.pointerId);
});

canvas.addEventListener('pointermove', (e) => {
  if (touches.has(e.pointerId)) touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
  if (pinching) {
    movePinch();
    return;
  }
  if (!drag || e.pointerId !== drag.pointerId) return;
  const dx = e.clientX - drag.startX;
  const dy = e.clientY - drag.startY;
  if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
  drag.moved = true;
  if (drag.kind === 'pan') {
    if (space.held) space.panned = true;
    pan.x = drag.originX + dx;
    pan.y = drag.originY + dy;
    applyPan();
    userMovedView();
  } else if (drag.kind === 'rect') {
    const r = canvas.getBoundingClientRect();
    const box = boxBetween(
      { x: drag.startX - r.left, y: drag.startY - r.top },
      { x: e.clientX - r.left, y: e.clientY - r.top },
    );
    drag.box.hidden = false;
    drag.box.style.left = box.x + 'px';
    drag.box.style.top = box.y + 'px';
    drag.box.style.width = box.width + 'px';
    drag.box.style.height = box.height + 'px';
  } else if (drag.kind === 'cluster') {
    moveLocally(drag.members, dx, dy, false);
    renderClusters(viewNotes());
  } else {
    moveLocally(drag.origins, dx, dy, true);
    showDrop(findDrop(drag, e));
    placeHint(e);
  }
});

/**
 * @param {Map<string, Point>} origins
 * @param {number} dx screen pixels
 * @param {number} dy
 * @param {boolean} lifted
 */
function moveLocally(origins, dx, dy, lifted) {
  for (const [id, origin] of origins) {
    const x = clamp(Math.round(origin.x + dx / camera.zoom), config.maxCoordinate);
    const y = clamp(Math.round(origin.y + dy / camera.zoom), config.maxCoordinate);
    localMoves.set(id, { x, y });
    const article = canvasEls.get(id);
    if (article) {
      if (lifted) article.classList.add('is-dragging');
      article.style.left = x + 'px';
      article.style.top = y + 'px';
    }
  }
}

/**
 * What is under the pointer besides the dragged notes: another note, another group's frame, or (for a note
 * dragged out of its own frame) nothing, which means leaving the group.
 * @param {NotesDrag} d
 * @param {PointerEvent} e
 * @returns {Drop}
 */
function findDrop(d, e) {
  const notes = viewNotes();
  for (const elem of document.elementsFromPoint(e.clientX, e.clientY)) {
    const under = /** @type {HTMLElement} */ (elem);
    if (!canvas.contains(under)) continue;
    const article = /** @type {HTMLElement | null} */ (under.closest('article.note'));
    if (article) {
      const id = article.dataset.noteId || '';
      if (d.origins.has(id)) continue;
      const n = notes.get(id);
      // a note the server does not know yet cannot be grouped; nor one inside a journey map
      if (!n || !model.notes.has(id)) return null;
      if (d.frame && n.clusterId === d.frame.id) return null;
      return { kind: 'note', id, el: article };
    }
    const frame = /** @type {HTMLElement | null} */ (under.closest('.cluster'));
    if (frame && frame.dataset.clusterId) {
      const id = frame.dataset.clusterId;
      if (d.frame && d.frame.id === id) return null;
      if (Array.from(d.origins.keys()).every((nid) => notes.get(nid)?.clusterId === id)) return null;
      return { kind: 'cluster', id, el: frame };
    }
  }
  if (d.frame) {
    const p = toBoard(local(e), pan, camera.zoom);
    if (!contains(d.frame.box, p)) {
      const frame = /** @type {HTMLElement | null} */ (
        canvas.querySelector(`.cluster[data-cluster-id="${CSS.escape(d.frame.id)}"]`)
      );
      if (frame) return { kind: 'leave', el: frame };
    }
  }
  return null;
}

/** @param {Drop} next */
function showDrop(next) {
  if (drop && (!next || next.el !== drop.el || next.kind !== drop.kind)) {
    drop.el.classList.remove('is-drop-target', 'is-drop-leave');
  }
  drop = next;
  if (drop) drop.el.classList.add(drop.kind === 'leave' ? 'is-drop-leave' : 'is-drop-target');
  dropHint.hidden = !drop;
  dropHint.textContent = !drop
    ? ''
    : drop.kind === 'leave'
      ? t('drag.hintLeave')
      : drop.kind === 'cluster'
        ? t('drag.hintJoin')
        : t('drag.hintGroup');
}

/** @param {PointerEvent} e */
function placeHint(e) {
  if (dropHint.hidden) return;
  const p = local(e);
  dropHint.style.left = Math.round(p.x + 16) + 'px';
  dropHint.style.top = Math.round(p.y + 16) + 'px';
}

/** @param {PointerEvent} e */
function endDrag(e) {
  if (touches.delete(e.pointerId) && pinching) {
    if (pinching.ids.includes(e.pointerId)) pinching = null;
    return;
  }
  if (!drag || e.pointerId !== drag.pointerId) return;
  const d = drag;
  drag = null;
  canvas.classList.remove('is-panning');
  try {
    canvas.releasePointerCapture(e.pointerId);
  } catch {
    /* ignore */
  }
  const done = e.type === 'pointerup';
  if (d.kind === 'rect') {
    d.box.remove();
    if (!d.moved || !done) {
      if (done && !d.additive) clearByClick();
      return;
    }
    const r = canvas.getBoundingClientRect();
    const a = toBoard({ x: d.startX - r.left, y: d.startY - r.top }, pan, camera.zoom);
    const b = toBoard({ x: e.clientX - r.left, y: e.clientY - r.top }, pan, camera.zoom);
    const hit = idsInRect(
      boxBetween(a, b),
      Array.from(canvasEls.keys(), (id) => /** @type {[string, Box]} */ ([id, noteBox(id)])),
    );
    if (d.additive) selection.add(hit);
    else selection.set(hit);
    announce(t('select.count', { count: selection.size }));
    return;
  }
  if (d.kind === 'pan') {
    if (!d.moved && done) clearByClick();
    return;
  }
  if (d.kind === 'cluster') {
    const dx = Math.round((e.clientX - d.startX) / camera.zoom);
    const dy = Math.round((e.clientY - d.startY) / camera.zoom);
    const release = () => {
      for (const id of d.members.keys()) localMoves.delete(id);
      scheduleRender();
    };
    if (!d.moved || !done || (!dx && !dy)) return release();
    // the notes stay where they were dropped until the server's cluster.moved event is in
    command({ op: 'cluster.move', id: d.id, dx, dy }).then((reply) => {
      if (reply && typeof reply.seq === 'number') whenApplied(reply.seq, release);
      else release();
    });
    announce(t('drag.groupMoved'));
    return;
  }
  // notes
  const target = d.moved && done ? findDrop(d, e) : null;
  showDrop(null);
  /** @type {Map<string, Point>} */
  const dropped = new Map();
  for (const id of d.origins.keys()) {
    canvasEls.get(id)?.classList.remove('is-dragging');
    const pos = localMoves.get(id);
    localMoves.delete(id);
    if (pos) dropped.set(id, pos);
  }
  if (!d.moved || !done || !dropped.size) {
    scheduleRender();
    const article = canvasEls.get(d.lead);
    if (!d.moved && article && done) {
      article.focus({ preventScroll: true });
      // a plain click on a note outside the selection leaves the selection
      if (!selection.has(d.lead)) clearByClick();
    }
    return;
  }
  if (target && target.kind === 'note' && dropped.size === 1) {
    // beside the note it joins, not over it
    const [id] = dropped.keys();
    const others = Array.from(canvasEls.keys())
      .filter((x) => x !== id)
      .map((x) => noteBox(x));
    const spot = spotBeside(noteBox(target.id), noteBox(id), others);
    dropped.set(id, { x: clamp(spot.x, config.maxCoordinate), y: clamp(spot.y, config.maxCoordinate) });
  }
  for (const [id, pos] of dropped) enqueue({ op: 'note.move', id, x: pos.x, y: pos.y });
  if (target) joinOrLeave(target, Array.from(dropped.keys()));
  else announce(t(dropped.size > 1 ? 'drag.movedMany' : 'announce.moved', { count: dropped.size }));
}

function clearByClick() {
  if (selection.size) selection.clear();
}

/**
 * A drop onto a note groups them (the note's group, or a new one); onto a frame joins that group; out of the own
 * frame leaves it. Notes the server does not know yet are left as they are.
 * @param {NonNullable<Drop>} target
 * @param {string[]} ids
 */
async function joinOrLeave(target, ids) {
  const known = ids.filter((id) => model.notes.has(id));
  if (!known.length) return;
  if (target.kind === 'leave') {
    const replies = await Promise.all(known.map((noteId) => command({ op: 'note.ungroup', noteId })));
    if (replies.some(Boolean)) announce(t('announce.ungrouped'));
    return;
  }
  const clusterId = target.kind === 'cluster' ? target.id : model.notes.get(target.id)?.clusterId;
  if (clusterId && model.clusters.has(clusterId)) {
    const replies = await Promise.all(known.map((noteId) => command({ op: 'cluster.add', id: clusterId, noteId })));
    if (replies.some(Boolean)) announce(t('drag.joined', { count: known.length }));
  } else if (target.kind === 'note') {
    const reply = await command({ op: 'cluster.create', noteIds: [target.id, ...known].slice(0, 100) });
    if (reply) announce(t('select.grouped', { count: known.length + 1 }));
  }
}

canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);

// ---- two fingers: pan and pinch zoom ----------------------------------------------------------------------
function startPinch() {
  const [[ia, a], [ib, b]] = Array.from(touches);
  // a second finger turns a one-finger drag into a pinch: what the first finger moved goes back
  if (drag) {
    if (drag.kind === 'notes' || drag.kind === 'cluster') {
      const ids = drag.kind === 'notes' ? drag.origins.keys() : drag.members.keys();
      for (const id of ids) {
        localMoves.delete(id);
        canvasEls.get(id)?.classList.remove('is-dragging');
      }
      showDrop(null);
      scheduleRender();
    } else if (drag.kind === 'rect') {
      drag.box.remove();
    }
    drag = null;
  }
  const r = canvas.getBoundingClientRect();
  const rel = (/** @type {Point} */ p) => ({ x: p.x - r.left, y: p.y - r.top });
  pinching = { a: rel(a), b: rel(b), pan: { ...pan }, zoom: camera.zoom, ids: [ia, ib] };
  capture(ia);
  capture(ib);
}

function movePinch() {
  if (!pinching) return;
  const a = touches.get(pinching.ids[0]);
  const b = touches.get(pinching.ids[1]);
  if (!a || !b) return;
  const r = canvas.getBoundingClientRect();
  const next = pinch(
    pinching,
    { a: { x: a.x - r.left, y: a.y - r.top }, b: { x: b.x - r.left, y: b.y - r.top } },
    clampZoom,
  );
  const zoomed = next.zoom !== camera.zoom;
  camera.zoom = next.zoom;
  pan.x = next.pan.x;
  pan.y = next.pan.y;
  applyPan();
  if (zoomed) scheduleRender();
  userMovedView();
}

// ---- the wheel: plain pans, Ctrl (and a trackpad pinch, which comes as Ctrl + wheel) zooms at the pointer --------
canvas.addEventListener(
  'wheel',
  (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    if (target.closest('textarea, select, .select-tools')) return;
    e.preventDefault();
    // the canvas' own wheel handling (zoom around the centre) gives way to this one
    e.stopImmediatePropagation();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? canvas.clientHeight : 1;
    if (e.ctrlKey || e.metaKey) {
      const before = camera.zoom;
      const zoom = clampZoom(before * Math.exp(-e.deltaY * unit * 0.002));
      if (zoom === before) return;
      const p = panKeeping(local(e), pan, before, zoom);
      camera.zoom = zoom;
      pan.x = p.x;
      pan.y = p.y;
    } else {
      // Shift + wheel scrolls sideways, as elsewhere
      const dx = e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX;
      const dy = e.shiftKey && !e.deltaX ? 0 : e.deltaY;
      pan.x -= dx * unit;
      pan.y -= dy * unit;
    }
    applyPan();
    scheduleRender();
    userMovedView();
  },
  { passive: false, capture: true },
);

// ---- keys: arrows pan the board; Shift + arrows move the focused note, or the selection it is in -------------------
const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
/** @type {ReturnType<typeof setTimeout> | undefined} */
let keyMoveTimer;
/** @type {Set<string>} notes moved by keys, not yet sent */
const keyMoved = new Set();

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
    const notes = viewNotes();
    if (!id || !notes.has(id)) return;
    const ids = selection.has(id) && selection.size > 1 ? selection.ids() : [id];
    const step = e.ctrlKey || e.metaKey ? 100 : 20;
    for (const nid of ids) {
      const note = notes.get(nid);
      if (!note) continue;
      const x = clamp(note.x + dir[0] * step, config.maxCoordinate);
      const y = clamp(note.y + dir[1] * step, config.maxCoordinate);
      localMoves.set(nid, { x, y });
      keyMoved.add(nid);
      const article = canvasEls.get(nid);
      if (article) {
        article.style.left = x + 'px';
        article.style.top = y + 'px';
      }
    }
    ensureVisible(target);
    // one move command per note when the keys rest
    clearTimeout(keyMoveTimer);
    keyMoveTimer = setTimeout(commitKeyMoves, 700);
  }
});

canvas.addEventListener('focusout', (e) => {
  const target = /** @type {HTMLElement} */ (e.target);
  if (target.matches('article.note') && keyMoved.size) commitKeyMoves();
});

function commitKeyMoves() {
  clearTimeout(keyMoveTimer);
  const ids = Array.from(keyMoved);
  keyMoved.clear();
  let moved = 0;
  for (const id of ids) {
    const pos = localMoves.get(id);
    localMoves.delete(id);
    if (pos) {
      enqueue({ op: 'note.move', id, x: pos.x, y: pos.y });
      moved++;
    }
  }
  if (moved) announce(t(moved > 1 ? 'drag.movedMany' : 'announce.moved', { count: moved }));
}
