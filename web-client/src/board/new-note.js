// The new-note sheet: a bottom sheet on a phone, a small dialog on a wide screen, opened by the "+ New note"
// button (and by openNewNote() from the canvas). Text and colour, checked here as the server would; the note is
// placed at a free spot near the middle of what the board shows. Ctrl+Enter adds; Escape or Cancel closes; the
// focus goes back to what opened it.
import { t, tError, byId, showMessage, el, lang } from '../lib/page.js';
import { colorName } from '../lib/i18n.js';
import { quotaRefusal } from '../lib/board-model.js';
import { newNoteSpot } from './placement.js';
import { randomId } from '../lib/ids.js';
import { model, config, me, enqueue, announce, viewNotes, visibleCentre, codePoints } from './context.js';
import { shown } from './drawer.js';

const sheet = /** @type {HTMLDialogElement} */ (byId('new-note-sheet'));
const openButton = /** @type {HTMLButtonElement} */ (byId('new-note-open'));
const cancelButton = /** @type {HTMLButtonElement} */ (byId('new-note-cancel'));
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

/** @type {HTMLElement | null} */
let opener = null;
/** @type {{x: number, y: number} | null} a board point the note should go near (else the middle of the view) */
let wantedNear = null;

/**
 * Opens the new-note sheet. The canvas's own "+ new note" button calls this too.
 * @param {{near?: {x: number, y: number}, from?: HTMLElement | null}} [opts] where on the board the note should go
 *   (board coordinates; default the middle of what is shown) and what gets the focus back afterwards
 */
export function openNewNote(opts = {}) {
  if (!model.loaded || !model.canEditNotes) return;
  opener = opts.from || /** @type {HTMLElement | null} */ (document.activeElement);
  wantedNear = opts.near || null;
  showMessage(newNoteError, '');
  if (!sheet.open) {
    try {
      sheet.showModal();
    } catch {
      sheet.setAttribute('open', '');
    }
  }
  newNoteText.focus();
}

function closeSheet() {
  if (sheet.open) sheet.close();
}

sheet.addEventListener('close', () => {
  wantedNear = null;
  const back = [opener, openButton].find((x) => x && shown(x)) || byId('main');
  opener = null;
  back.focus();
});
// a click on the backdrop (outside the sheet's box) closes it, as on a phone one expects
sheet.addEventListener('click', (e) => {
  if (e.target !== sheet) return;
  const r = sheet.getBoundingClientRect();
  if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) closeSheet();
});
openButton.addEventListener('click', () => openNewNote({ from: openButton }));
cancelButton.addEventListener('click', () => closeSheet());

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
  const pos = newNoteSpot(wantedNear || visibleCentre(), viewNotes().values(), config.maxCoordinate);
  const color = config.colors.includes(newNoteColor.value) ? newNoteColor.value : config.defaultColor;
  enqueue({ op: 'note.add', id: randomId(), text, x: pos.x, y: pos.y, color });
  newNoteText.value = '';
  closeSheet();
  announce(t('announce.added'));
}

export function renderAddForm() {
  const can = model.canEditNotes;
  // observers and a locked board: no button (the banner says why); an open sheet says it too
  openButton.hidden = !model.loaded || !can;
  for (const c of [
    newNoteText,
    newNoteColor,
    /** @type {HTMLButtonElement} */ (newNoteForm.querySelector('button[type=submit]')),
  ])
    c.disabled = !can;
  addNoteDisabled.hidden = can;
  addNoteDisabled.textContent = can ? '' : t(model.isObserver ? 'addNote.observer' : 'addNote.locked');
}
