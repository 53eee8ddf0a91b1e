// A group's header (name, count, rename/dissolve, spotlight, outcomes and dots), in the list view and on its
// canvas outline.
import { t, el, lang, button, closeOnEscape } from '../lib/page.js';
import { model, command, scheduleRender, renderNow, clusterTitle } from './context.js';
import { voteSignature, voteControls } from './vote-controls.js';
import { spotlightButton } from './spotlight.js';
import { outcomesView } from './embedded-views.js';
import { limits } from '../lib/limits.js';

/** @type {{id: string, where: Where} | null} a cluster whose name is being edited */
let renaming = null;

/** Forgets a rename whose group is gone. */
export function forgetGoneRenaming() {
  if (renaming && !model.clusters.has(renaming.id)) renaming = null;
}

/**
 * @typedef {import('../lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('../lib/board-model.js').Command} Command
 * @typedef {import('./context.js').Where} Where
 */

/**
 * The name, count, rename/dissolve buttons and dots of a group (in the list view and on its canvas outline).
 * @param {HTMLElement} header
 * @param {import('../lib/board-model.js').Cluster} cluster
 * @param {Where} where
 * @param {number} count
 */
export function fillClusterHeader(header, cluster, where, count) {
  const isRenaming = renaming && renaming.id === cluster.id && renaming.where === where;
  const title = clusterTitle(cluster);
  const sig = JSON.stringify([
    lang(),
    title,
    count,
    isRenaming,
    model.canEditNotes,
    model.canRun,
    voteSignature(cluster.id, 'cluster'),
  ]);
  if (header.dataset.signature === sig) return;
  header.dataset.signature = sig;
  const focusedAction = header.contains(document.activeElement)
    ? /** @type {HTMLElement} */ (document.activeElement).dataset.action || ''
    : null;
  if (isRenaming) {
    const form = el('form', { className: 'cluster-rename' });
    form.noValidate = true;
    const inputId = `rename-${where}-${cluster.id}`;
    const label = el('label', { text: t('cluster.titleField') });
    label.htmlFor = inputId;
    const input = el('input');
    input.type = 'text';
    input.id = inputId;
    input.maxLength = limits.maxTitleLength;
    input.value = cluster.title || '';
    const save = el('button', { className: 'small primary', text: t('note.save') });
    save.type = 'submit';
    const cancel = button(t('note.cancel'), 'small secondary', 'cancel-rename');
    const close = () => {
      renaming = null;
      header.dataset.signature = '';
      scheduleRender();
      requestAnimationFrame(() =>
        requestAnimationFrame(() =>
          /** @type {HTMLElement | null} */ (header.querySelector('[data-action="rename"]'))?.focus({
            preventScroll: where === 'canvas',
          }),
        ),
      );
    };
    cancel.addEventListener('click', close);
    closeOnEscape(form, close);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = input.value.trim();
      if (value !== (cluster.title || '')) command({ op: 'cluster.rename', id: cluster.id, title: value });
      close();
    });
    form.addEventListener('pointerdown', (e) => e.stopPropagation());
    const actions = el('div', { className: 'note-actions' });
    actions.append(save, cancel);
    form.append(label, input, actions);
    header.replaceChildren(form);
    input.focus({ preventScroll: where === 'canvas' });
    return;
  }
  const heading =
    where === 'list'
      ? el('h3', { className: 'cluster-title', text: title })
      : el('p', { className: 'cluster-title', text: title });
  const meta = el('span', {
    className: 'cluster-count',
    text: t(where === 'canvas' ? 'canvas.groupCount' : 'cluster.count', { count }),
  });
  if (where === 'canvas' && model.canEditNotes) {
    // double-click the name to rename the group in place
    heading.addEventListener('dblclick', (e) => {
      e.stopPropagation();
      renaming = { id: cluster.id, where };
      renderNow();
    });
  }
  const actions = el('div', { className: 'note-actions cluster-actions' });
  if (model.canEditNotes) {
    const rename = button(t('cluster.rename'), 'small', 'rename');
    rename.setAttribute('aria-label', t('cluster.renameLabel', { title }));
    rename.addEventListener('click', () => {
      renaming = { id: cluster.id, where };
      renderNow();
    });
    const dissolve = button(t('cluster.dissolve'), 'small', 'dissolve');
    dissolve.setAttribute('aria-label', t('cluster.dissolveLabel', { title }));
    dissolve.addEventListener('click', () => command({ op: 'cluster.dissolve', id: cluster.id }));
    actions.append(rename, dissolve);
  }
  if (model.canRun) actions.append(spotlightButton({ clusterId: cluster.id }, title));
  actions.append(...outcomesView.makeButtons({ clusterId: cluster.id }, title));
  header.replaceChildren(heading, meta);
  if (where === 'canvas' && model.canEditNotes) header.title = t('cluster.drag');
  const votes = voteControls(cluster.id, 'cluster', title);
  if (votes) header.append(votes);
  if (actions.children.length) header.append(actions);
  if (focusedAction)
    /** @type {HTMLElement | null} */ (header.querySelector(`[data-action="${focusedAction}"]`))?.focus({
      preventScroll: true,
    });
}
