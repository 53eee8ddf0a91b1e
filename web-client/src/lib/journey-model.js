// Journey maps and template areas as the server confirmed them (PROTOCOL.md "Journey-map commands").
// Pure: no DOM, no network, so it is unit-tested in Node.

/**
 * @typedef {{id: string, title: string}} Stage
 * @typedef {{id: string, title: string, kind: 'notes' | 'text' | 'channel' | 'emotion'}} Lane
 * @typedef {{stageId: string, laneId: string, text?: string, score?: number | null, why?: string}} Cell
 * @typedef {{id: string, title: string, kind: 'current' | 'future', stages: Stage[], lanes: Lane[], cells: Cell[]}} Journey
 * @typedef {{id: string, title: string, hint: string}} Area
 * @typedef {{journeyId: string, stageId: string, laneId: string}} NoteCell
 */

export const LANE_KINDS = /** @type {const} */ (['notes', 'text', 'channel', 'emotion']);
export const JOURNEY_KINDS = /** @type {const} */ (['current', 'future']);
/** the emotion scale, worst first */
export const SCORES = [-2, -1, 0, 1, 2];

/** @param {any} s */
const str = (s) => (typeof s === 'string' ? s : '');

/**
 * @param {any} j
 * @returns {Journey | null}
 */
export function normaliseJourney(j) {
  if (!j || typeof j.id !== 'string') return null;
  const stages = (Array.isArray(j.stages) ? j.stages : [])
    .filter((/** @type {any} */ s) => s && typeof s.id === 'string')
    .map((/** @type {any} */ s) => ({ id: s.id, title: str(s.title) }));
  const lanes = (Array.isArray(j.lanes) ? j.lanes : [])
    .filter((/** @type {any} */ l) => l && typeof l.id === 'string')
    .map((/** @type {any} */ l) => ({
      id: l.id,
      title: str(l.title),
      kind: LANE_KINDS.includes(l.kind) ? l.kind : 'notes',
    }));
  const cells = (Array.isArray(j.cells) ? j.cells : [])
    .filter((/** @type {any} */ c) => c && typeof c.stageId === 'string' && typeof c.laneId === 'string')
    .map((/** @type {any} */ c) => {
      /** @type {Cell} */
      const out = { stageId: c.stageId, laneId: c.laneId };
      if (typeof c.text === 'string') out.text = c.text;
      if (typeof c.score === 'number' && Number.isFinite(c.score))
        out.score = Math.max(-2, Math.min(2, Math.round(c.score)));
      if (typeof c.why === 'string') out.why = c.why;
      return out;
    });
  return { id: j.id, title: str(j.title), kind: j.kind === 'future' ? 'future' : 'current', stages, lanes, cells };
}

/** The journey maps, areas and defaults of a board. */
export class JourneyState {
  constructor() {
    /** @type {Map<string, Journey>} in the server's order; new maps last */
    this.journeys = new Map();
    /** @type {Area[]} */
    this.areas = [];
    /** @type {{voteBudget?: number, voteMaxPerItem?: number, phaseMinutes?: Record<string, number>}} */
    this.defaults = {};
  }

  /** @param {any} snap */
  loadSnapshot(snap) {
    this.journeys = new Map();
    for (const j of Array.isArray(snap?.journeys) ? snap.journeys : []) {
      const n = normaliseJourney(j);
      if (n) this.journeys.set(n.id, n);
    }
    this.areas = (Array.isArray(snap?.areas) ? snap.areas : [])
      .filter((/** @type {any} */ a) => a && (typeof a.title === 'string' || typeof a.hint === 'string'))
      .map((/** @type {any} */ a, /** @type {number} */ i) => ({
        id: typeof a.id === 'string' ? a.id : 'area-' + i,
        title: str(a.title),
        hint: str(a.hint),
      }));
    this.defaults = snap && snap.defaults && typeof snap.defaults === 'object' ? { ...snap.defaults } : {};
  }

  /**
   * Applies journey.changed / journey.removed; other events are ignored.
   * @param {any} ev
   * @returns {boolean} whether a map changed
   */
  applyEvent(ev) {
    if (!ev) return false;
    if (ev.type === 'journey.changed') {
      const n = normaliseJourney(ev.journey);
      if (!n) return false;
      this.journeys.set(n.id, n);
      return true;
    }
    if (ev.type === 'journey.removed' && typeof ev.id === 'string') {
      return this.journeys.delete(ev.id);
    }
    return false;
  }

  /** @returns {Journey[]} */
  list() {
    return Array.from(this.journeys.values());
  }

  /**
   * The map, stage and lane a note sits in, or null when it is on the canvas (or its cell no longer exists).
   * @param {any} note
   * @returns {{journey: Journey, stage: Stage, lane: Lane} | null}
   */
  placeOf(note) {
    const c = note && note.cell;
    if (!c || typeof c.journeyId !== 'string') return null;
    const journey = this.journeys.get(c.journeyId);
    if (!journey) return null;
    const stage = journey.stages.find((s) => s.id === c.stageId);
    const lane = journey.lanes.find((l) => l.id === c.laneId);
    if (!stage || !lane) return null;
    return { journey, stage, lane };
  }

  /**
   * Whether a note is shown on a map (and so not on the free canvas).
   * @param {any} note
   */
  isOnMap(note) {
    return this.placeOf(note) !== null;
  }
}

/**
 * @param {Journey} journey
 * @param {string} stageId
 * @param {string} laneId
 * @returns {Cell | null}
 */
export function findCell(journey, stageId, laneId) {
  return journey.cells.find((c) => c.stageId === stageId && c.laneId === laneId) || null;
}

/**
 * The notes in one cell, oldest first.
 * @template {{id: string, createdAt?: string, cell?: any}} N
 * @param {Iterable<N>} notes
 * @param {string} journeyId
 * @param {string} stageId
 * @param {string} laneId
 * @returns {N[]}
 */
export function notesInCell(notes, journeyId, stageId, laneId) {
  const out = [];
  for (const n of notes) {
    const c = n.cell;
    if (c && c.journeyId === journeyId && c.stageId === stageId && c.laneId === laneId) out.push(n);
  }
  return out.sort((a, b) => {
    const ca = a.createdAt || '\uffff';
    const cb = b.createdAt || '\uffff';
    if (ca !== cb) return ca < cb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * The emotion scores of a lane, one per stage in stage order (null where nobody scored).
 * @param {Journey} journey
 * @param {string} laneId
 * @returns {{stageId: string, score: number | null, why: string}[]}
 */
export function emotionPoints(journey, laneId) {
  return journey.stages.map((s) => {
    const c = findCell(journey, s.id, laneId);
    return { stageId: s.id, score: c && typeof c.score === 'number' ? c.score : null, why: (c && c.why) || '' };
  });
}

/**
 * Points of the feelings curve in a box of `columns * columnWidth` by `height`: x at the middle of each stage's
 * column, +2 at the top, −2 at the bottom. Stages without a score break the line.
 * @param {{score: number | null}[]} points
 * @param {number} columnWidth
 * @param {number} height
 * @param {number} [pad] space above +2 and below −2
 * @returns {{segments: {x: number, y: number}[][], dots: {x: number, y: number, index: number}[]}}
 */
export function curveGeometry(points, columnWidth, height, pad = 10) {
  /** @type {{x: number, y: number}[][]} */
  const segments = [];
  /** @type {{x: number, y: number}[]} */
  let current = [];
  /** @type {{x: number, y: number, index: number}[]} */
  const dots = [];
  points.forEach((p, i) => {
    if (p.score === null || p.score === undefined) {
      if (current.length) segments.push(current);
      current = [];
      return;
    }
    const x = i * columnWidth + columnWidth / 2;
    const y = pad + ((2 - p.score) / 4) * (height - 2 * pad);
    current.push({ x, y });
    dots.push({ x, y, index: i });
  });
  if (current.length) segments.push(current);
  return { segments, dots };
}

/** @param {{x: number, y: number}[]} seg SVG path data for one segment */
export function pathData(seg) {
  return seg.map((p, i) => (i ? 'L' : 'M') + round(p.x) + ' ' + round(p.y)).join(' ');
}

/** @param {number} n */
function round(n) {
  return Math.round(n * 10) / 10;
}

/**
 * Every notes cell a note can be placed in: map, stage, lane.
 * @param {Journey[]} journeys
 * @returns {{value: string, journey: Journey, stage: Stage, lane: Lane}[]}
 */
export function placeTargets(journeys) {
  const out = [];
  for (const journey of journeys) {
    for (const lane of journey.lanes) {
      if (lane.kind !== 'notes') continue;
      for (const stage of journey.stages)
        out.push({
          value: encodePlace({ journeyId: journey.id, stageId: stage.id, laneId: lane.id }),
          journey,
          stage,
          lane,
        });
    }
  }
  return out;
}

/** @param {NoteCell} c */
export function encodePlace(c) {
  return [c.journeyId, c.stageId, c.laneId].join('|');
}

/**
 * @param {string} value
 * @returns {NoteCell | null}
 */
export function decodePlace(value) {
  const parts = String(value || '').split('|');
  if (parts.length !== 3 || parts.some((p) => !p)) return null;
  return { journeyId: parts[0], stageId: parts[1], laneId: parts[2] };
}

/**
 * The index to send for moving an item one step (−1 left/up, +1 right/down), or null at the edge.
 * @param {{id: string}[]} items
 * @param {string} id
 * @param {number} delta
 */
export function stepIndex(items, id, delta) {
  const i = items.findIndex((x) => x.id === id);
  if (i < 0) return null;
  const next = i + delta;
  return next < 0 || next >= items.length ? null : next;
}

/**
 * Canvas regions for the template's areas: side by side as columns from the origin.
 * @param {Area[]} areas
 * @param {{width?: number, height?: number, gap?: number, x?: number, y?: number}} [opts]
 */
export function areaRegions(areas, opts = {}) {
  const { width = 640, height = 900, gap = 40, x = 0, y = 0 } = opts;
  return areas.map((a, i) => ({ ...a, x: x + i * (width + gap), y, width, height }));
}

/** @param {number} score a clamped, signed text for a score: "+2", "0", "−1" */
export function signedScore(score) {
  if (score > 0) return '+' + score;
  if (score < 0) return '−' + Math.abs(score);
  return '0';
}
