// The add-note form: text and colour, checked here as the server would, placed in the middle of the view.
import { t, tError, byId, showMessage, el, lang } from '../lib/page.js';
import { colorName } from '../lib/i18n.js';
import { quotaRefusal } from '../lib/board-model.js';
import { newNoteSpot } from './placement.js';
import { randomId } from '../lib/ids.js';
import { model, config, me, enqueue, announce, viewNotes, visibleCentre, codePoints } from './context.js';

const newNoteForm = /** @type {HTMLFormElement} */ (byId('new-note-form'));
const newNoteText = /** @type {HTMLTextAreaElement} */ (byId('new-note-text'));
const newNoteColor = /** @type {HTMLSelectElement} */ (byId('new-note-color'));
const newNoteError = byId('new-note-error');
const addNoteDisabled = byId('add-note-disabled');

/** The palette changed (the server's config): offer its default colour. */
export function resetColorSelect() {
  newNoteColor.value = '';
  renderColorSelect();
}

export function renderColorSelect() {
  const previous = newNoteColor.value || config.defaultColor;
  newNoteColor.replaceChildren();
  for (const c of config.colors) {
    const option = el('option', { text: colorName(lang(), c) });
    option.value = c;
    newNoteColor.append(option);
  }
  newNoteColor.value = config.colors.includes(previous) ? previous : config.colors[0];
}

newNoteForm.addEventListener('submit', (e) => {
  e.preventDefault();
  addNoteFromForm();
});
newNoteText.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    addNoteFromForm();
  }
});

function addNoteFromForm() {
  if (!model.loaded || !model.canEditNotes) return;
  const text = newNoteText.value.replace(/\r\n/g, '\n');
  if (!text.trim()) {
    showMessage(newNoteError, tError('text_empty'));
    newNoteText.focus();
    return;
  }
  if (codePoints(text) > config.maxNoteText) {
    showMessage(newNoteError, tError('text_too_long'));
    newNoteText.focus();
    return;
  }
  // the server refuses it too (per-person quotas); saying so here keeps the text in the form
  const overQuota = quotaRefusal(viewNotes().values(), me(), text, config);
  if (overQuota) {
    showMessage(newNoteError, tError(overQuota));
    newNoteText.focus();
    return;
  }
  showMessage(newNoteError, '');
  const pos = newNoteSpot(visibleCentre(), viewNotes().values(), config.maxCoordinate);
  const color = config.colors.includes(newNoteColor.value) ? newNoteColor.value : config.defaultColor;
  enqueue({ op: 'note.add', id: randomId(), text, x: pos.x, y: pos.y, color });
  newNoteText.value = '';
  newNoteText.focus();
  announce(t('announce.added'));
}

export function renderAddForm() {
  const can = model.canEditNotes;
  for (const c of [newNoteText, newNoteColor, /** @type {HTMLButtonElement} */ (newNoteForm.querySelector('button[type=submit]'))]) c.disabled = !can;
  addNoteDisabled.hidden = can;
  addNoteDisabled.textContent = can ? '' : t(model.isObserver ? 'addNote.observer' : 'addNote.locked');
}
