// Moving notes onto a journey map and off it: the "Move to…" control (opened from a note's "Move to…" button in a
// cell or in the loose list; always open in the list view), a note in a cell, drag and drop onto cells, and the list
// of loose notes.
import { t, byId, el, lang, closeOnEscape } from '../lib/page.js';
import { excerpt } from '../lib/i18n.js';
import { encodePlace, decodePlace, placeTargets } from '../lib/journey-model.js';

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
 */
export function createPlacing(s, h) {
  const { ctx, model, errorEl } = s;
  const { want, current, placeName, button, label, domId, rebuild, targetsSignature } = h;
  const loose = byId('journey-loose');
  const looseEmpty = byId('journey-loose-empty');
  const looseList = byId('journey-loose-list');

  /**
   * @param {ViewNote} note
   * @param {{journeyId: string, stageId: string, laneId: string} | null} cell
   * @param {HTMLElement} [errEl]
   */
  async function place(note, cell, errEl = errorEl) {
    const cmd = cell ? { op: 'note.place', id: note.id, ...cell } : { op: 'note.place', id: note.id };
    const reply = await ctx.command(cmd, errEl);
    if (!reply) return false;
    s.placing = null;
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
      const o = el('option', {
        text: t('journey.place.option', { stage: target.stage.title, lane: target.lane.title }),
      });
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
    if (where === 'grid' || where === 'table' || where === 'loose') {
      const cancel = button(t('note.cancel'), 'small secondary', 'place-cancel|' + note.id);
      cancel.addEventListener('click', () => {
        s.placing = null;
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
        s.dragNoteId = note.id;
        e.dataTransfer?.setData('text/plain', note.id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
        li.classList.add('is-dragging');
      });
      li.addEventListener('dragend', () => {
        s.dragNoteId = null;
        li.classList.remove('is-dragging');
      });
    }
    if (s.placing && s.placing.noteId === note.id && s.placing.where === where) {
      li.classList.add('is-placing');
      li.append(placeControl(note, where));
    } else {
      const open = button(t('journey.place.open'), 'small place-open', 'place-open|' + note.id);
      open.setAttribute('aria-label', t('journey.place.openLabel', { excerpt: excerpt(note.text) }));
      open.addEventListener('click', () => {
        s.placing = { noteId: note.id, where };
        s.adding = null;
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
      if (!s.dragNoteId) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
      target.classList.add('is-drop');
    });
    target.addEventListener('dragleave', () => target.classList.remove('is-drop'));
    target.addEventListener('drop', (e) => {
      e.preventDefault();
      target.classList.remove('is-drop');
      const id = s.dragNoteId || e.dataTransfer?.getData('text/plain');
      s.dragNoteId = null;
      const note = id ? s.lastNotes.get(id) : null;
      if (!note) return;
      const here = note.cell ? encodePlace(note.cell) : '';
      if (cell ? encodePlace(cell) === here : !here) return;
      place(note, cell);
    });
  }

  // ---- loose notes -----------------------------------------------------------------------------------------
  /** @param {Map<string, ViewNote>} notes */
  function renderLoose(notes) {
    const j = current();
    const hasNotesLane =
      !!j && model.journeyState.list().some((x) => x.lanes.some((l) => l.kind === 'notes') && x.stages.length);
    loose.hidden = !hasNotesLane || !model.canEditNotes;
    if (loose.hidden) return;
    const list = Array.from(notes.values())
      .filter((n) => !model.journeyState.isOnMap(n) && !n.pending)
      .sort((a, b) =>
        (a.createdAt || '') < (b.createdAt || '') ? -1 : (a.createdAt || '') > (b.createdAt || '') ? 1 : 0,
      );
    looseEmpty.hidden = list.length > 0;
    const sig = JSON.stringify([lang(), list.map((n) => [n.id, n.text, n.color]), targetsSignature(), s.placing]);
    rebuild(looseList, sig, () => list.map((n) => noteItem(n, 'loose')));
  }
  dropTarget(looseList, null);

  return { place, placeControl, noteItem, dropTarget, renderLoose };
}
