// One note's content in the canvas and list views: a compact sticky note (text, author, dots, at most one control
// at rest) and, for the focused or selected note, one small toolbar (edit, dot −, colour, more…); the inline
// editor (Enter saves, Shift+Enter is a new line, Escape cancels), the delete confirmation and the group form.
import { t, tError, byId, showMessage, el, lang, button } from '../lib/page.js';
import { colorName, excerpt } from '../lib/i18n.js';
import {
  model,
  config,
  state,
  me,
  noteLabel,
  command,
  enqueue,
  announce,
  scheduleRender,
  renderNow,
  viewNotes,
  codePoints,
  canvas,
  authorName,
} from './context.js';
import { castVote } from './vote-controls.js';
import { menuButton, openMenuOf, closeMenus } from './note-menu.js';
import { outcomesView, journeyView } from './embedded-views.js';
import { groupControl } from './group-control.js';

const listView = byId('list-view');

/**
 * @typedef {import('../lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('../lib/board-model.js').Command} Command
 * @typedef {import('./context.js').Where} Where
 */

/** @type {Map<string, HTMLElement>} */
export const canvasEls = new Map();
/** @type {Map<string, HTMLElement>} */
export const listEls = new Map();
/** @type {{noteId: string, where: Where} | null} a note whose group form is open */
let grouping = null;

/** @param {string} noteId @param {Where} where */
function key(noteId, where) {
  return where + ':' + noteId;
}

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
  const isGrouping = grouping && grouping.noteId === note.id && grouping.where === where;
  const canEdit = model.canEditNotes;
  const mode =
    isEditing && canEdit ? 'edit' : isConfirming && canEdit ? 'confirm' : isGrouping && canEdit ? 'group' : 'show';
  const hidden = !!note.hidden || (!!note.pending && !model.notes.has(note.id) && model.settings.privateMode);
  const groupSig = mode === 'group' ? Array.from(model.clusters.values()).map((c) => [c.id, c.title]) : null;
  const author = shortAuthor(note);
  const signature = JSON.stringify([
    lang(),
    mode,
    !!note.pending,
    note.text,
    note.color,
    author,
    unsent,
    config.colors,
    canEdit,
    hidden,
    note.mine,
    model.canRun,
    dotsSignature(note.id),
    groupSig,
    note.clusterId || null,
    openMenuOf(key(note.id, where)),
    where === 'list' ? journeyView.listSignature(note) : null,
  ]);
  container.classList.toggle('is-private', hidden);
  container.classList.toggle('is-pending', unsent);
  container.classList.toggle('is-editing', mode !== 'show');
  for (const c of Array.from(container.classList))
    if (c.startsWith('color-') && c !== 'color-' + note.color) container.classList.remove(c);
  container.classList.add('color-' + safeClass(note.color));
  container.setAttribute('aria-label', noteLabel(note));
  if (container.dataset.signature === signature) return;
  if (mode === 'edit' && container.dataset.mode === 'edit') {
    // an open editor is not rebuilt under the user's hands
    container.dataset.signature = signature;
    return;
  }
  container.dataset.signature = signature;
  container.dataset.mode = mode;

  const active = /** @type {HTMLElement | null} */ (document.activeElement);
  const focusedAction =
    active && active !== container && container.contains(active) ? active.dataset.action || '' : null;
  const short = excerpt(note.text);

  if (mode === 'edit') {
    container.replaceChildren(buildEditor(note, where));
    container.querySelector('textarea')?.focus({ preventScroll: where === 'canvas' });
    return;
  }
  if (mode === 'confirm') {
    const question = el('p', { className: 'confirm-text', text: t('note.confirmDelete') + ' ' });
    question.append(el('span', { className: 'confirm-excerpt', text: short }));
    const yes = button(t('note.confirmYes'), 'small danger', 'confirm-delete');
    yes.addEventListener('click', () => deleteNote(note.id, where));
    const no = button(t('note.cancel'), 'small secondary', 'cancel-delete');
    no.addEventListener('click', () => closeAndFocusNote(note.id, where));
    const actions = el('div', { className: 'note-actions' });
    actions.append(yes, no);
    container.replaceChildren(question, actions);
    no.focus({ preventScroll: where === 'canvas' });
    return;
  }
  if (mode === 'group') {
    // the group form (group-control.js): Enter groups, and focus stays on the note's group choice; Escape closes it
    const form = groupControl(note, short);
    form.addEventListener('pointerdown', (e) => e.stopPropagation());
    container.replaceChildren(el('p', { className: 'note-text', text: note.text }), form);
    const again = focusedAction ? container.querySelector(`[data-action="${focusedAction}"]:not([hidden])`) : null;
    /** @type {HTMLElement | null} */ (again || container.querySelector('select'))?.focus({
      preventScroll: where === 'canvas',
    });
    return;
  }

  // the toolbar shows only while the note has focus: keep focus on the note while its content is rebuilt
  if (focusedAction !== null) container.focus({ preventScroll: true });
  const text = el('p', { className: 'note-text', text: note.text });
  const foot = el('div', { className: 'note-foot' });
  if (author) foot.append(el('span', { className: 'note-author', text: author }));
  if (hidden) {
    const mineHidden = note.mine || note.pending || (note.authorId && note.authorId === me());
    foot.append(
      el('span', { className: 'note-private', text: t(mineHidden ? 'note.private' : 'note.hiddenFromOthers') }),
    );
  }
  if (unsent) foot.append(el('span', { className: 'note-pending', text: t('note.pending') }));
  const dots = note.pending ? null : dotsOf(note.id);
  if (dots) foot.append(dots);
  /** @type {HTMLElement[]} */
  const parts = [text, foot];
  // at rest: at most one control, "+ dot" while a vote is open
  const v = model.vote;
  if (!note.pending && v && v.state === 'open' && model.canVote && model.voteTargets('note')) {
    const add = button(t('vote.add'), 'small vote-add', 'vote-add');
    add.setAttribute('aria-label', t('note.dotAddLabel', { excerpt: short }));
    add.addEventListener('click', () => castVote(note.id, 1));
    foot.append(add);
  }
  if (where === 'list') parts.push(...journeyView.listExtras(note));
  const toolbar = buildToolbar(note, where, short, hidden);
  if (toolbar) parts.push(toolbar);
  container.replaceChildren(...parts);
  if (focusedAction) {
    const again = /** @type {HTMLElement | null} */ (container.querySelector(`[data-action="${focusedAction}"]`));
    if (again) again.focus({ preventScroll: true });
    else container.focus({ preventScroll: true });
  }
}

/**
 * The name under a note: "you", the author's name, or nothing on an anonymous board.
 * @param {ViewNote} note
 */
function shortAuthor(note) {
  if (note.mine || (note.authorId && note.authorId === me())) return t('note.byYou');
  if (!note.authorId) return '';
  return authorName(note.authorId);
}

/** @param {string} id */
function dotsSignature(id) {
  const v = model.vote;
  if (!v) return null;
  return [
    v.id,
    v.state,
    model.canVote,
    model.voteTargets('note'),
    v.myVotes.get(id) || 0,
    v.tally ? v.tally.get(id) || 0 : null,
  ];
}

/**
 * The dots on a note: your dots while the vote is open (•••, read as "your dots: 3"), and the total when it may be seen.
 * @param {string} id
 */
function dotsOf(id) {
  const v = model.vote;
  if (!v || !model.voteTargets('note')) return null;
  const box = el('span', { className: 'note-dots' });
  if (v.state === 'open') {
    const mine = v.myVotes.get(id) || 0;
    const my = el('span', { className: 'my-dots' });
    my.dataset.count = String(mine);
    my.append(
      el('span', { className: 'dot-marks', text: '•'.repeat(Math.min(mine, 10)), attrs: { 'aria-hidden': 'true' } }),
      el('span', { className: 'visually-hidden', text: t('vote.yourDots', { count: mine }) }),
    );
    box.append(my);
  }
  if (v.tally) {
    const count = v.tally.get(id) || 0;
    const tally = el('span', { className: 'vote-tally' });
    tally.append(
      el('span', { className: 'dot-marks', text: count ? '● ' + count : '', attrs: { 'aria-hidden': 'true' } }),
      el('span', { className: 'visually-hidden', text: t('vote.tally', { count }) }),
    );
    if (count) box.append(tally);
  }
  return box.children.length ? box : null;
}

/**
 * The toolbar of the focused or selected note: edit, dot −, colour, more…
 * @param {ViewNote} note
 * @param {Where} where
 * @param {string} short
 * @param {boolean} hidden
 */
function buildToolbar(note, where, short, hidden) {
  const canEdit = model.canEditNotes;
  const bar = el('div', {
    className: 'note-toolbar',
    attrs: { role: 'group', 'aria-label': t('note.tools', { excerpt: short }) },
  });
  const ownerKey = key(note.id, where);
  const rerender = () => renderNow();
  const returnFocus = () => focusNote(note.id, where);
  if (canEdit) {
    const edit = button(t('note.edit'), 'small', 'edit');
    edit.addEventListener('click', () => openEditor(note.id, where));
    bar.append(edit);
  }
  const v = model.vote;
  if (
    !note.pending &&
    v &&
    v.state === 'open' &&
    model.canVote &&
    model.voteTargets('note') &&
    (v.myVotes.get(note.id) || 0) > 0
  ) {
    const sub = button(t('vote.remove'), 'small vote-remove', 'vote-remove');
    sub.setAttribute('aria-label', t('note.dotRemoveLabel', { excerpt: short }));
    sub.addEventListener('click', () => castVote(note.id, -1));
    bar.append(sub);
  }
  if (canEdit) {
    const colours = config.colors.includes(note.color) ? config.colors : [note.color, ...config.colors];
    bar.append(
      menuButton({
        ownerKey,
        kind: 'color',
        text: t('note.color'),
        menuLabel: t('note.colorMenu'),
        className: 'color-button',
        rerender,
        returnFocus,
        items: colours.map((c) => ({
          action: 'color-' + c,
          text: colorName(lang(), c),
          checked: c === note.color,
          run: () => {
            if (c !== note.color) {
              enqueue({ op: 'note.update', id: note.id, color: c });
              announce(t('note.colorChanged', { color: colorName(lang(), c) }));
            }
            returnFocus();
            scheduleRender();
          },
        })),
      }),
    );
  }
  /** @type {import('./note-menu.js').MenuItem[]} */
  const more = [];
  if (canEdit && !note.pending) {
    more.push({
      action: 'group',
      text: t(note.clusterId ? 'note.menu.changeGroup' : 'note.menu.group'),
      run: () => openGroupForm(note.id, where),
    });
    if (note.clusterId && model.clusters.has(note.clusterId)) {
      more.push({
        action: 'group-remove',
        text: t('group.remove'),
        run: async () => {
          returnFocus();
          if (await command({ op: 'note.ungroup', noteId: note.id })) announce(t('announce.ungrouped'));
        },
      });
    }
  }
  if (model.canRun && !note.pending) {
    more.push({
      action: 'focus',
      text: t('note.focus'),
      run: () => {
        returnFocus();
        command({ op: 'view.focus', noteId: note.id });
      },
    });
  }
  if (!note.pending && !hidden) {
    for (const b of outcomesView.makeButtons({ noteId: note.id }, short)) {
      more.push({
        action: b.dataset.action || '',
        text: b.textContent || '',
        run: () => {
          returnFocus();
          b.click();
        },
      });
    }
  }
  if (canEdit) {
    more.push({
      action: 'delete',
      text: t('note.delete'),
      danger: true,
      run: () => {
        state.confirming = { noteId: note.id, where };
        state.editing = null;
        renderNow();
      },
    });
  }
  if (more.length) {
    bar.append(
      menuButton({
        ownerKey,
        kind: 'more',
        text: t('note.more'),
        menuLabel: t('note.moreMenu', { excerpt: short }),
        className: 'more-button',
        rerender,
        returnFocus,
        items: more,
      }),
    );
  }
  return bar.children.length ? bar : null;
}

/** @param {string} noteId @param {Where} where */
export function noteElement(noteId, where) {
  return (where === 'canvas' ? canvasEls : listEls).get(noteId) || null;
}

/**
 * Puts focus on a note (after the next render).
 * @param {string} noteId
 * @param {Where} where
 */
export function focusNote(noteId, where) {
  requestAnimationFrame(() => {
    requestAnimationFrame(() => {
      const target = noteElement(noteId, where);
      if (target) target.focus({ preventScroll: where === 'canvas' });
      else if (where === 'canvas') canvas.focus({ preventScroll: true });
      else {
        listView.tabIndex = -1;
        listView.focus();
      }
    });
  });
}

/** @param {string} noteId @param {Where} where */
function closeAndFocusNote(noteId, where) {
  state.confirming = null;
  state.editing = null;
  grouping = null;
  closeMenus();
  scheduleRender();
  focusNote(noteId, where);
}

/** @param {KeyboardEvent} e on a note element */
export function noteKeydown(e) {
  const container = /** @type {HTMLElement} */ (e.currentTarget);
  const id = container.dataset.noteId;
  if (!id) return;
  const where = container.matches('article.note') ? 'canvas' : 'list';
  if (e.key === 'Escape') {
    if (e.target === container && !state.confirming && !grouping) return;
    e.preventDefault();
    closeAndFocusNote(id, where);
    return;
  }
  if (e.target !== container) return;
  if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.altKey && model.canEditNotes) {
    e.preventDefault();
    openEditor(id, where);
  } else if ((e.key === 'Delete' || e.key === 'Backspace') && model.canEditNotes) {
    e.preventDefault();
    state.confirming = { noteId: id, where };
    renderNow();
  }
}

/** @param {string} color */
function safeClass(color) {
  return String(color).replace(/[^a-z0-9-]/gi, '');
}

/**
 * Opens a note's inline editor.
 * @param {string} noteId
 * @param {Where} where
 */
export function openEditor(noteId, where) {
  if (!model.canEditNotes) return;
  state.editing = { noteId, where, focus: 'text' };
  state.confirming = null;
  grouping = null;
  closeMenus();
  renderNow();
}

/**
 * A text area in the note: Enter saves, Shift+Enter starts a new line, Escape cancels.
 * @param {{text: string, id: string}} note
 * @param {Where | 'draft'} where
 * @param {(text: string) => void} [onSave] for a new note (the draft)
 * @param {() => void} [onCancel]
 */
export function buildEditor(note, where, onSave, onCancel) {
  const form = el('form', { className: 'note-editor' });
  form.noValidate = true;
  const textId = `edit-${where}-text-${note.id}`;
  const textLabel = el('label', { className: 'visually-hidden', text: t('note.textLabel') });
  textLabel.htmlFor = textId;
  const textarea = el('textarea');
  textarea.id = textId;
  textarea.rows = 3;
  textarea.value = note.text;
  const hintId = textId + '-hint';
  textarea.setAttribute('aria-describedby', hintId);
  const hint = el('p', { className: 'editor-hint', text: t('note.editHint') });
  hint.id = hintId;
  const error = el('p', { className: 'error', attrs: { role: 'alert' } });
  error.hidden = true;
  const save = el('button', { className: 'small primary', text: t('note.save') });
  save.type = 'submit';
  save.dataset.action = 'save-edit';
  const cancel = button(t('note.cancel'), 'small secondary', 'cancel-edit');
  const actions = el('div', { className: 'note-actions' });
  actions.append(save, cancel);
  form.append(textLabel, textarea, hint, error, actions);

  const close = () => {
    if (onCancel) return onCancel();
    if (where === 'draft') return;
    closeAndFocusNote(note.id, where);
  };
  cancel.addEventListener('click', close);
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Enter' && !e.shiftKey && e.target === textarea && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = textarea.value.replace(/\r\n/g, '\n');
    if (onSave && !text.trim()) return close();
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
    if (onSave) return onSave(text);
    if (where === 'draft') return;
    const current = viewNotes().get(note.id);
    state.editing = null;
    if (current && text !== current.text) {
      enqueue({ op: 'note.update', id: note.id, text });
      announce(t('note.saved'));
    }
    closeAndFocusNote(note.id, where);
  });
  // stop canvas drags and key handling from starting inside the editor
  form.addEventListener('pointerdown', (e) => e.stopPropagation());
  form.addEventListener('dblclick', (e) => e.stopPropagation());
  return form;
}

/** @param {string} noteId @param {Where} where */
function openGroupForm(noteId, where) {
  grouping = { noteId, where };
  state.editing = null;
  state.confirming = null;
  renderNow();
}

/**
 * @param {string} noteId
 * @param {Where} where
 */
function deleteNote(noteId, where) {
  state.confirming = null;
  // focus moves to the next note in the same view, or to the view itself
  const map = where === 'canvas' ? canvasEls : listEls;
  const ids =
    where === 'list'
      ? Array.from(listView.querySelectorAll('li.list-note')).map(
          (li) => /** @type {HTMLElement} */ (li).dataset.noteId,
        )
      : Array.from(map.keys());
  const i = ids.indexOf(noteId);
  const nextId = ids[i + 1] || ids[i - 1];
  enqueue({ op: 'note.delete', id: noteId });
  announce(t('announce.deleted'));
  if (nextId) focusNote(nextId, where);
  else focusNote('', where);
}

// the group form closes when focus goes to something else on the page (it stays while the note moves in the list)
document.addEventListener('focusin', (e) => {
  if (!grouping) return;
  const container = noteElement(grouping.noteId, grouping.where);
  if (container && container.contains(/** @type {Node} */ (e.target))) return;
  grouping = null;
  scheduleRender();
});
