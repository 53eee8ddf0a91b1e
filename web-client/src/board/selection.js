// The multi-selection on the canvas: which notes are selected (an observable set others may read), how it shows
// (an outline on each note, one small bar "3 valittu" with colour, group, ungroup, delete and clear), the "select
// area" tool, and the keys: Space toggles the focused note, Ctrl+A selects all, Esc clears, G groups,
// Shift+G takes out of groups, Delete deletes (asking first when more than one).
import { t, el, lang, button } from '../lib/page.js';
import { colorName } from '../lib/i18n.js';
import { observableSet } from '../lib/direct-manipulation.js';
import { model, config, state, command, enqueue, announce, canvas } from './context.js';
import { canvasEls } from './note-card.js';

/** The selected notes' ids (canvas). Read it, subscribe to it; change it only through its methods. */
export const selection = observableSet();

/** The "select area" tool: a plain drag on empty board draws a selection rectangle instead of panning. */
export const tool = { selecting: false };

// ---- the bar ---------------------------------------------------------------------------------------------
const tools = el('div', { className: 'select-tools' });
tools.setAttribute('role', 'group');
const modeButton = button('', 'secondary small select-mode', 'select-mode');
modeButton.id = 'select-mode';
modeButton.setAttribute('aria-pressed', 'false');
const modeHint = el('p', { className: 'select-hint' });
modeHint.id = 'select-hint';
modeHint.hidden = true;
modeButton.setAttribute('aria-describedby', 'select-hint');

const bar = el('div', { className: 'selection-bar' });
bar.id = 'selection-bar';
bar.hidden = true;
const count = el('p', { className: 'selection-count' });
const colourButton = button('', 'small secondary', 'selection-color');
colourButton.setAttribute('aria-expanded', 'false');
colourButton.setAttribute('aria-controls', 'selection-colors');
const colours = el('div', { className: 'selection-colors' });
colours.id = 'selection-colors';
colours.hidden = true;
const groupButton = button('', 'small secondary', 'selection-group');
const ungroupButton = button('', 'small secondary', 'selection-ungroup');
const deleteButton = button('', 'small secondary', 'selection-delete');
const clearButton = button('', 'small secondary', 'selection-clear');
const confirmBox = el('div', { className: 'selection-confirm' });
confirmBox.hidden = true;
const confirmText = el('p', { className: 'confirm-text' });
const confirmYes = button('', 'small danger', 'selection-delete-yes');
const confirmNo = button('', 'small secondary', 'selection-delete-no');
confirmBox.append(confirmText, confirmYes, confirmNo);
const actions = el('div', { className: 'selection-actions' });
actions.append(colourButton, groupButton, ungroupButton, deleteButton, clearButton);
bar.append(count, actions, colours, confirmBox);
/** a hidden "selected" that selected notes are described by */
const selectedDesc = el('span', { className: 'visually-hidden' });
selectedDesc.id = 'selection-desc';
selectedDesc.hidden = true;
tools.append(modeButton, bar, modeHint, selectedDesc);
canvas.append(tools);
// the bar is not part of the board: no pans or drags start on it, and the canvas' keys stay out of it
tools.addEventListener('pointerdown', (e) => e.stopPropagation());
tools.addEventListener('dblclick', (e) => e.stopPropagation());

let confirming = false;

/** Texts of the bar and the tool (also after a language change). */
function label() {
  const n = selection.size;
  tools.setAttribute('aria-label', t('select.tools'));
  modeButton.textContent = t('select.mode');
  modeHint.textContent = t('select.modeHint');
  count.textContent = t('select.count', { count: n });
  colourButton.textContent = t('select.color');
  groupButton.textContent = t('select.group');
  ungroupButton.textContent = t('select.ungroup');
  deleteButton.textContent = t('select.delete');
  clearButton.textContent = t('select.clear');
  confirmText.textContent = t('select.confirmDelete', { count: n });
  confirmYes.textContent = t('note.confirmYes');
  confirmNo.textContent = t('note.cancel');
  selectedDesc.textContent = t('select.selected');
  const sig = lang() + config.colors.join();
  if (colours.dataset.sig !== sig) {
    colours.dataset.sig = sig;
    colours.replaceChildren(
      ...config.colors.map((c) => {
        const b = button(
          colorName(lang(), c),
          'small swatch color-' + c.replace(/[^a-z0-9-]/gi, ''),
          'selection-color-' + c,
        );
        b.addEventListener('click', () => recolour(c));
        return b;
      }),
    );
  }
}

/**
 * Shows the selection: the outline on each selected note and the bar. Called after each render (new notes
 * appear, others go), from the selection's own changes, and after a language change.
 */
export function paintSelection() {
  selection.keepOnly((id) => canvasEls.has(id));
  for (const [id, article] of canvasEls) {
    const on = selection.has(id);
    article.classList.toggle('is-selected', on);
    const described = (article.getAttribute('aria-describedby') || '')
      .split(' ')
      .filter((x) => x && x !== selectedDesc.id);
    if (on) described.push(selectedDesc.id);
    if (described.length) article.setAttribute('aria-describedby', described.join(' '));
    else article.removeAttribute('aria-describedby');
  }
  const n = selection.size;
  const canEdit = model.canEditNotes;
  label();
  modeButton.hidden = !canEdit;
  modeButton.setAttribute('aria-pressed', String(tool.selecting));
  modeHint.hidden = !tool.selecting || !canEdit;
  canvas.classList.toggle('is-selecting', tool.selecting && canEdit);
  const hadFocus = bar.contains(document.activeElement);
  bar.hidden = n === 0;
  if (n === 0) {
    confirming = false;
    colours.hidden = true;
  }
  colourButton.hidden = groupButton.hidden = deleteButton.hidden = !canEdit;
  ungroupButton.hidden = !canEdit || !selection.ids().some((id) => grouped(id));
  actions.hidden = confirming;
  confirmBox.hidden = !confirming;
  colourButton.setAttribute('aria-expanded', String(!colours.hidden));
  if (hadFocus && !bar.contains(document.activeElement)) canvas.focus({ preventScroll: true });
}
selection.subscribe(paintSelection);

/** @param {string} id */
function grouped(id) {
  const n = model.notes.get(id);
  return !!(n && n.clusterId && model.clusters.has(n.clusterId));
}

modeButton.addEventListener('click', () => {
  tool.selecting = !tool.selecting;
  paintSelection();
  announce(t(tool.selecting ? 'select.modeOn' : 'select.modeOff'));
});
colourButton.addEventListener('click', () => {
  colours.hidden = !colours.hidden;
  paintSelection();
  if (!colours.hidden) /** @type {HTMLElement | null} */ (colours.querySelector('button'))?.focus();
});
colours.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  e.preventDefault();
  e.stopPropagation();
  colours.hidden = true;
  paintSelection();
  colourButton.focus();
});
groupButton.addEventListener('click', () => groupSelection());
ungroupButton.addEventListener('click', () => ungroupSelection());
deleteButton.addEventListener('click', () => askDelete());
clearButton.addEventListener('click', () => {
  clearSelection();
  canvas.focus({ preventScroll: true });
});
confirmNo.addEventListener('click', () => {
  confirming = false;
  paintSelection();
  deleteButton.focus();
});
confirmYes.addEventListener('click', () => deleteSelection());
confirmBox.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  e.preventDefault();
  e.stopPropagation();
  confirming = false;
  paintSelection();
  deleteButton.focus();
});

// ---- actions -----------------------------------------------------------------------------------------------
/** The selected notes that the server knows (a note still on its way cannot be grouped yet). */
function confirmedIds() {
  return selection.ids().filter((id) => model.notes.has(id));
}

export function clearSelection() {
  if (!selection.size) return;
  selection.clear();
  announce(t('select.cleared'));
}

/** @param {string} color */
function recolour(color) {
  const ids = selection.ids();
  for (const id of ids) enqueue({ op: 'note.update', id, color });
  colours.hidden = true;
  paintSelection();
  colourButton.focus();
  announce(t('select.recoloured', { count: ids.length, color: colorName(lang(), color) }));
}

/**
 * Groups the selected notes (and the focused one, from the keyboard) into one new group.
 * @param {string[]} [extra]
 */
export async function groupSelection(extra = []) {
  const ids = Array.from(new Set([...confirmedIds(), ...extra.filter((id) => model.notes.has(id))])).slice(0, 100);
  if (!ids.length || !model.canEditNotes) return;
  const reply = await command({ op: 'cluster.create', noteIds: ids });
  if (reply) announce(t('select.grouped', { count: ids.length }));
}

/** @param {string[]} [extra] */
export async function ungroupSelection(extra = []) {
  const ids = Array.from(new Set([...selection.ids(), ...extra])).filter((id) => grouped(id));
  if (!ids.length || !model.canEditNotes) return;
  const replies = await Promise.all(ids.map((noteId) => command({ op: 'note.ungroup', noteId })));
  if (replies.some(Boolean)) announce(t('select.ungrouped', { count: ids.length }));
  paintSelection();
  if (!bar.hidden && ungroupButton.hidden && bar.contains(document.activeElement) === false) groupButton.focus();
}

function askDelete() {
  if (!model.canEditNotes || !selection.size) return;
  if (selection.size === 1) {
    deleteSelection();
    return;
  }
  confirming = true;
  paintSelection();
  confirmNo.focus();
}

function deleteSelection() {
  const ids = selection.ids();
  confirming = false;
  for (const id of ids) enqueue({ op: 'note.delete', id });
  selection.clear();
  canvas.focus({ preventScroll: true });
  announce(t('select.deleted', { count: ids.length }));
}

// ---- keys ------------------------------------------------------------------------------------------------------
/** @param {EventTarget | null} target */
function isTyping(target) {
  const elem = /** @type {HTMLElement | null} */ (target);
  return !!elem && !!elem.closest && !!elem.closest('input, textarea, select, [contenteditable="true"]');
}

/** Space was pressed on a note: it toggles the note when released, unless the space was held to pan. */
export const space = { held: false, panned: false };

// capture: these keys are the selection's before a note's own keys see them
canvas.addEventListener(
  'keydown',
  (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    if (isTyping(target) || tools.contains(target) || state.editing || state.confirming) return;
    const article = /** @type {HTMLElement | null} */ (target.closest('article.note'));
    const onNote = article === target ? article : null;
    const id = onNote?.dataset.noteId || '';
    const key = e.key;
    if (key === ' ' && (onNote || target === canvas)) {
      e.preventDefault();
      if (!e.repeat) {
        space.held = true;
        space.panned = false;
        canvas.classList.add('is-space-pan');
      }
    } else if (key === 'Escape' && selection.size && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      e.stopPropagation();
      clearSelection();
    } else if ((key === 'a' || key === 'A') && (e.ctrlKey || e.metaKey) && !e.altKey) {
      e.preventDefault();
      e.stopPropagation();
      selection.set(canvasEls.keys());
      announce(t('select.count', { count: selection.size }));
    } else if (
      (key === 'g' || key === 'G') &&
      !e.ctrlKey &&
      !e.metaKey &&
      !e.altKey &&
      model.canEditNotes &&
      (onNote || selection.size)
    ) {
      e.preventDefault();
      e.stopPropagation();
      if (e.shiftKey) ungroupSelection(id ? [id] : []);
      else groupSelection(id ? [id] : []);
    } else if (
      (key === 'Delete' || key === 'Backspace') &&
      onNote &&
      selection.size > 1 &&
      selection.has(id) &&
      model.canEditNotes
    ) {
      e.preventDefault();
      e.stopPropagation();
      askDelete();
    }
  },
  true,
);

canvas.addEventListener('keyup', (e) => {
  if (e.key !== ' ' || !space.held) return;
  space.held = false;
  canvas.classList.remove('is-space-pan');
  const target = /** @type {HTMLElement} */ (e.target);
  if (space.panned || isTyping(target) || !target.matches('article.note')) return;
  const id = target.dataset.noteId;
  if (!id) return;
  selection.toggle(id);
  announce(t(selection.has(id) ? 'select.added' : 'select.removed', { count: selection.size }));
});
canvas.addEventListener('focusout', () => {
  // a held space does not stay held when focus leaves mid-press
  if (!space.held) return;
  space.held = false;
  canvas.classList.remove('is-space-pan');
});

/**
 * A note was shift/ctrl/cmd-clicked.
 * @param {string} id
 */
export function toggleByClick(id) {
  selection.toggle(id);
  announce(t(selection.has(id) ? 'select.added' : 'select.removed', { count: selection.size }));
}
