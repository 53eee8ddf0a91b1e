// The visual journey map: stages as columns, lanes as rows, notes in cells, the feelings curve behind its lane.
import { t, el } from '../lib/page.js';
import { emotionPoints, curveGeometry, pathData } from '../lib/journey-model.js';

/**
 * @typedef {import('../lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('./shared.js').JourneyState} JourneyState
 * @typedef {import('./shared.js').Helpers} Helpers
 * @typedef {import('./shared.js').Place} Place
 * @typedef {import('../lib/journey-model.js').Journey} Journey
 * @typedef {import('../lib/journey-model.js').Stage} Stage
 * @typedef {import('../lib/journey-model.js').Lane} Lane
 */

/**
 * @param {JourneyState} s
 * @param {Helpers} h
 * @param {{cellContent: (j: Journey, stage: Stage, lane: Lane, where: 'grid' | 'table', notes: Map<string, ViewNote>) => Node[],
 *   openEditor: (key: string, where: 'grid' | 'table', focus: string) => void}} cells
 * @param {{dropTarget: (target: HTMLElement, cell: {journeyId: string, stageId: string, laneId: string} | null) => void}} placing
 */
export function createGridView(s, h, cells, placing) {
  const { model } = s;
  const { cellKey } = h;
  const { cellContent, openEditor } = cells;
  const { dropTarget } = placing;

  // ---- grid ------------------------------------------------------------------------------------------------
  /**
   * @param {Journey} j
   * @param {Map<string, ViewNote>} notes
   */
  function buildGrid(j, notes) {
    const grid = el('div', { className: 'journey-grid' });
    const n = Math.max(1, j.stages.length);
    grid.style.gridTemplateColumns = `minmax(8rem, 11rem) repeat(${n}, minmax(11rem, 1fr))`;
    /** @param {HTMLElement} x @param {number} row @param {number} col @param {number} [span] */
    const put = (x, row, col, span = 1) => {
      x.style.gridRow = String(row);
      x.style.gridColumn = span > 1 ? `${col} / span ${span}` : String(col);
      grid.append(x);
      return x;
    };
    put(el('div', { className: 'journey-corner', text: t('journey.corner') }), 1, 1);
    j.stages.forEach((s, i) => put(el('div', { className: 'journey-stage-head', text: s.title }), 1, i + 2));
    j.lanes.forEach((lane, li) => {
      const row = li + 2;
      const head = el('div', { className: 'journey-lane-head kind-' + lane.kind });
      head.append(el('span', { className: 'journey-lane-title', text: lane.title }));
      const kindName = t('journey.laneKind.' + lane.kind);
      if (kindName.toLocaleLowerCase() !== lane.title.toLocaleLowerCase()) head.append(el('span', { className: 'journey-lane-kind', text: kindName }));
      put(head, row, 1);
      if (lane.kind === 'emotion' && j.stages.length) put(curve(j, lane), row, 2, j.stages.length);
      j.stages.forEach((stage, si) => {
        const cell = el('div', { className: 'journey-cell kind-' + lane.kind });
        cell.setAttribute('role', 'group');
        cell.setAttribute('aria-label', t('journey.cellLabel', { stage: stage.title, lane: lane.title }));
        cell.append(...cellContent(j, stage, lane, 'grid', notes));
        if (lane.kind === 'notes' && model.canEditNotes) dropTarget(cell, { journeyId: j.id, stageId: stage.id, laneId: lane.id });
        if ((lane.kind === 'text' || lane.kind === 'channel') && model.canEditNotes) {
          // a click anywhere on a text cell opens its editor (the Edit button is the keyboard way)
          cell.addEventListener('click', (e) => {
            const target = /** @type {HTMLElement} */ (e.target);
            if (target.closest('button, textarea, input, select, form, a')) return;
            const key = cellKey(j, stage, lane);
            if (!(s.editing && s.editing.key === key)) openEditor(key, 'grid', 'cell-text|' + key);
          });
        }
        put(cell, row, si + 2);
      });
    });
    return grid;
  }

  /**
   * The feelings curve of an emotion lane, drawn behind its cells.
   * @param {Journey} j
   * @param {Lane} lane
   */
  function curve(j, lane) {
    const box = el('div', { className: 'journey-curve', attrs: { 'aria-hidden': 'true' } });
    const points = emotionPoints(j, lane.id);
    const width = points.length * 100;
    const height = 100;
    const g = curveGeometry(points, 100, height, 12);
    const NS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('focusable', 'false');
    const zero = document.createElementNS(NS, 'line');
    zero.setAttribute('x1', '0');
    zero.setAttribute('x2', String(width));
    zero.setAttribute('y1', String(height / 2));
    zero.setAttribute('y2', String(height / 2));
    zero.setAttribute('class', 'journey-curve-zero');
    zero.setAttribute('vector-effect', 'non-scaling-stroke');
    svg.append(zero);
    for (const seg of g.segments) {
      const path = document.createElementNS(NS, 'path');
      path.setAttribute('d', pathData(seg));
      path.setAttribute('class', 'journey-curve-line');
      path.setAttribute('vector-effect', 'non-scaling-stroke');
      svg.append(path);
    }
    box.append(svg);
    for (const d of g.dots) {
      const dot = el('span', { className: 'journey-dot score-' + ((points[d.index].score ?? 0) < 0 ? 'low' : (points[d.index].score ?? 0) > 0 ? 'high' : 'mid') });
      dot.style.left = (d.x / width) * 100 + '%';
      dot.style.top = (d.y / height) * 100 + '%';
      box.append(dot);
    }
    return box;
  }

  return { buildGrid };
}
