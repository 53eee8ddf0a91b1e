// The keyboard way to group notes in the list view: a small form per note — choose a group (or a new one, then
// its name), and "Move to group". Enter in the name field submits; after the change focus stays on the note's
// group control wherever the note moved in the list.
import { t, el, button } from '../lib/page.js';
import { model, command, announce, whenApplied, clusterTitle } from './context.js';
import { listEls } from './note-card.js';
import { limits } from '../lib/limits.js';

/**
 * @typedef {import('../lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('../lib/board-model.js').Command} Command
 */

/**
 * @param {ViewNote} note
 * @param {string} short the note's excerpt, for accessible names
 */
export function groupControl(note, short) {
  const form = el('form', { className: 'group-control' });
  form.noValidate = true;
  const selectId = 'group-' + note.id;
  const label = el('label', { text: t('group.label') });
  label.htmlFor = selectId;
  const select = el('select', { className: 'group-select' });
  select.id = selectId;
  select.dataset.action = 'group-select';
  const none = el('option', { text: t('group.none') });
  none.value = '';
  select.append(none);
  for (const c of model.clusters.values()) {
    const o = el('option', { text: clusterTitle(c) });
    o.value = c.id;
    select.append(o);
  }
  const fresh = el('option', { text: t('group.new') });
  fresh.value = '__new';
  select.append(fresh);
  const current = note.clusterId && model.clusters.has(note.clusterId) ? note.clusterId : '';
  select.value = current;
  // the new group's name comes right after the choice, before the button
  const titleId = 'group-title-' + note.id;
  const titleBox = el('div', { className: 'group-new-title' });
  const titleLabel = el('label', { text: t('group.newTitle') });
  titleLabel.htmlFor = titleId;
  const titleInput = el('input', { className: 'group-title-input' });
  titleInput.type = 'text';
  titleInput.id = titleId;
  titleInput.maxLength = limits.maxTitleLength;
  titleInput.dataset.action = 'group-title';
  titleBox.append(titleLabel, titleInput);
  titleBox.hidden = true;
  select.addEventListener('change', () => {
    titleBox.hidden = select.value !== '__new';
  });
  const apply = el('button', { className: 'small group-apply', text: t('group.apply') });
  apply.type = 'submit';
  apply.dataset.action = 'group-apply';
  apply.setAttribute('aria-label', t('group.applyLabel', { excerpt: short }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = select.value;
    if (value === current) return;
    /** @type {any} */
    let reply;
    if (value === '__new') {
      /** @type {Command} */
      const cmd = { op: 'cluster.create', noteIds: [note.id] };
      if (titleInput.value.trim()) cmd.title = titleInput.value.trim();
      reply = await command(cmd);
      if (reply) announce(t('announce.grouped'));
    } else if (value === '') {
      reply = await command({ op: 'note.ungroup', noteId: note.id });
      if (reply) announce(t('announce.ungrouped'));
    } else {
      reply = await command({ op: 'cluster.add', id: value, noteId: note.id });
      if (reply) announce(t('announce.grouped'));
    }
    if (reply) refocus(note.id, typeof reply.seq === 'number' ? reply.seq : 0);
  });
  form.append(label, select, titleBox, apply);
  if (current) {
    const out = button(t('group.remove'), 'small secondary', 'group-remove');
    out.setAttribute('aria-label', t('group.removeLabel', { excerpt: short }));
    out.addEventListener('click', async () => {
      const reply = await command({ op: 'note.ungroup', noteId: note.id });
      if (reply) {
        announce(t('announce.ungrouped'));
        refocus(note.id, typeof reply.seq === 'number' ? reply.seq : 0);
      }
    });
    form.append(out);
  }
  return form;
}

/**
 * The note moved to another section of the list and its controls were made again: put focus on its group choice.
 * @param {string} noteId
 * @param {number} seq
 */
function refocus(noteId, seq) {
  whenApplied(seq, () => {
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const li = listEls.get(noteId);
        const select = /** @type {HTMLElement | null} */ (li?.querySelector('select.group-select'));
        if (select) select.focus();
        else if (li) {
          li.tabIndex = -1;
          li.focus();
        }
      }),
    );
  });
}
