// Where a new note goes: the nearest spot to a wished-for position where a note overlaps no other note.
// Pure (no DOM), so node tests can check it.

/** The drawn size of a note on the board, in board units; the server separates revealed notes by the same size. */
export const NOTE = { width: 200, height: 120 };
/** the gap kept between a new note and its neighbours */
const GAP = 12;

/**
 * @typedef {{x: number, y: number}} Point
 * @typedef {{width: number, height: number}} Size
 */

/**
 * Whether a note at (x, y) of this size overlaps any of the notes (each of size `size` too, plus the gap).
 * @param {number} x
 * @param {number} y
 * @param {Iterable<Point>} notes
 * @param {Size} size
 * @param {number} gap
 */
export function overlapsAny(x, y, notes, size = NOTE, gap = 0) {
  for (const n of notes) {
    if (
      x < n.x + size.width + gap &&
      n.x < x + size.width + gap &&
      y < n.y + size.height + gap &&
      n.y < y + size.height + gap
    )
      return true;
  }
  return false;
}

/**
 * The position nearest to `near` (the wished-for top-left corner) where a note of `size` overlaps none of `notes`.
 * Searches candidate spots on rings of growing distance (steps of a quarter note) and takes the nearest free one.
 * @param {Iterable<Point>} notes the notes already on the board (top-left corners, all of `size`)
 * @param {Point} near
 * @param {Size} [size]
 * @param {number} [max] the largest coordinate the server accepts (either sign)
 * @returns {Point}
 */
export function freeSpot(notes, near, size = NOTE, max = 100000) {
  const all = Array.from(notes, (n) => ({ x: n.x, y: n.y }));
  const start = { x: clampTo(Math.round(near.x), max - size.width), y: clampTo(Math.round(near.y), max - size.height) };
  if (!overlapsAny(start.x, start.y, all, size, GAP)) return start;
  const stepX = Math.max(1, Math.round((size.width + GAP) / 4));
  const stepY = Math.max(1, Math.round((size.height + GAP) / 4));
  for (let ring = 1; ring <= 120; ring++) {
    /** @type {{x: number, y: number, d: number} | null} */
    let best = null;
    for (let i = -ring; i <= ring; i++) {
      for (const [gx, gy] of [
        [i, -ring],
        [i, ring],
        [-ring, i],
        [ring, i],
      ]) {
        const x = clampTo(start.x + gx * stepX, max - size.width);
        const y = clampTo(start.y + gy * stepY, max - size.height);
        const d = (x - start.x) ** 2 + (y - start.y) ** 2;
        if (best && d >= best.d) continue;
        if (!overlapsAny(x, y, all, size, GAP)) best = { x, y, d };
      }
    }
    if (best) return { x: best.x, y: best.y };
  }
  return start;
}

/**
 * Places several new notes one after another, each on a free spot near `near` and clear of the ones placed before.
 * @param {Iterable<Point>} notes
 * @param {Point} near
 * @param {number} count
 * @param {Size} [size]
 * @param {number} [max]
 * @returns {Point[]}
 */
export function freeSpots(notes, near, count, size = NOTE, max = 100000) {
  const all = Array.from(notes, (n) => ({ x: n.x, y: n.y }));
  /** @type {Point[]} */
  const out = [];
  for (let i = 0; i < count; i++) {
    const p = freeSpot(all, near, size, max);
    out.push(p);
    all.push(p);
  }
  return out;
}

/**
 * The smallest rectangle holding all notes (or null when there are none).
 * @param {Iterable<Point>} notes
 * @param {Size} [size]
 */
export function boundsOf(notes, size = NOTE) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of notes) {
    minX = Math.min(minX, n.x);
    minY = Math.min(minY, n.y);
    maxX = Math.max(maxX, n.x + size.width);
    maxY = Math.max(maxY, n.y + size.height);
  }
  if (!Number.isFinite(minX)) return null;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * The zoom and pan that show the whole rectangle in a view of `view` size with a margin, the zoom kept within
 * [minZoom, maxZoom].
 * @param {{x: number, y: number, width: number, height: number}} box
 * @param {Size} view
 * @param {{margin?: number, minZoom?: number, maxZoom?: number}} [opts]
 */
export function fitView(box, view, opts = {}) {
  const margin = opts.margin ?? 32;
  const minZoom = opts.minZoom ?? 0.25;
  const maxZoom = opts.maxZoom ?? 1.5;
  const zx = (view.width - 2 * margin) / Math.max(1, box.width);
  const zy = (view.height - 2 * margin) / Math.max(1, box.height);
  const zoom = Math.max(minZoom, Math.min(maxZoom, zx, zy));
  return {
    zoom,
    pan: {
      x: Math.round(view.width / 2 - (box.x + box.width / 2) * zoom),
      y: Math.round(view.height / 2 - (box.y + box.height / 2) * zoom),
    },
  };
}

/** @param {number} v @param {number} max */
function clampTo(v, max) {
  return Math.max(-max, Math.min(max, v));
}

/**
 * Where a note added "here" goes: centred on `centre` (the middle of the view) if that is free, else the nearest free spot.
 * @param {Point} centre
 * @param {Iterable<Point>} notes
 * @param {number} [max]
 */
export function newNoteSpot(centre, notes, max = 100000) {
  return freeSpot(notes, { x: centre.x - NOTE.width / 2, y: centre.y - NOTE.height / 2 }, NOTE, max);
}
