// Sharing the workshop with other facilitator accounts (co-facilitators): the owner's dialog in the People tab.
// PROTOCOL.md "Facilitator accounts".
import { t, tError, byId, showMessage, el } from '../lib/page.js';
import { api, ApiError } from '../lib/api.js';
import { model, workshopId, token } from './context.js';

const section = byId('share-section');
const openButton = /** @type {HTMLButtonElement} */ (byId('share-open'));
const dialog = /** @type {HTMLDialogElement} */ (byId('share-dialog'));
const list = byId('share-list');
const listEmpty = byId('share-list-empty');
const form = /** @type {HTMLFormElement} */ (byId('share-form'));
const username = /** @type {HTMLInputElement} */ (byId('share-username'));
const error = byId('share-error');
const status = byId('share-status');
const closeButton = /** @type {HTMLButtonElement} */ (byId('share-close'));
const path = '/api/workshops/' + encodeURIComponent(workshopId) + '/co-facilitators';

/** @type {{accountId: string, username: string, displayName: string}[]} */
let shared = [];

/** Only the owner (role facilitator, signed in with an account) shares. */
export function renderShare() {
  const owner = model.you?.role === 'facilitator';
  if (section.hidden === owner) section.hidden = !owner;
}

/** @param {unknown} e */
function errorText(e) {
  return tError(e instanceof ApiError ? e.code : 'network_error');
}

function renderList() {
  list.replaceChildren();
  listEmpty.hidden = shared.length > 0;
  for (const c of shared) {
    const item = el('li', { className: 'share-item' });
    item.append(el('span', { text: c.displayName + ' (' + c.username + ')' }));
    const remove = el('button', { className: 'secondary', text: t('accounts.share.remove', { name: c.username }) });
    remove.type = 'button';
    remove.dataset.accountId = c.accountId;
    item.append(remove);
    list.append(item);
  }
}

openButton.addEventListener('click', async () => {
  showMessage(error, '');
  showMessage(status, '');
  dialog.showModal();
  username.focus();
  try {
    shared = (await api(path, { token })).coFacilitators;
  } catch (e) {
    showMessage(error, errorText(e));
  }
  renderList();
});

closeButton.addEventListener('click', () => dialog.close());
dialog.addEventListener('close', () => openButton.focus());

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  showMessage(error, '');
  const name = username.value.trim();
  if (!name) {
    showMessage(error, tError('account_not_found'));
    username.focus();
    return;
  }
  try {
    shared = (await api(path, { method: 'POST', token, body: { username: name } })).coFacilitators;
    username.value = '';
    renderList();
    showMessage(status, t('accounts.share.added', { name }));
  } catch (err) {
    showMessage(error, errorText(err));
  }
  username.focus();
});

list.addEventListener('click', async (e) => {
  const b = /** @type {HTMLButtonElement | null} */ (
    /** @type {HTMLElement} */ (e.target).closest('button[data-account-id]')
  );
  if (!b) return;
  const c = shared.find((x) => x.accountId === b.dataset.accountId);
  if (!c) return;
  b.disabled = true;
  try {
    shared = (await api(path + '/' + encodeURIComponent(c.accountId), { method: 'DELETE', token })).coFacilitators;
    renderList();
    showMessage(status, t('accounts.share.removed', { name: c.username }));
  } catch (err) {
    showMessage(error, errorText(err));
    b.disabled = false;
  }
  username.focus();
});
