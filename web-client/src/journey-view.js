// Journey maps on the board page: a visual grid (stages as columns, lanes as rows, notes in cells, the feelings
// curve), an accessible table of the same map, the facilitator's tools to shape maps, the keyboard way to move
// notes into cells ("Move to…"), the SVG download, and the template's areas on the canvas and in the list view.
import { t, tError, byId, showMessage, el, lang, closeOnEscape } from './lib/page.js';
import { excerpt } from './lib/i18n.js';
import { readString, writeString } from './lib/storage.js';
import {
  findCell, notesInCell, emotionPoints, curveGeometry, pathData, placeTargets, encodePlace, decodePlace, stepIndex,
  areaRegions, signedScore, SCORES, LANE_KINDS,
} from './lib/journey-model.js';

/**
 * @typedef {import('./lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('./lib/journey-model.js').Journey} Journey
 * @typedef {import('./lib/journey-model.js').Stage} Stage
 * @typedef {import('./lib/journey-model.js').Lane} Lane
 * @typedef {'grid' | 'table' | 'loose' | 'list'} Place
 * @typedef {{
 *   model: import('./lib/board-model.js').BoardModel,
 *   command: (cmd: any, errorEl?: HTMLElement) => Promise<any>,
 *   announce: (text: string) => void,
 *   scheduleRender: () => void,
 *   setView: (view: 'canvas' | 'list' | 'journey') => void,
 *   currentView: () => string,
 *   newNotePosition: () => {x: number, y: number},
 *   newNoteId: () => string,
 *   defaultColor: () => string,
 *   maxNoteText: () => number,
 *   workshopId: string,
 *   token: string,
 * }} JourneyContext
 */

const TABLE_KEY = 'paja.journey.table';
const MAX_CELL_TEXT = 500;

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
  const errorEl = byId('journey-error');
  const emptyEl = byId('journey-empty');
  const helpEl = byId('journey-help');
  const gridWrap = byId('journey-grid');
  const tableWrap = byId('journey-table-wrap');
  const loose = byId('journey-loose');
  const looseEmpty = byId('journey-loose-empty');
  const looseList = byId('journey-loose-list');
  const tools = /** @type {HTMLDetailsElement} */ (byId('journey-tools'));
  const toolsBody = byId('journey-tools-body');
  const create = /** @type {HTMLDetailsElement} */ (byId('journey-create'));
  const createForm = /** @type {HTMLFormElement} */ (byId('journey-create-form'));
  const createTitle = /** @type {HTMLInputElement} */ (byId('journey-new-title'));
  const createKind = /** @type {HTMLSelectElement} */ (byId('journey-new-kind'));
  const createStart = /** @type {HTMLSelectElement} */ (byId('journey-new-start'));
  const listAreas = byId('list-areas');
  const listAreasList = byId('list-areas-list');
  const plane = byId('canvas-plane');

  /** @type {string | null} the map shown */
  let selectedId = null;
  let tableMode = readString(TABLE_KEY) === 'true';
  /** @type {{key: string, where: Place} | null} an open cell editor */
  let editing = null;
  /** @type {{noteId: string, where: Place} | null} a note whose "Move to…" form is open */
  let placing = null;
  /** @type {{key: string, where: Place} | null} a cell where a new note is being written */
  let adding = null;
  /** @type {{kind: 'stage' | 'lane', id: string} | null} */
  let renamingItem = null;
  /** @type {{kind: 'map' | 'stage' | 'lane', id: string} | null} */
  let confirmRemove = null;
  /** @type {string | null} a control to focus after the next rebuild (for a few seconds at most) */
  let focusNext = null;
  let focusUntil = 0;
  /** @type {string | null} the note being dragged */
  let dragNoteId = null;

  // ---- helpers ---------------------------------------------------------------------------------------------
  /** @param {string | null} fk */
  function want(fk) {
    focusNext = fk;
    focusUntil = Date.now() + 3000;
  }

  /** @returns {Journey | null} */
  function current() {
    const list = model.journeyState.list();
    if (!list.length) return null;
    if (!selectedId || !model.journeyState.journeys.has(selectedId)) selectedId = list[0].id;
    return model.journeyState.journeys.get(selectedId) || null;
  }

  function available() {
    return model.journeyState.list().length > 0 || model.isFacilitator;
  }

  /** @param {number} score */
  function scoreWord(score) {
    return t('journey.score.' + (score < 0 ? 'm' + Math.abs(score) : score > 0 ? 'p' + score : '0'));
  }

  /** @param {number} score */
  function scoreText(score) {
    return t('journey.score.text', { score: signedScore(score), label: scoreWord(score) });
  }

  /**
   * "Stage – lane" (with the map's name when there are several maps).
   * @param {{journey: Journey, stage: Stage, lane: Lane}} p
   */
  function placeName(p) {
    const several = model.journeyState.list().length > 1;
    return several
      ? t('journey.place.optionMap', { map: p.journey.title, stage: p.stage.title, lane: p.lane.title })
      : t('journey.place.option', { stage: p.stage.title, lane: p.lane.title });
  }

  /**
   * @param {string} text
   * @param {string} className
   * @param {string} fk focus key: the same control after a rebuild gets the focus back
   */
  function button(text, className, fk) {
    const b = el('button', { className, text });
    b.type = 'button';
    b.dataset.fk = fk;
    return b;
  }

  /**
   * Rebuilds a part when its signature changed, keeping typed text and the focus.
   * @param {HTMLElement} container
   * @param {string} sig
   * @param {() => Node[]} build
   */
  function rebuild(container, sig, build) {
    if (focusNext && Date.now() > focusUntil) focusNext = null;
    if (container.dataset.signature === sig && !focusNext) return;
    const changed = container.dataset.signature !== sig;
    container.dataset.signature = sig;
    const active = /** @type {HTMLElement | null} */ (document.activeElement);
    let fk = null;
    /** @type {[number, number] | null} */
    let selection = null;
    if (active && container.contains(active) && active.dataset.fk) {
      fk = active.dataset.fk;
      const f = /** @type {HTMLInputElement} */ (active);
      if (typeof f.selectionStart === 'number' && (f.tagName === 'TEXTAREA' || f.type === 'text')) selection = [f.selectionStart, f.selectionEnd];
    }
    if (changed) {
      /** @type {Map<string, string>} */
      const kept = new Map();
      for (const f of container.querySelectorAll('[data-keep]')) {
        kept.set(/** @type {HTMLElement} */ (f).dataset.fk, /** @type {HTMLInputElement} */ (f).value);
      }
      container.replaceChildren(...build());
      for (const [key, value] of kept) {
        const f = /** @type {HTMLInputElement | null} */ (container.querySelector(`[data-keep][data-fk="${cssEscape(key)}"]`));
        if (f) f.value = value;
      }
    }
    const wanted = focusNext || fk;
    if (!wanted) return;
    const again = /** @type {HTMLInputElement | null} */ (container.querySelector(`[data-fk="${cssEscape(wanted)}"]`));
    if (!again) return;
    if (focusNext === wanted) focusNext = null;
    if (document.activeElement !== again) again.focus({ preventScroll: wanted === fk });
    if (selection && wanted === fk) {
      try {
        again.setSelectionRange(selection[0], selection[1]);
      } catch {
        /* not a text field */
      }
    }
  }

  /**
   * @param {Journey} j
   * @param {Stage} stage
   * @param {Lane} lane
   */
  function cellKey(j, stage, lane) {
    return [j.id, stage.id, lane.id].join('|');
  }

  /** @param {string} label @param {string} forId @param {string} [className] */
  function label(label, forId, className) {
    const l = el('label', { text: label, className });
    l.htmlFor = forId;
    return l;
  }

  /** @param {string} prefix @param {string} id ids safe for the DOM */
  function domId(prefix, id) {
    return prefix + '-' + String(id).replace(/[^A-Za-z0-9_-]/g, '_');
  }

  // ---- commands --------------------------------------------------------------------------------------------
  /**
   * @param {any} cmd
   * @returns {Promise<any>}
   */
  function send(cmd) {
    return ctx.command(cmd, errorEl);
  }

  /**
   * @param {ViewNote} note
   * @param {{journeyId: string, stageId: string, laneId: string} | null} cell
   * @param {HTMLElement} [errEl]
   */
  async function place(note, cell, errEl = errorEl) {
    const cmd = cell ? { op: 'note.place', id: note.id, ...cell } : { op: 'note.place', id: note.id };
    const reply = await ctx.command(cmd, errEl);
    if (!reply) return false;
    placing = null;
    if (cell) {
      const p = model.journeyState.placeOf({ cell });
      ctx.announce(t('journey.announce.placed', { place: p ? placeName(p) : '' }));
    } else {
      ctx.announce(t('journey.announce.unplaced'));
    }
    ctx.scheduleRender();
    return true;
  }

  // ---- "Move to…" ------------------------------------------------------------------------------------------
  /**
   * The select of stage + lane, Move, and Back to canvas. Used in cells, in the list view and for loose notes.
   * @param {ViewNote} note
   * @param {Place} where
   * @param {HTMLElement} [errEl]
   */
  function placeControl(note, where, errEl = errorEl) {
    const box = el('div', { className: 'place-control' });
    const short = excerpt(note.text);
    const selectId = domId('place-' + where, note.id);
    const sel = el('select', { className: 'place-select' });
    sel.id = selectId;
    sel.dataset.fk = 'place-select|' + note.id;
    sel.dataset.action = 'place-select';
    const here = note.cell ? encodePlace(note.cell) : '';
    const targets = placeTargets(model.journeyState.list());
    // with several maps, one group of options per map (the group's label names the map)
    const several = model.journeyState.list().length > 1;
    /** @type {Map<string, HTMLOptGroupElement>} */
    const groups = new Map();
    for (const target of targets) {
      const o = el('option', { text: t('journey.place.option', { stage: target.stage.title, lane: target.lane.title }) });
      o.value = target.value;
      if (!several) {
        sel.append(o);
        continue;
      }
      let g = groups.get(target.journey.id);
      if (!g) {
        g = el('optgroup');
        g.label = target.journey.title;
        groups.set(target.journey.id, g);
        sel.append(g);
      }
      g.append(o);
    }
    if (here && targets.some((x) => x.value === here)) sel.value = here;
    const apply = button(t('journey.place.apply'), 'small place-apply', 'place-apply|' + note.id);
    apply.dataset.action = 'place-apply';
    apply.setAttribute('aria-label', t('journey.place.applyLabel', { excerpt: short }));
    apply.addEventListener('click', async () => {
      const cell = decodePlace(sel.value);
      if (!cell || sel.value === here) return;
      want(where === 'list' ? null : 'place-open|' + note.id);
      await place(note, cell, errEl);
    });
    const row = el('div', { className: 'group-row' });
    row.append(sel, apply);
    box.append(label(t('journey.place.select'), selectId), row);
    if (note.cell && model.journeyState.isOnMap(note)) {
      const back = button(t('journey.place.back'), 'small secondary place-back', 'place-back|' + note.id);
      back.dataset.action = 'place-back';
      back.setAttribute('aria-label', t('journey.place.backLabel', { excerpt: short }));
      back.addEventListener('click', () => place(note, null, errEl));
      box.append(back);
    }
    if (where === 'grid' || where === 'table') {
      const cancel = button(t('note.cancel'), 'small secondary', 'place-cancel|' + note.id);
      cancel.addEventListener('click', () => {
        placing = null;
        want('place-open|' + note.id);
        ctx.scheduleRender();
      });
      box.append(cancel);
      closeOnEscape(box, () => cancel.click());
    }
    return box;
  }

  /**
   * A note inside a cell or in the loose list: text, and the "Move to…" button (or its open form).
   * @param {ViewNote} note
   * @param {Place} where
   */
  function noteItem(note, where) {
    const li = el('li', { className: 'journey-note color-' + String(note.color).replace(/[^a-z0-9-]/gi, '') });
    li.dataset.noteId = note.id;
    li.append(el('p', { className: 'note-text', text: note.text }));
    if (note.pending) li.append(el('p', { className: 'note-meta note-pending', text: t('note.pending') }));
    if (!model.canEditNotes || note.pending) return li;
    if (where === 'grid' || where === 'loose') {
      li.draggable = true;
      li.title = t('journey.place.drag');
      li.addEventListener('dragstart', (e) => {
        dragNoteId = note.id;
        e.dataTransfer?.setData('text/plain', note.id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
        li.classList.add('is-dragging');
      });
      li.addEventListener('dragend', () => {
        dragNoteId = null;
        li.classList.remove('is-dragging');
      });
    }
    if (where === 'loose' || (placing && placing.noteId === note.id && placing.where === where)) {
      li.append(placeControl(note, where));
    } else {
      const open = button(t('journey.place.open'), 'small place-open', 'place-open|' + note.id);
      open.setAttribute('aria-label', t('journey.place.openLabel', { excerpt: excerpt(note.text) }));
      open.addEventListener('click', () => {
        placing = { noteId: note.id, where };
        adding = null;
        want('place-select|' + note.id);
        ctx.scheduleRender();
      });
      li.append(open);
    }
    return li;
  }

  /**
   * Lets notes be dropped on an element (a notes cell, or the loose list for "back to the canvas").
   * @param {HTMLElement} target
   * @param {{journeyId: string, stageId: string, laneId: string} | null} cell
   */
  function dropTarget(target, cell) {
    target.addEventListener('dragover', (e) => {
      if (!dragNoteId) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
      target.classList.add('is-drop');
    });
    target.addEventListener('dragleave', () => target.classList.remove('is-drop'));
    target.addEventListener('drop', (e) => {
      e.preventDefault();
      target.classList.remove('is-drop');
      const id = dragNoteId || e.dataTransfer?.getData('text/plain');
      dragNoteId = null;
      const note = id ? lastNotes.get(id) : null;
      if (!note) return;
      const here = note.cell ? encodePlace(note.cell) : '';
      if (cell ? encodePlace(cell) === here : !here) return;
      place(note, cell);
    });
  }

  // ---- cells -----------------------------------------------------------------------------------------------
  /**
   * What a cell holds, the same in the grid and the table.
   * @param {Journey} j
   * @param {Stage} stage
   * @param {Lane} lane
   * @param {'grid' | 'table'} where
   * @param {Map<string, ViewNote>} notes
   * @returns {Node[]}
   */
  function cellContent(j, stage, lane, where, notes) {
    const key = cellKey(j, stage, lane);
    const c = findCell(j, stage.id, lane.id);
    const names = { stage: stage.title, lane: lane.title };
    const canEdit = model.canEditNotes;
    const isEditing = editing && editing.key === key && editing.where === where && canEdit;
    if (lane.kind === 'notes') {
      const ul = el('ul', { className: 'journey-notes' });
      for (const n of notesInCell(notes.values(), j.id, stage.id, lane.id)) ul.append(noteItem(n, where));
      /** @type {HTMLElement[]} */
      const out = [ul];
      if (!canEdit) return out;
      if (adding && adding.key === key && adding.where === where) {
        out.push(addNoteForm(j, stage, lane, where));
      } else {
        const add = button(t('journey.note.add'), 'small journey-add', 'add|' + key);
        add.setAttribute('aria-label', t('journey.note.addLabel', names));
        add.addEventListener('click', () => {
          adding = { key, where };
          placing = null;
          want('add-text|' + key);
          ctx.scheduleRender();
        });
        out.push(add);
      }
      return out;
    }
    if (lane.kind === 'emotion') {
      const score = c && typeof c.score === 'number' ? c.score : null;
      if (isEditing) return [emotionForm(j, stage, lane, where, score, (c && c.why) || '')];
      const out = [];
      const shown = el('p', { className: 'journey-score', text: score === null ? t('journey.score.none') : scoreText(score) });
      if (score !== null) shown.dataset.score = String(score);
      out.push(shown);
      if (c && c.why) out.push(el('p', { className: 'journey-why', text: t('journey.emotion.whyShown', { why: c.why }) }));
      if (canEdit) {
        const edit = button(t('journey.emotion.edit'), 'small journey-edit', 'edit|' + key);
        edit.setAttribute('aria-label', t('journey.emotion.editLabel', names));
        edit.addEventListener('click', () => openEditor(key, where, 'emotion-score|' + key));
        out.push(edit);
      }
      return out;
    }
    // text and channel lanes
    const text = (c && c.text) || '';
    if (isEditing) return [textForm(j, stage, lane, where, text)];
    const out = [];
    out.push(text ? el('p', { className: 'journey-text', text }) : el('p', { className: 'journey-text is-empty', text: t('journey.cell.empty') }));
    if (canEdit) {
      const edit = button(t('journey.cell.edit'), 'small journey-edit', 'edit|' + key);
      edit.setAttribute('aria-label', t('journey.cell.editLabel', names));
      edit.addEventListener('click', () => openEditor(key, where, 'cell-text|' + key));
      out.push(edit);
    }
    return out;
  }

  /**
   * @param {string} key
   * @param {'grid' | 'table'} where
   * @param {string} focus
   */
  function openEditor(key, where, focus) {
    editing = { key, where };
    placing = null;
    adding = null;
    want(focus);
    ctx.scheduleRender();
  }

  /** @param {string} key */
  function closeEditor(key) {
    editing = null;
    want('edit|' + key);
    ctx.scheduleRender();
  }

  /**
   * The Save (submit) and Cancel buttons of an editor form: Cancel and Escape close it, Ctrl/Cmd+Enter submits.
   * @param {HTMLFormElement} form
   * @param {string} saveText
   * @param {string | null} saveFk
   * @param {string} cancelFk
   * @param {() => void} close
   */
  function formActions(form, saveText, saveFk, cancelFk, close) {
    const save = el('button', { className: 'small primary', text: saveText });
    save.type = 'submit';
    if (saveFk) save.dataset.fk = saveFk;
    const cancel = button(t('note.cancel'), 'small secondary', cancelFk);
    cancel.addEventListener('click', close);
    closeOnEscape(form, close, true);
    const actions = el('div', { className: 'note-actions' });
    actions.append(save, cancel);
    return actions;
  }

  /**
   * @param {Journey} j @param {Stage} stage @param {Lane} lane @param {'grid' | 'table'} where @param {string} text
   */
  function textForm(j, stage, lane, where, text) {
    const key = cellKey(j, stage, lane);
    const form = el('form', { className: 'journey-editor' });
    form.noValidate = true;
    const id = domId('cell-text-' + where, key);
    const hintId = id + '-hint';
    const area = el('textarea', { className: 'journey-cell-input' });
    area.id = id;
    area.rows = 3;
    area.maxLength = MAX_CELL_TEXT;
    area.value = text;
    area.dataset.fk = 'cell-text|' + key;
    area.dataset.keep = '';
    area.setAttribute('aria-describedby', hintId);
    const hint = el('p', { className: 'hint', text: t('journey.cell.hint') });
    hint.id = hintId;
    const err = el('p', { className: 'error', attrs: { role: 'alert' } });
    err.hidden = true;
    const close = () => closeEditor(key);
    const actions = formActions(form, t('note.save'), 'cell-save|' + key, 'cell-cancel|' + key, close);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const value = area.value.replace(/\r\n/g, '\n').trim();
      if (Array.from(value).length > MAX_CELL_TEXT) {
        showMessage(err, tError('text_too_long'));
        area.focus();
        return;
      }
      if (value === text) return close();
      const reply = await ctx.command({ op: 'journey.cell.text', journeyId: j.id, stageId: stage.id, laneId: lane.id, text: value }, err);
      if (reply) {
        ctx.announce(t('journey.announce.saved'));
        close();
      }
    });
    form.append(label(t('journey.cell.textLabel', { stage: stage.title, lane: lane.title }), id), area, hint, err, actions);
    return form;
  }

  /**
   * @param {Journey} j @param {Stage} stage @param {Lane} lane @param {'grid' | 'table'} where
   * @param {number | null} score @param {string} why
   */
  function emotionForm(j, stage, lane, where, score, why) {
    const key = cellKey(j, stage, lane);
    const form = el('form', { className: 'journey-editor journey-emotion-editor' });
    form.noValidate = true;
    const selId = domId('emotion-score-' + where, key);
    const whyId = domId('emotion-why-' + where, key);
    const sel = el('select', { className: 'journey-score-select' });
    sel.id = selId;
    sel.dataset.fk = 'emotion-score|' + key;
    sel.dataset.keep = '';
    const none = el('option', { text: t('journey.score.none') });
    none.value = '';
    sel.append(none);
    for (const s of SCORES) {
      const o = el('option', { text: signedScore(s) + ' ' + scoreWord(s) });
      o.value = String(s);
      sel.append(o);
    }
    sel.value = score === null ? '' : String(score);
    const whyInput = el('input', { className: 'journey-why-input' });
    whyInput.type = 'text';
    whyInput.id = whyId;
    whyInput.maxLength = MAX_CELL_TEXT;
    whyInput.value = why;
    whyInput.dataset.fk = 'emotion-why|' + key;
    whyInput.dataset.keep = '';
    const err = el('p', { className: 'error', attrs: { role: 'alert' } });
    err.hidden = true;
    const close = () => closeEditor(key);
    const actions = formActions(form, t('note.save'), 'emotion-save|' + key, 'emotion-cancel|' + key, close);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const next = sel.value === '' ? null : Number(sel.value);
      const nextWhy = whyInput.value.trim();
      if (next === score && nextWhy === why) return close();
      /** @type {any} */
      const cmd = { op: 'journey.cell.emotion', journeyId: j.id, stageId: stage.id, laneId: lane.id, score: next };
      if (next !== null && nextWhy) cmd.why = nextWhy;
      const reply = await ctx.command(cmd, err);
      if (reply) {
        ctx.announce(t('journey.announce.saved'));
        close();
      }
    });
    form.append(label(t('journey.emotion.select', { stage: stage.title }), selId), sel,
      label(t('journey.emotion.why'), whyId), whyInput, err, actions);
    return form;
  }

  /**
   * Writes a new note straight into a notes cell (note.add, then note.place).
   * @param {Journey} j @param {Stage} stage @param {Lane} lane @param {'grid' | 'table'} where
   */
  function addNoteForm(j, stage, lane, where) {
    const key = cellKey(j, stage, lane);
    const form = el('form', { className: 'journey-editor' });
    form.noValidate = true;
    const id = domId('add-text-' + where, key);
    const area = el('textarea', { className: 'journey-cell-input' });
    area.id = id;
    area.rows = 3;
    area.dataset.fk = 'add-text|' + key;
    area.dataset.keep = '';
    const err = el('p', { className: 'error', attrs: { role: 'alert' } });
    err.hidden = true;
    const close = () => {
      adding = null;
      want('add|' + key);
      ctx.scheduleRender();
    };
    const actions = formActions(form, t('addNote.submit'), null, 'add-cancel|' + key, close);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const text = area.value.replace(/\r\n/g, '\n');
      if (!text.trim()) {
        showMessage(err, tError('text_empty'));
        area.focus();
        return;
      }
      if (Array.from(text).length > ctx.maxNoteText()) {
        showMessage(err, tError('text_too_long'));
        area.focus();
        return;
      }
      const pos = ctx.newNotePosition();
      const noteId = ctx.newNoteId();
      const added = await ctx.command({ op: 'note.add', id: noteId, text, x: pos.x, y: pos.y, color: ctx.defaultColor() }, err);
      if (!added) return;
      area.value = '';
      const placed = await ctx.command({ op: 'note.place', id: noteId, journeyId: j.id, stageId: stage.id, laneId: lane.id }, err);
      if (placed) {
        ctx.announce(t('journey.announce.placed', { place: t('journey.place.option', { stage: stage.title, lane: lane.title }) }));
        close();
      }
    });
    form.append(label(t('journey.note.addLabel', { stage: stage.title, lane: lane.title }), id), area, err, actions);
    return form;
  }

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
            if (!(editing && editing.key === key)) openEditor(key, 'grid', 'cell-text|' + key);
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
      const dot = el('span', { className: 'journey-dot score-' + (points[d.index].score < 0 ? 'low' : points[d.index].score > 0 ? 'high' : 'mid') });
      dot.style.left = (d.x / width) * 100 + '%';
      dot.style.top = (d.y / height) * 100 + '%';
      box.append(dot);
    }
    return box;
  }

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

  // ---- loose notes -----------------------------------------------------------------------------------------
  /** @param {Map<string, ViewNote>} notes */
  function renderLoose(notes) {
    const j = current();
    const hasNotesLane = !!j && model.journeyState.list().some((x) => x.lanes.some((l) => l.kind === 'notes') && x.stages.length);
    loose.hidden = !hasNotesLane || !model.canEditNotes;
    if (loose.hidden) return;
    const list = Array.from(notes.values()).filter((n) => !model.journeyState.isOnMap(n) && !n.pending)
      .sort((a, b) => ((a.createdAt || '') < (b.createdAt || '') ? -1 : (a.createdAt || '') > (b.createdAt || '') ? 1 : 0));
    looseEmpty.hidden = list.length > 0;
    const sig = JSON.stringify([lang(), list.map((n) => [n.id, n.text, n.color]), targetsSignature()]);
    rebuild(looseList, sig, () => list.map((n) => noteItem(n, 'loose')));
  }
  dropTarget(looseList, null);

  function targetsSignature() {
    return model.journeyState.list().map((j) => [j.id, j.title, j.stages, j.lanes.filter((l) => l.kind === 'notes')]);
  }

  // ---- facilitator's tools ---------------------------------------------------------------------------------
  /** @param {Journey} j */
  function buildTools(j) {
    const out = [];
    // name and kind
    const form = el('form', { className: 'journey-map-form' });
    form.noValidate = true;
    const titleIn = el('input');
    titleIn.type = 'text';
    titleIn.id = 'journey-edit-title';
    titleIn.maxLength = 200;
    titleIn.value = j.title;
    titleIn.dataset.fk = 'map-title';
    const kindSel = kindSelect('journey-edit-kind', j.kind);
    kindSel.dataset.fk = 'map-kind';
    const save = el('button', { className: 'small primary', text: t('journey.map.save') });
    save.type = 'submit';
    save.dataset.fk = 'map-save';
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const title = titleIn.value.trim();
      if (!title) {
        showMessage(errorEl, tError('invalid_title'));
        titleIn.focus();
        return;
      }
      /** @type {any} */
      const cmd = { op: 'journey.update', id: j.id };
      if (title !== j.title) cmd.title = title;
      if (kindSel.value !== j.kind) cmd.kind = kindSel.value;
      if (cmd.title !== undefined || cmd.kind !== undefined) await send(cmd);
    });
    const f1 = el('div', { className: 'field' });
    f1.append(label(t('journey.map.title'), titleIn.id), titleIn);
    const f2 = el('div', { className: 'field' });
    f2.append(label(t('journey.map.kind'), kindSel.id), kindSel);
    form.append(f1, f2, save);
    out.push(form);
    if (confirmRemove && confirmRemove.kind === 'map' && confirmRemove.id === j.id) {
      out.push(confirmBox(t('journey.map.confirmRemove', { title: j.title }), 'map', async () => {
        if (await send({ op: 'journey.remove', id: j.id })) selectedId = null;
      }));
    } else {
      const rm = button(t('journey.map.remove'), 'small danger', 'map-remove');
      rm.addEventListener('click', () => {
        confirmRemove = { kind: 'map', id: j.id };
        want('confirm-no|map');
        ctx.scheduleRender();
      });
      out.push(rm);
    }
    out.push(...itemSection(j, 'stage'), ...itemSection(j, 'lane'));
    return out;
  }

  /** @param {string} id @param {string} value */
  function kindSelect(id, value) {
    const sel = el('select');
    sel.id = id;
    for (const k of ['current', 'future']) {
      const o = el('option', { text: t('journey.kind.' + k) });
      o.value = k;
      sel.append(o);
    }
    sel.value = value;
    return sel;
  }

  /**
   * @param {string} text
   * @param {string} what
   * @param {() => Promise<any>} yes
   */
  function confirmBox(text, what, yes) {
    const box = el('div', { className: 'journey-confirm' });
    box.append(el('p', { className: 'confirm-text', text }));
    const y = button(t('journey.confirmYes'), 'small danger', 'confirm-yes|' + what);
    const n = button(t('note.cancel'), 'small secondary', 'confirm-no|' + what);
    y.addEventListener('click', async () => {
      confirmRemove = null;
      await yes();
      ctx.scheduleRender();
    });
    n.addEventListener('click', () => {
      confirmRemove = null;
      focusNext = null;
      ctx.scheduleRender();
    });
    closeOnEscape(box, () => n.click());
    const actions = el('div', { className: 'note-actions' });
    actions.append(y, n);
    box.append(actions);
    return box;
  }

  /**
   * The list of stages or lanes with rename / move / remove, and the form to add one.
   * @param {Journey} j
   * @param {'stage' | 'lane'} kind
   */
  function itemSection(j, kind) {
    const items = kind === 'stage' ? j.stages : j.lanes;
    const heading = el('h3', { className: 'journey-tools-heading', text: t(kind === 'stage' ? 'journey.stages' : 'journey.lanes') });
    const ol = el('ol', { className: 'journey-items' });
    const idField = kind === 'stage' ? 'stageId' : 'laneId';
    items.forEach((item) => {
      const li = el('li', { className: 'journey-item' });
      li.dataset.itemId = item.id;
      const fk = kind + '|' + item.id;
      if (renamingItem && renamingItem.kind === kind && renamingItem.id === item.id) {
        const form = el('form', { className: 'journey-rename' });
        form.noValidate = true;
        const input = el('input');
        input.type = 'text';
        input.id = domId('rename-' + kind, item.id);
        input.maxLength = 200;
        input.value = item.title;
        input.dataset.fk = 'rename-input|' + fk;
        input.dataset.keep = '';
        const close = () => {
          renamingItem = null;
          want('rename|' + fk);
          ctx.scheduleRender();
        };
        const actions = formActions(form, t('note.save'), null, 'rename-cancel|' + fk, close);
        form.addEventListener('submit', async (e) => {
          e.preventDefault();
          const title = input.value.trim();
          if (!title) {
            showMessage(errorEl, tError('invalid_title'));
            input.focus();
            return;
          }
          if (title === item.title || (await send({ op: `journey.${kind}.update`, journeyId: j.id, [idField]: item.id, title }))) close();
        });
        form.append(label(t('journey.item.name'), input.id), input, actions);
        li.append(form);
        ol.append(li);
        return;
      }
      const line = el('p', { className: 'journey-item-title', text: item.title });
      if (kind === 'lane') line.append(' ', el('span', { className: 'hint', text: '(' + t('journey.laneKind.' + /** @type {Lane} */ (item).kind) + ')' }));
      li.append(line);
      if (confirmRemove && confirmRemove.kind === kind && confirmRemove.id === item.id) {
        li.append(confirmBox(t(`journey.${kind}.confirmRemove`, { title: item.title }), fk, () =>
          send({ op: `journey.${kind}.remove`, journeyId: j.id, [idField]: item.id })));
        ol.append(li);
        return;
      }
      const actions = el('div', { className: 'note-actions' });
      /** @param {string} textKey @param {string} action @param {() => void} fn */
      const add = (textKey, action, fn) => {
        const b = button(t('journey.item.' + textKey), 'small', action + '|' + fk);
        b.setAttribute('aria-label', t('journey.item.' + textKey + 'Label', { title: item.title }));
        b.addEventListener('click', fn);
        actions.append(b);
        return b;
      };
      add('rename', 'rename', () => {
        renamingItem = { kind, id: item.id };
        want('rename-input|' + fk);
        ctx.scheduleRender();
      });
      const [back, forward] = kind === 'stage' ? ['left', 'right'] : ['up', 'down'];
      for (const [dir, delta] of /** @type {[string, number][]} */ ([[back, -1], [forward, 1]])) {
        const index = stepIndex(items, item.id, delta);
        const b = add(dir, dir, () => {
          if (index === null) return;
          want(dir + '|' + fk);
          send({ op: `journey.${kind}.move`, journeyId: j.id, [idField]: item.id, index });
        });
        b.disabled = index === null;
      }
      add('remove', 'remove', () => {
        confirmRemove = { kind, id: item.id };
        want('confirm-no|' + fk);
        ctx.scheduleRender();
      });
      li.append(actions);
      ol.append(li);
    });
    // add a stage / a lane
    const form = el('form', { className: 'journey-add-item' });
    form.noValidate = true;
    const input = el('input');
    input.type = 'text';
    input.id = 'journey-new-' + kind;
    input.maxLength = 200;
    input.dataset.fk = 'new-' + kind;
    input.dataset.keep = '';
    const f1 = el('div', { className: 'field' });
    f1.append(label(t(`journey.${kind}.title`), input.id), input);
    form.append(f1);
    /** @type {HTMLSelectElement | null} */
    let laneKind = null;
    if (kind === 'lane') {
      laneKind = el('select');
      laneKind.id = 'journey-new-lane-kind';
      laneKind.dataset.fk = 'new-lane-kind';
      laneKind.dataset.keep = '';
      for (const k of LANE_KINDS) {
        const o = el('option', { text: t('journey.laneKind.' + k) });
        o.value = k;
        laneKind.append(o);
      }
      const f2 = el('div', { className: 'field' });
      f2.append(label(t('journey.lane.kind'), laneKind.id), laneKind);
      form.append(f2);
    }
    const submit = el('button', { className: 'small secondary', text: t(`journey.${kind}.add`) });
    submit.type = 'submit';
    submit.id = 'journey-add-' + kind;
    submit.dataset.fk = 'add-' + kind;
    form.append(submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const title = input.value.trim();
      if (!title) {
        showMessage(errorEl, tError('invalid_title'));
        input.focus();
        return;
      }
      /** @type {any} */
      const cmd = { op: `journey.${kind}.add`, journeyId: j.id, title };
      if (laneKind) cmd.kind = laneKind.value;
      if (await send(cmd)) {
        input.value = '';
        input.focus();
      }
    });
    return [heading, ol, form];
  }

  // ---- creating a map --------------------------------------------------------------------------------------
  function standardStructure() {
    return {
      stages: [1, 2, 3, 4, 5, 6].map((i) => t('journey.default.stage' + i)),
      lanes: [
        { title: t('journey.default.doing'), kind: 'notes' },
        { title: t('journey.default.channels'), kind: 'channel' },
        { title: t('journey.default.thinking'), kind: 'notes' },
        { title: t('journey.default.feelings'), kind: 'emotion' },
        { title: t('journey.default.pain'), kind: 'notes' },
        { title: t('journey.default.ideas'), kind: 'notes' },
      ],
    };
  }

  function renderCreateStart() {
    const list = model.journeyState.list();
    const sig = JSON.stringify([lang(), list.map((j) => [j.id, j.title])]);
    if (createStart.dataset.signature === sig) return;
    createStart.dataset.signature = sig;
    const previous = createStart.value;
    createStart.replaceChildren();
    /** @param {string} value @param {string} text */
    const opt = (value, text) => {
      const o = el('option', { text });
      o.value = value;
      createStart.append(o);
    };
    opt('standard', t('journey.create.standard'));
    for (const j of list) opt('copy:' + j.id, t('journey.create.copy', { title: j.title }));
    opt('empty', t('journey.create.empty'));
    if (Array.from(createStart.options).some((o) => o.value === previous)) createStart.value = previous;
  }

  createForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const title = createTitle.value.trim() || t('journey.default.title');
    /** @type {any} */
    const cmd = { op: 'journey.create', title, kind: createKind.value === 'future' ? 'future' : 'current' };
    const start = createStart.value;
    if (start === 'standard') Object.assign(cmd, standardStructure());
    else if (start.startsWith('copy:')) {
      const from = model.journeyState.journeys.get(start.slice(5));
      if (from) {
        cmd.stages = from.stages.map((s) => s.title);
        cmd.lanes = from.lanes.map((l) => ({ title: l.title, kind: l.kind }));
      }
    }
    const reply = await send(cmd);
    if (reply && typeof reply.journeyId === 'string') {
      selectedId = reply.journeyId;
      createTitle.value = '';
      create.open = false;
      ctx.scheduleRender();
    }
  });

  // ---- header controls -------------------------------------------------------------------------------------
  toggle.addEventListener('click', () => {
    ctx.setView(ctx.currentView() === 'journey' ? lastOtherView : 'journey');
  });
  /** @type {'canvas' | 'list'} */
  let lastOtherView = 'canvas';

  tableToggle.addEventListener('click', () => {
    tableMode = !tableMode;
    writeString(TABLE_KEY, String(tableMode));
    editing = null;
    placing = null;
    adding = null;
    ctx.scheduleRender();
  });

  select.addEventListener('change', () => {
    selectedId = select.value;
    editing = null;
    placing = null;
    adding = null;
    renamingItem = null;
    confirmRemove = null;
    ctx.scheduleRender();
  });

  svgLink.addEventListener('click', async (e) => {
    e.preventDefault();
    const j = current();
    if (!j) return;
    try {
      const res = await fetch(svgLink.href, { headers: { Authorization: 'Bearer ' + ctx.token, Accept: 'image/svg+xml' }, cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok) {
        let code = res.status === 401 ? 'unauthorized' : res.status === 403 ? 'forbidden' : res.status === 404 ? 'not_found' : 'unexpected';
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
  /** @type {Map<string, ViewNote>} */
  let lastNotes = new Map();

  /** @param {Map<string, ViewNote>} notes */
  function render(notes) {
    lastNotes = notes;
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
    if (editing && (!j || !editing.key.startsWith(j.id + '|'))) editing = null;
    if (placing && !notes.has(placing.noteId)) placing = null;
    if (renamingItem && (!j || !(renamingItem.kind === 'stage' ? j.stages : j.lanes).some((x) => x.id === renamingItem.id))) renamingItem = null;
    if (!model.canEditNotes) {
      editing = null;
      adding = null;
      placing = null;
    }

    // header
    picker.hidden = list.length < 2;
    const pickSig = JSON.stringify([list.map((x) => [x.id, x.title]), selectedId]);
    if (select.dataset.signature !== pickSig) {
      select.dataset.signature = pickSig;
      select.replaceChildren(...list.map((x) => {
        const o = el('option', { text: x.title });
        o.value = x.id;
        return o;
      }));
      if (j) select.value = j.id;
    }
    titleEl.textContent = j ? j.title : t('journey.view');
    kindEl.hidden = !j;
    kindEl.textContent = j ? t('journey.kind.' + j.kind) : '';
    kindEl.dataset.kind = j ? j.kind : '';
    tableToggle.hidden = !j;
    tableToggle.setAttribute('aria-pressed', String(tableMode));
    svgLink.hidden = !j;
    if (j) {
      svgLink.href = '/api/workshops/' + encodeURIComponent(ctx.workshopId) + '/journeys/' + encodeURIComponent(j.id) + '/svg';
      svgLink.setAttribute('download', (j.title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || 'journey') + '.svg');
      svgLink.setAttribute('aria-label', t('journey.svgLabel', { title: j.title }));
    }
    emptyEl.hidden = !!j;
    emptyEl.textContent = j ? '' : t(model.isFacilitator ? 'journey.noneFacilitator' : 'journey.none');
    helpEl.hidden = !j;

    // the map
    gridWrap.hidden = !j || tableMode;
    tableWrap.hidden = !j || !tableMode;
    if (j) {
      const cellNotes = Array.from(notes.values()).filter((n) => n.cell && n.cell.journeyId === j.id)
        .map((n) => [n.id, n.text, n.color, n.cell.stageId, n.cell.laneId, !!n.pending]);
      const sig = JSON.stringify([lang(), j, cellNotes, editing, placing, adding, model.canEditNotes, targetsSignature()]);
      if (tableMode) {
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
    tools.hidden = !j || !model.isFacilitator;
    if (j && model.isFacilitator) {
      const sig = JSON.stringify([lang(), j.id, j.title, j.kind, j.stages, j.lanes, renamingItem, confirmRemove]);
      rebuild(toolsBody, sig, () => buildTools(j));
    }
    create.hidden = !model.isFacilitator;
    if (model.isFacilitator) {
      if (!list.length) create.open = true;
      renderCreateStart();
    }
  }

  /** Re-translates the static parts after a language change. */
  function relabel() {
    createStart.dataset.signature = '';
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
      if (model.canEditNotes && !note.pending && placeTargets(model.journeyState.list()).length) out.push(placeControl(note, 'list', errEl));
      return out;
    },
    /** @param {ViewNote} note what listExtras shows, for the list's re-render check */
    listSignature(note) {
      const p = model.journeyState.placeOf(note);
      return [p ? placeName(p) : null, note.cell ? encodePlace(note.cell) : null, targetsSignature()];
    },
  };
}

/** @param {string} s */
function cssEscape(s) {
  return globalThis.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&');
}
