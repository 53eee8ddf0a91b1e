// Journey maps on the board page: a visual grid (stages as columns, lanes as rows, notes in cells, the feelings
// curve), an accessible table of the same map, the facilitator's tools to shape maps, the keyboard way to move
// notes into cells ("Move to…"), the SVG download, and the template's areas on the canvas and in the list view.
// The parts are in journey/; this file puts them together.
import { t, tError, byId, showMessage, el, lang } from './lib/page.js';
import { writeString } from './lib/storage.js';
import { areaRegions, placeTargets, encodePlace } from './lib/journey-model.js';
import { createJourneyState, createHelpers, TABLE_KEY } from './journey/shared.js';
import { createPlacing } from './journey/placing.js';
import { createCellEditor } from './journey/cell-editor.js';
import { createGridView } from './journey/grid-view.js';
import { createTableView } from './journey/table-view.js';
import { createMapTools } from './journey/map-tools.js';
import { createItemMenu } from './journey/item-menu.js';

/**
 * @typedef {import('./lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('./journey/shared.js').JourneyContext} JourneyContext
 */

/** @param {JourneyContext} ctx */
export function createJourneyView(ctx) {
  const { model } = ctx;
  const toggle = /** @type {HTMLButtonElement} */ (byId('journey-toggle'));
  const titleEl = byId('journey-title');
  const kindEl = byId('journey-kind');
  const picker = byId('journey-picker');
  const select = /** @type {HTMLSelectElement} */ (byId('journey-select'));
  const tableToggle = /** @type {HTMLButtonElement} */ (byId('journey-table-toggle'));
  const svgLink = /** @type {HTMLAnchorElement} */ (byId('journey-svg'));
  const emptyEl = byId('journey-empty');
  const helpEl = byId('journey-help');
  const gridWrap = byId('journey-grid');
  const tableWrap = byId('journey-table-wrap');
  const tools = /** @type {HTMLDetailsElement} */ (byId('journey-tools'));
  const toolsBody = byId('journey-tools-body');
  const create = /** @type {HTMLDetailsElement} */ (byId('journey-create'));
  const listAreas = byId('list-areas');
  const listAreasList = byId('list-areas-list');
  const plane = byId('canvas-plane');

  const s = createJourneyState(ctx);
  const { errorEl } = s;
  const h = createHelpers(s);
  const { current, available, placeName, rebuild, targetsSignature } = h;
  const placing = createPlacing(s, h);
  const { placeControl, renderLoose } = placing;
  const cells = createCellEditor(s, h, placing);
  const menus = createItemMenu(s, h);
  const { buildGrid } = createGridView(s, h, cells, placing, menus);
  const { buildTable } = createTableView(cells);
  const mapTools = createMapTools(s, h, menus);
  const { buildTools, renderCreateStart } = mapTools;

  // ---- header controls -------------------------------------------------------------------------------------
  toggle.addEventListener('click', () => {
    ctx.setView(ctx.currentView() === 'journey' ? lastOtherView : 'journey');
  });
  /** @type {'canvas' | 'list'} */
  let lastOtherView = 'canvas';

  tableToggle.addEventListener('click', () => {
    s.tableMode = !s.tableMode;
    writeString(TABLE_KEY, String(s.tableMode));
    s.editing = null;
    s.placing = null;
    s.adding = null;
    ctx.scheduleRender();
  });

  select.addEventListener('change', () => {
    s.selectedId = select.value;
    s.editing = null;
    s.placing = null;
    s.adding = null;
    s.renamingItem = null;
    s.confirmRemove = null;
    s.menu = null;
    ctx.scheduleRender();
  });

  svgLink.addEventListener('click', async (e) => {
    e.preventDefault();
    const j = current();
    if (!j) return;
    try {
      const res = await fetch(svgLink.href, {
        headers: { Authorization: 'Bearer ' + ctx.token, Accept: 'image/svg+xml' },
        cache: 'no-store',
        credentials: 'same-origin',
      });
      if (!res.ok) {
        let code =
          res.status === 401
            ? 'unauthorized'
            : res.status === 403
              ? 'forbidden'
              : res.status === 404
                ? 'not_found'
                : 'unexpected';
        try {
          const body = await res.json();
          if (body && body.error && typeof body.error.code === 'string') code = body.error.code;
        } catch {
          /* not JSON */
        }
        showMessage(errorEl, tError(code));
        return;
      }
      const blob = await res.blob();
      const url = URL.createObjectURL(new Blob([blob], { type: 'image/svg+xml' }));
      const a = el('a');
      a.href = url;
      a.download = svgLink.getAttribute('download') || 'journey.svg';
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      showMessage(errorEl, '');
    } catch {
      showMessage(errorEl, tError('network_error'));
    }
  });

  // ---- areas -----------------------------------------------------------------------------------------------
  function renderAreas() {
    const areas = model.journeyState.areas;
    const sig = JSON.stringify([lang(), areas]);
    if (listAreasList.dataset.signature === sig) return;
    listAreasList.dataset.signature = sig;
    listAreas.hidden = !areas.length;
    listAreasList.replaceChildren();
    for (const a of areas) {
      listAreasList.append(el('dt', { text: a.title }));
      if (a.hint) listAreasList.append(el('dd', { className: 'hint', text: a.hint }));
    }
    for (const old of plane.querySelectorAll('.canvas-area')) old.remove();
    for (const r of areaRegions(areas).reverse()) {
      const box = el('div', { className: 'canvas-area', attrs: { 'aria-hidden': 'true' } });
      box.style.left = r.x + 'px';
      box.style.top = r.y + 'px';
      box.style.width = r.width + 'px';
      box.style.height = r.height + 'px';
      box.append(el('p', { className: 'canvas-area-title', text: r.title }));
      if (r.hint) box.append(el('p', { className: 'canvas-area-hint', text: r.hint }));
      plane.prepend(box);
    }
  }

  // ---- render ----------------------------------------------------------------------------------------------

  /** @param {Map<string, ViewNote>} notes */
  function render(notes) {
    s.lastNotes = notes;
    renderAreas();
    toggle.hidden = !available();
    const active = ctx.currentView() === 'journey';
    toggle.setAttribute('aria-pressed', String(active));
    if (!active) {
      const v = ctx.currentView();
      if (v === 'canvas' || v === 'list') lastOtherView = v;
      return;
    }
    if (!available()) {
      ctx.setView(lastOtherView);
      return;
    }
    const list = model.journeyState.list();
    const j = current();
    if (s.editing && (!j || !s.editing.key.startsWith(j.id + '|'))) s.editing = null;
    if (s.placing && !notes.has(s.placing.noteId)) s.placing = null;
    const renaming = s.renamingItem;
    if (renaming && (!j || !(renaming.kind === 'stage' ? j.stages : j.lanes).some((x) => x.id === renaming.id)))
      s.renamingItem = null;
    const menu = s.menu;
    if (menu && (!j || !model.canRun || !(menu.kind === 'stage' ? j.stages : j.lanes).some((x) => x.id === menu.id)))
      s.menu = null;
    if (!model.canEditNotes) {
      s.editing = null;
      s.adding = null;
      s.placing = null;
    }

    // header
    picker.hidden = list.length < 2;
    const pickSig = JSON.stringify([list.map((x) => [x.id, x.title]), s.selectedId]);
    if (select.dataset.signature !== pickSig) {
      select.dataset.signature = pickSig;
      select.replaceChildren(
        ...list.map((x) => {
          const o = el('option', { text: x.title });
          o.value = x.id;
          return o;
        }),
      );
      if (j) select.value = j.id;
    }
    titleEl.textContent = j ? j.title : t('journey.view');
    kindEl.hidden = !j;
    kindEl.textContent = j ? t('journey.kind.' + j.kind) : '';
    kindEl.dataset.kind = j ? j.kind : '';
    tableToggle.hidden = !j;
    tableToggle.setAttribute('aria-pressed', String(s.tableMode));
    svgLink.hidden = !j;
    if (j) {
      svgLink.href =
        '/api/workshops/' + encodeURIComponent(ctx.workshopId) + '/journeys/' + encodeURIComponent(j.id) + '/svg';
      svgLink.setAttribute(
        'download',
        (j.title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || 'journey') + '.svg',
      );
      svgLink.setAttribute('aria-label', t('journey.svgLabel', { title: j.title }));
    }
    emptyEl.hidden = !!j;
    emptyEl.textContent = j ? '' : t(model.canRun ? 'journey.noneFacilitator' : 'journey.none');
    helpEl.hidden = !j || !model.canEditNotes;

    // the map
    gridWrap.hidden = !j || s.tableMode;
    // read-only (a closed workshop, an observer, a locked board): nothing in the map takes focus, so the map itself
    // does, to scroll it by keyboard
    if (model.canEditNotes) {
      for (const a of ['tabindex', 'role', 'aria-labelledby']) gridWrap.removeAttribute(a);
    } else if (!gridWrap.hasAttribute('tabindex')) {
      gridWrap.setAttribute('tabindex', '0');
      gridWrap.setAttribute('role', 'group');
      gridWrap.setAttribute('aria-labelledby', 'journey-heading');
    }
    tableWrap.hidden = !j || !s.tableMode;
    if (j) {
      const cellNotes = Array.from(notes.values())
        .filter((n) => n.cell && n.cell.journeyId === j.id)
        .map((n) => [n.id, n.text, n.color, n.cell?.stageId, n.cell?.laneId, !!n.pending]);
      const sig = JSON.stringify([
        lang(),
        j,
        cellNotes,
        s.editing,
        s.placing,
        s.adding,
        model.canEditNotes,
        model.canRun,
        targetsSignature(),
        s.tableMode ? null : [s.menu, s.renamingItem, s.confirmRemove],
      ]);
      if (s.tableMode) {
        gridWrap.replaceChildren();
        gridWrap.dataset.signature = '';
        rebuild(tableWrap, sig, () => [buildTable(j, notes)]);
      } else {
        tableWrap.replaceChildren();
        tableWrap.dataset.signature = '';
        rebuild(gridWrap, sig, () => [buildGrid(j, notes)]);
      }
    }
    renderLoose(notes);

    // facilitators
    tools.hidden = !j || !model.canRun;
    if (j && model.canRun) {
      const sig = JSON.stringify([
        lang(),
        j.id,
        j.title,
        j.kind,
        j.stages,
        j.lanes,
        s.renamingItem,
        s.confirmRemove,
        s.menu,
      ]);
      rebuild(toolsBody, sig, () => buildTools(j));
    }
    create.hidden = !model.canRun;
    if (model.canRun) {
      if (!list.length) create.open = true;
      renderCreateStart();
    }
  }

  /** Re-translates the static parts after a language change. */
  function relabel() {
    mapTools.relabel();
  }

  return {
    render,
    relabel,
    available,
    /**
     * Whether a note is drawn on the free canvas (notes in map cells are not).
     * @param {ViewNote} note
     */
    onCanvas(note) {
      return !model.journeyState.isOnMap(note);
    },
    /**
     * What the list view adds to a note: where it is on the map, and the "Move to…" control.
     * @param {ViewNote} note
     * @param {HTMLElement} [errEl]
     * @returns {HTMLElement[]}
     */
    listExtras(note, errEl) {
      const out = [];
      const p = model.journeyState.placeOf(note);
      if (p) out.push(el('p', { className: 'note-place', text: t('journey.place.onMap', { place: placeName(p) }) }));
      if (model.canEditNotes && !note.pending && placeTargets(model.journeyState.list()).length)
        out.push(placeControl(note, 'list', errEl));
      return out;
    },
    /** @param {ViewNote} note what listExtras shows, for the list's re-render check */
    listSignature(note) {
      const p = model.journeyState.placeOf(note);
      return [p ? placeName(p) : null, note.cell ? encodePlace(note.cell) : null, targetsSignature()];
    },
  };
}
