// The visual journey map: stages as columns, lanes as rows, notes in cells, the feelings curve behind its lane.
// Cells show their content; their controls show for the hovered, focused or tapped cell; stages and lanes have one
// menu each in their header (facilitators).
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
 *   openEditor: (key: string, where: 'grid' | 'table', focus: string) => void,
 *   openAdd: (key: string, where: 'grid' | 'table') => void}} cells
 * @param {{dropTarget: (target: HTMLElement, cell: {journeyId: string, stageId: string, laneId: string} | null) => void}} placing
 * @param {ReturnType<typeof import('./item-menu.js').createItemMenu>} menus
 */
export function createGridView(s, h, cells, placing, menus) {
  const { model } = s;
  const { cellKey } = h;
  const { cellContent, openEditor, openAdd } = cells;
  const { dropTarget } = placing;
  const { itemMenu, renameForm, isRenaming } = menus;

  // ---- grid ------------------------------------------------------------------------------------------------
  /**
   * @param {Journey} j
   * @param {Map<string, ViewNote>} notes
   */
  function buildGrid(j, notes) {
    const grid = el('div', { className: 'journey-grid' });
    // the columns are in journey.css; only their number is set here
    grid.style.setProperty('--journey-stages', String(Math.max(1, j.stages.length)));
    /** @param {HTMLElement} x @param {number} row @param {number} col @param {number} [span] */
    const put = (x, row, col, span = 1) => {
      x.style.gridRow = String(row);
      x.style.gridColumn = span > 1 ? `${col} / span ${span}` : String(col);
      grid.append(x);
      return x;
    };
    put(el('div', { className: 'journey-corner', text: t('journey.corner') }), 1, 1);
    j.stages.forEach((stage, i) => put(header(j, 'stage', stage, 'journey-stage-head'), 1, i + 2));
    j.lanes.forEach((lane, li) => {
      const row = li + 2;
      put(header(j, 'lane', lane, 'journey-lane-head kind-' + lane.kind), row, 1);
      if (lane.kind === 'emotion' && j.stages.length) put(curve(j, lane), row, 2, j.stages.length);
      j.stages.forEach((stage, si) => {
        const cell = el('div', { className: 'journey-cell kind-' + lane.kind });
        cell.setAttribute('role', 'group');
        cell.setAttribute('aria-label', t('journey.cellLabel', { stage: stage.title, lane: lane.title }));
        cell.append(...cellContent(j, stage, lane, 'grid', notes));
        if (model.canEditNotes) {
          if (lane.kind === 'notes') dropTarget(cell, { journeyId: j.id, stageId: stage.id, laneId: lane.id });
          cellPointer(cell, j, stage, lane);
        }
        put(cell, row, si + 2);
      });
    });
    return grid;
  }

  /**
   * A column or row header: its title (and the lane's kind) and, for facilitators, its menu or the rename form.
   * @param {Journey} j
   * @param {'stage' | 'lane'} kind
   * @param {Stage | Lane} item
   * @param {string} className
   */
  function header(j, kind, item, className) {
    const head = el('div', { className });
    if (model.canRun && isRenaming(kind, item.id, 'grid')) {
      head.classList.add('is-renaming');
      head.append(renameForm(j, kind, item, 'grid'));
      return head;
    }
    const text = el('div', { className: 'journey-head-text' });
    text.append(el('span', { className: 'journey-head-title', text: item.title }));
    if (kind === 'lane') {
      const laneKind = /** @type {Lane} */ (item).kind;
      const kindName = t('journey.laneKind.' + laneKind);
      if (kindName.toLocaleLowerCase() !== item.title.toLocaleLowerCase())
        text.append(el('span', { className: 'journey-lane-kind', text: kindName }));
    }
    head.append(text);
    if (model.canRun) head.append(itemMenu(j, kind, item, 'grid'));
    return head;
  }

  /**
   * The mouse and touch way into a cell (the buttons in it are the keyboard way): a click shows the cell's
   * controls and opens the editor of a text or feelings cell; a double click on a notes cell writes a new note.
   * @param {HTMLElement} cell
   * @param {Journey} j
   * @param {Stage} stage
   * @param {Lane} lane
   */
  function cellPointer(cell, j, stage, lane) {
    const key = cellKey(j, stage, lane);
    cell.addEventListener('click', (e) => {
      const target = /** @type {HTMLElement} */ (e.target);
      if (target.closest('button, textarea, input, select, form, a')) return;
      for (const other of cell.parentElement?.querySelectorAll('.journey-cell.is-active, .journey-note.is-active') ||
        [])
        other.classList.remove('is-active');
      const note = target.closest('.journey-note');
      (note || cell).classList.add('is-active');
      if (note || (s.editing && s.editing.key === key)) return;
      if (lane.kind === 'text' || lane.kind === 'channel') openEditor(key, 'grid', 'cell-text|' + key);
      else if (lane.kind === 'emotion') openEditor(key, 'grid', 'emotion-score|' + key);
    });
    if (lane.kind === 'notes') {
      cell.addEventListener('dblclick', (e) => {
        const target = /** @type {HTMLElement} */ (e.target);
        if (target.closest('button, textarea, input, select, form, a, .journey-note')) return;
        openAdd(key, 'grid');
      });
    }
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
      const dot = el('span', {
        className:
          'journey-dot score-' +
          ((points[d.index].score ?? 0) < 0 ? 'low' : (points[d.index].score ?? 0) > 0 ? 'high' : 'mid'),
      });
      dot.style.left = (d.x / width) * 100 + '%';
      dot.style.top = (d.y / height) * 100 + '%';
      box.append(dot);
    }
    return box;
  }

  return { buildGrid };
}
