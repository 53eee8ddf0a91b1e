// What a journey-map cell holds and its editors: notes (and writing a new one into the cell), text, and the
// feelings score with its reason. The same in the grid and the table.
import { t, tError, showMessage, el } from '../lib/page.js';
import { findCell, notesInCell, signedScore, SCORES } from '../lib/journey-model.js';
import { limits } from '../lib/limits.js';

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
 * @param {{noteItem: (note: ViewNote, where: Place) => HTMLElement}} placing
 */
export function createCellEditor(s, h, placing) {
  const { ctx, model } = s;
  const { want, scoreWord, scoreText, button, cellKey, label, domId, formActions } = h;
  const { noteItem } = placing;

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
    const isEditing = s.editing && s.editing.key === key && s.editing.where === where && canEdit;
    if (lane.kind === 'notes') {
      const ul = el('ul', { className: 'journey-notes' });
      for (const n of notesInCell(notes.values(), j.id, stage.id, lane.id)) ul.append(noteItem(n, where));
      /** @type {HTMLElement[]} */
      const out = [ul];
      if (!canEdit) return out;
      if (s.adding && s.adding.key === key && s.adding.where === where) {
        out.push(addNoteForm(j, stage, lane, where));
      } else {
        const add = button(t('journey.note.add'), 'small journey-add journey-cell-action', 'add|' + key);
        add.setAttribute('aria-label', t('journey.note.addLabel', names));
        add.addEventListener('click', () => openAdd(key, where));
        out.push(add);
      }
      return out;
    }
    if (lane.kind === 'emotion') {
      const score = c && typeof c.score === 'number' ? c.score : null;
      if (isEditing) return [emotionForm(j, stage, lane, where, score, (c && c.why) || '')];
      const out = [];
      const shown = el('p', {
        className: 'journey-score',
        text: score === null ? t('journey.score.none') : scoreText(score),
      });
      if (score !== null) shown.dataset.score = String(score);
      out.push(shown);
      if (c && c.why)
        out.push(el('p', { className: 'journey-why', text: t('journey.emotion.whyShown', { why: c.why }) }));
      if (canEdit) {
        const edit = button(t('journey.emotion.edit'), 'small journey-edit journey-cell-action', 'edit|' + key);
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
    out.push(
      text
        ? el('p', { className: 'journey-text', text })
        : el('p', { className: 'journey-text is-empty', text: t('journey.cell.empty') }),
    );
    if (canEdit) {
      const edit = button(t('journey.cell.edit'), 'small journey-edit journey-cell-action', 'edit|' + key);
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
    s.editing = { key, where };
    s.placing = null;
    s.adding = null;
    want(focus);
    ctx.scheduleRender();
  }

  /**
   * Opens the form that writes a new note into a notes cell.
   * @param {string} key
   * @param {'grid' | 'table'} where
   */
  function openAdd(key, where) {
    s.adding = { key, where };
    s.placing = null;
    s.editing = null;
    want('add-text|' + key);
    ctx.scheduleRender();
  }

  /** @param {string} key */
  function closeEditor(key) {
    s.editing = null;
    want('edit|' + key);
    ctx.scheduleRender();
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
    area.maxLength = limits.maxCellText;
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
      if (Array.from(value).length > limits.maxCellText) {
        showMessage(err, tError('text_too_long'));
        area.focus();
        return;
      }
      if (value === text) return close();
      const reply = await ctx.command(
        { op: 'journey.cell.text', journeyId: j.id, stageId: stage.id, laneId: lane.id, text: value },
        err,
      );
      if (reply) {
        ctx.announce(t('journey.announce.saved'));
        close();
      }
    });
    form.append(
      label(t('journey.cell.textLabel', { stage: stage.title, lane: lane.title }), id),
      area,
      hint,
      err,
      actions,
    );
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
    whyInput.maxLength = limits.maxCellText;
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
    form.append(
      label(t('journey.emotion.select', { stage: stage.title }), selId),
      sel,
      label(t('journey.emotion.why'), whyId),
      whyInput,
      err,
      actions,
    );
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
      s.adding = null;
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
      const added = await ctx.command(
        { op: 'note.add', id: noteId, text, x: pos.x, y: pos.y, color: ctx.defaultColor() },
        err,
      );
      if (!added) return;
      area.value = '';
      const placed = await ctx.command(
        { op: 'note.place', id: noteId, journeyId: j.id, stageId: stage.id, laneId: lane.id },
        err,
      );
      if (placed) {
        ctx.announce(
          t('journey.announce.placed', { place: t('journey.place.option', { stage: stage.title, lane: lane.title }) }),
        );
        close();
      }
    });
    form.append(label(t('journey.note.addLabel', { stage: stage.title, lane: lane.title }), id), area, err, actions);
    return form;
  }

  return { cellContent, openEditor, openAdd };
}
