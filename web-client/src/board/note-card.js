// One note's content in the canvas and list views: text, author, actions, the editor, the delete confirmation,
// the group control (list view) and the dots.
import { t, tError, byId, showMessage, el, lang, button, closeOnEscape } from '../lib/page.js';
import { colorName, excerpt } from '../lib/i18n.js';
import { model, config, state, me, authorLine, noteLabel, enqueue, announce, scheduleRender, renderNow, viewNotes, codePoints, canvas } from './context.js';
import { voteSignature, voteControls } from './vote-controls.js';
import { spotlightButton } from './spotlight.js';
import { journeyView, outcomesView } from './embedded-views.js';
import { groupControl } from './group-control.js';

const listView = byId('list-view');
const noteList = byId('note-list');

/**
 * @typedef {import('../lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('../lib/board-model.js').Command} Command
 * @typedef {import('./context.js').Where} Where
 */

/** @type {Map<string, HTMLElement>} */
export const canvasEls = new Map();
/** @type {Map<string, HTMLElement>} */
export const listEls = new Map();

/**
 * Fills a note's content for one of the views. Content is rebuilt only when something shown changed, so
 * focus and an open editor stay put while others change other notes.
 * @param {HTMLElement} container
 * @param {ViewNote} note
 * @param {Where} where
 * @param {boolean} unsent
 */
export function fillNote(container, note, where, unsent) {
  const isEditing = state.editing && state.editing.noteId === note.id && state.editing.where === where;
  const isConfirming = state.confirming && state.confirming.noteId === note.id && state.confirming.where === where;
  const author = authorLine(note);
  const canEdit = model.canEditNotes;
  const mode = isEditing && canEdit ? 'edit' : isConfirming && canEdit ? 'confirm' : 'show';
  const hidden = !!note.hidden || (!!note.pending && !model.notes.has(note.id) && model.settings.privateMode);
  const groupSig = where === 'list' && canEdit ? [note.clusterId || null, Array.from(model.clusters.values()).map((c) => [c.id, c.title])] : null;
  const signature = JSON.stringify([lang(), mode, !!note.pending, note.text, note.color, author, unsent, config.colors, canEdit, hidden, note.mine,
    model.isFacilitator, voteSignature(note.id, 'note'), groupSig, where === 'list' ? journeyView.listSignature(note) : null]);
  container.classList.toggle('is-private', hidden);
  container.classList.toggle('is-pending', unsent);
  for (const c of Array.from(container.classList)) if (c.startsWith('color-') && c !== 'color-' + note.color) container.classList.remove(c);
  container.classList.add('color-' + safeClass(note.color));
  if (container.dataset.signature === signature) return;
  if (mode === 'edit' && container.dataset.mode === 'edit') {
    // an open editor is not rebuilt under the user's hands
    container.dataset.signature = signature;
    return;
  }
  container.dataset.signature = signature;
  container.dataset.mode = mode;

  const focusedAction = /** @type {HTMLElement | null} */ (document.activeElement)?.closest?.('[data-note-id]') === container
    ? /** @type {HTMLElement} */ (document.activeElement).dataset.action || ''
    : null;
  const short = excerpt(note.text);
  if (where === 'canvas') container.setAttribute('aria-label', noteLabel(note));

  if (mode === 'edit') {
    container.replaceChildren(buildEditor(note, where));
    const field = /** @type {HTMLElement | null} */ (container.querySelector(state.editing?.focus === 'color' ? 'select' : 'textarea'));
    field?.focus({ preventScroll: where === 'canvas' });
    return;
  }
  if (mode === 'confirm') {
    const question = el('p', { className: 'confirm-text', text: t('note.confirmDelete') + ' ' });
    const quote = el('span', { className: 'confirm-excerpt', text: short });
    question.append(quote);
    const yes = button(t('note.confirmYes'), 'danger', 'confirm-delete');
    yes.addEventListener('click', () => deleteNote(note.id, where));
    const no = button(t('note.cancel'), 'secondary', 'cancel-delete');
    no.addEventListener('click', () => {
      state.confirming = null;
      refocusAfter(note.id, where, 'delete');
      scheduleRender();
    });
    const actions = el('div', { className: 'note-actions' });
    actions.append(yes, no);
    container.replaceChildren(question, actions);
    no.focus({ preventScroll: where === 'canvas' });
    return;
  }

  const text = el('p', { className: 'note-text', text: note.text });
  const meta = el('p', { className: 'note-meta' });
  if (author) meta.append(el('span', { className: 'note-author', text: author }));
  if (hidden) {
    const mineHidden = note.mine || note.pending || (note.authorId && note.authorId === me());
    meta.append(el('span', { className: 'note-private', text: t(mineHidden ? 'note.private' : 'note.hiddenFromOthers') }));
  }
  if (where === 'list') {
    meta.append(el('span', { className: 'note-color-name', text: t('note.colorName', { color: colorName(lang(), note.color) }) }));
  }
  if (unsent) meta.append(el('span', { className: 'note-pending', text: t('note.pending') }));
  const actions = el('div', { className: 'note-actions' });
  const edit = button(t('note.edit'), 'small', 'edit');
  edit.setAttribute('aria-label', t('note.editLabel', { excerpt: short }));
  edit.addEventListener('click', () => openEditor(note.id, where, 'text'));
  const colour = button(t('note.color'), 'small', 'color');
  colour.setAttribute('aria-label', t('note.colorLabel', { excerpt: short }));
  colour.addEventListener('click', () => openEditor(note.id, where, 'color'));
  const del = button(t('note.delete'), 'small', 'delete');
  del.setAttribute('aria-label', t('note.deleteLabel', { excerpt: short }));
  del.addEventListener('click', () => {
    state.confirming = { noteId: note.id, where };
    state.editing = null;
    scheduleRender();
  });
  if (canEdit) actions.append(edit, colour, del);
  if (model.isFacilitator && !note.pending) actions.append(spotlightButton({ noteId: note.id }, short));
  if (!note.pending && !hidden) actions.append(...outcomesView.makeButtons({ noteId: note.id }, short));
  /** @type {HTMLElement[]} */
  const parts = [text, meta];
  const votes = note.pending ? null : voteControls(note.id, 'note', short);
  if (votes) parts.push(votes);
  if (where === 'list' && canEdit && !note.pending) parts.push(groupControl(note, short));
  if (where === 'list') parts.push(...journeyView.listExtras(note));
  if (actions.children.length) parts.push(actions);
  container.replaceChildren(...parts);
  if (focusedAction) {
    const again = /** @type {HTMLElement | null} */ (container.querySelector(`[data-action="${focusedAction}"]`));
    again?.focus({ preventScroll: true });
  }
}

/** @param {KeyboardEvent} e */
export function escapeCancelsConfirm(e) {
  if (e.key !== 'Escape' || !state.confirming) return;
  const container = /** @type {HTMLElement} */ (e.currentTarget);
  if (container.dataset.noteId !== state.confirming.noteId) return;
  e.preventDefault();
  const { noteId, where } = state.confirming;
  state.confirming = null;
  refocusAfter(noteId, where, 'delete');
  scheduleRender();
}

/** @param {string} color */
function safeClass(color) {
  return String(color).replace(/[^a-z0-9-]/gi, '');
}

/**
 * @param {string} noteId
 * @param {Where} where
 * @param {'text' | 'color'} focus
 */
function openEditor(noteId, where, focus) {
  state.editing = { noteId, where, focus };
  state.confirming = null;
  renderNow();
}

/**
 * After an editor/confirm closes, puts focus back on the button that opened it.
 * @param {string} noteId
 * @param {Where} where
 * @param {string} action
 */
function refocusAfter(noteId, where, action) {
  requestAnimationFrame(() => {
    requestAnimationFrame(() => {
      const container = (where === 'canvas' ? canvasEls : listEls).get(noteId);
      const target = /** @type {HTMLElement | null} */ (container?.querySelector(`[data-action="${action}"]`));
      target?.focus({ preventScroll: where === 'canvas' });
    });
  });
}

/**
 * @param {ViewNote} note
 * @param {Where} where
 */
function buildEditor(note, where) {
  const form = el('form', { className: 'note-editor' });
  form.noValidate = true;
  const textId = `edit-${where}-text-${note.id}`;
  const colorId = `edit-${where}-color-${note.id}`;
  const textLabel = el('label', { text: t('note.textLabel') });
  textLabel.htmlFor = textId;
  const textarea = el('textarea');
  textarea.id = textId;
  textarea.rows = 4;
  textarea.value = note.text;
  const colorLabel = el('label', { text: t('note.colorSelect') });
  colorLabel.htmlFor = colorId;
  const select = el('select');
  select.id = colorId;
  const colors = config.colors.includes(note.color) ? config.colors : [note.color, ...config.colors];
  for (const c of colors) {
    const o = el('option', { text: colorName(lang(), c) });
    o.value = c;
    select.append(o);
  }
  select.value = note.color;
  const error = el('p', { className: 'error', attrs: { role: 'alert' } });
  error.hidden = true;
  const save = el('button', { className: 'small primary', text: t('note.save') });
  save.type = 'submit';
  const cancel = button(t('note.cancel'), 'small secondary', 'cancel-edit');
  const actions = el('div', { className: 'note-actions' });
  actions.append(save, cancel);
  form.append(textLabel, textarea, colorLabel, select, error, actions);

  const close = () => {
    state.editing = null;
    refocusAfter(note.id, where, 'edit');
    scheduleRender();
  };
  cancel.addEventListener('click', close);
  closeOnEscape(form, close, true);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = textarea.value.replace(/\r\n/g, '\n');
    const current = viewNotes().get(note.id);
    if (!current) return close();
    if (!text.trim()) {
      showMessage(error, tError('text_empty'));
      textarea.focus();
      return;
    }
    if (codePoints(text) > config.maxNoteText) {
      showMessage(error, tError('text_too_long'));
      textarea.focus();
      return;
    }
    /** @type {Command} */
    const cmd = { op: 'note.update', id: note.id };
    if (text !== current.text) cmd.text = text;
    if (select.value !== current.color) cmd.color = select.value;
    state.editing = null;
    if (cmd.text !== undefined || cmd.color !== undefined) enqueue(cmd);
    refocusAfter(note.id, where, 'edit');
    scheduleRender();
  });
  // stop canvas drags and key handling from starting inside the editor
  form.addEventListener('pointerdown', (e) => e.stopPropagation());
  return form;
}

/**
 * @param {string} noteId
 * @param {Where} where
 */
function deleteNote(noteId, where) {
  state.confirming = null;
  // focus moves to the next note in the same view, or to the view itself
  const map = where === 'canvas' ? canvasEls : listEls;
  const ids = where === 'list' ? Array.from(noteList.children).map((li) => /** @type {HTMLElement} */ (li).dataset.noteId) : Array.from(map.keys());
  const i = ids.indexOf(noteId);
  const nextId = ids[i + 1] || ids[i - 1];
  enqueue({ op: 'note.delete', id: noteId });
  announce(t('announce.deleted'));
  requestAnimationFrame(() => {
    requestAnimationFrame(() => {
      const next = nextId ? map.get(nextId) : null;
      if (where === 'canvas') {
        (next || canvas).focus({ preventScroll: true });
      } else {
        const target = /** @type {HTMLElement | null} */ (next?.querySelector('[data-action="edit"]'));
        if (target) target.focus();
        else {
          listView.tabIndex = -1;
          listView.focus();
        }
      }
    });
  });
}
