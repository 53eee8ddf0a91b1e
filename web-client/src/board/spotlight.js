// The spotlight: a note or group the facilitator shows large to everyone (view.focus), in a dialog.
import { t, byId, el, lang, button } from '../lib/page.js';
import { listOrder } from '../lib/board-model.js';
import { model, command, authorLine, clusterTitle } from './context.js';

const focusDialog = /** @type {HTMLDialogElement} */ (byId('focus-dialog'));
const focusContent = byId('focus-content');
const focusEnd = /** @type {HTMLButtonElement} */ (byId('focus-end'));
const focusEndPanel = /** @type {HTMLButtonElement} */ (byId('focus-end-panel'));
const facError = byId('fac-error');
/** @type {string | null} a spotlight the local person closed */
let dismissedFocusKey = null;

/**
 * @typedef {import('../lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('../lib/board-model.js').Command} Command
 * @typedef {import('./context.js').Where} Where
 */

/**
 * A facilitator's button that shows a note or group large to everyone (view.focus).
 * @param {{noteId?: string, clusterId?: string}} target
 * @param {string} short
 */
export function spotlightButton(target, short) {
  const b = button(t('note.focus'), 'small', 'focus');
  b.setAttribute('aria-label', t('note.focusLabel', { excerpt: short }));
  b.addEventListener('click', () => command({ op: 'view.focus', ...target }));
  return b;
}

/** @param {Map<string, ViewNote>} notes */
export function renderFocus(notes) {
  const f = model.view.focus;
  const key = f ? JSON.stringify(f) : null;
  if (!f || !key) {
    dismissedFocusKey = null;
    if (focusDialog.open) focusDialog.close();
    return;
  }
  focusEnd.hidden = !model.canRun;
  const content = [];
  if (f.noteId) {
    const n = notes.get(f.noteId);
    if (n) {
      content.push(el('p', { className: 'focus-text', text: n.text }));
      const by = authorLine(n);
      if (by) content.push(el('p', { className: 'note-meta', text: by }));
    }
  } else if (f.clusterId) {
    const c = model.clusters.get(f.clusterId);
    if (c) {
      content.push(el('p', { className: 'focus-text', text: clusterTitle(c) }));
      const ul = el('ul', { className: 'focus-notes' });
      for (const n of listOrder(notes.values())) if (n.clusterId === c.id) ul.append(el('li', { text: n.text }));
      content.push(ul);
    }
  }
  const sig = JSON.stringify([lang(), key, content.map((c) => c.textContent)]);
  if (focusContent.dataset.signature !== sig) {
    focusContent.dataset.signature = sig;
    focusContent.replaceChildren(...content);
  }
  if (key !== dismissedFocusKey && !focusDialog.open && content.length) {
    try {
      focusDialog.showModal();
    } catch {
      focusDialog.setAttribute('open', '');
    }
  }
}
focusDialog.addEventListener('close', () => {
  const f = model.view.focus;
  dismissedFocusKey = f ? JSON.stringify(f) : null;
});
byId('focus-close').addEventListener('click', () => focusDialog.close());
focusEnd.addEventListener('click', () => command({ op: 'view.focus' }));
focusEndPanel.addEventListener('click', () => command({ op: 'view.focus' }, facError));
