// The accessible table of a journey map: the same cells as the grid, in a table with headers.
import { t, el } from '../lib/page.js';

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
 * @param {{cellContent: (j: Journey, stage: Stage, lane: Lane, where: 'grid' | 'table', notes: Map<string, ViewNote>) => Node[]}} cells
 */
export function createTableView(cells) {
  const { cellContent } = cells;

  // ---- table -----------------------------------------------------------------------------------------------
  /**
   * @param {Journey} j
   * @param {Map<string, ViewNote>} notes
   */
  function buildTable(j, notes) {
    const table = el('table', { className: 'journey-table' });
    table.id = 'journey-table';
    table.append(el('caption', { text: j.title }));
    const thead = el('thead');
    const hr = el('tr');
    hr.append(el('td', { className: 'journey-corner', text: t('journey.corner') }));
    for (const s of j.stages) hr.append(el('th', { text: s.title, attrs: { scope: 'col' } }));
    thead.append(hr);
    const tbody = el('tbody');
    for (const lane of j.lanes) {
      const tr = el('tr', { className: 'kind-' + lane.kind });
      tr.append(el('th', { text: lane.title, attrs: { scope: 'row' } }));
      for (const stage of j.stages) {
        const td = el('td', { className: 'journey-cell kind-' + lane.kind });
        td.append(...cellContent(j, stage, lane, 'table', notes));
        tr.append(td);
      }
      tbody.append(tr);
    }
    table.append(thead, tbody);
    return table;
  }

  return { buildTable };
}
