// Account page: change one's own password; for an admin, the facilitator accounts (create, disable/enable, remove
// with the transfer of its workshops). PROTOCOL.md "Facilitator accounts".
import { initPage, t, tError, byId, showMessage, el } from './lib/page.js';
import { api, ApiError } from './lib/api.js';
import { getFacilitator, remove, KEYS } from './lib/storage.js';

const notice = byId('account-notice');
const loggedOut = byId('account-logged-out');
const area = byId('account-area');
const who = byId('account-who');
const passwordForm = /** @type {HTMLFormElement} */ (byId('password-form'));
const passwordCurrent = /** @type {HTMLInputElement} */ (byId('password-current'));
const passwordNext = /** @type {HTMLInputElement} */ (byId('password-next'));
const passwordError = byId('password-error');
const passwordStatus = byId('password-status');
const passwordSubmit = /** @type {HTMLButtonElement} */ (byId('password-submit'));
const adminArea = byId('admin-area');
const createForm = /** @type {HTMLFormElement} */ (byId('create-account-form'));
const newUsername = /** @type {HTMLInputElement} */ (byId('new-username'));
const newDisplayName = /** @type {HTMLInputElement} */ (byId('new-display-name'));
const newPassword = /** @type {HTMLInputElement} */ (byId('new-password'));
const createError = byId('create-account-error');
const createSubmit = /** @type {HTMLButtonElement} */ (byId('create-account-submit'));
const created = byId('account-created');
const createdText = byId('account-created-text');
const createdPasswordBox = byId('account-created-password-box');
const createdPassword = byId('account-created-password');
const createdCopy = /** @type {HTMLButtonElement} */ (byId('account-created-copy'));
const createdCopyStatus = byId('account-created-copy-status');
const list = byId('account-list');
const listStatus = byId('account-list-status');
const removeDialog = /** @type {HTMLDialogElement} */ (byId('remove-dialog'));
const removeHeading = byId('remove-heading');
const removeText = byId('remove-text');
const removeTransfer = byId('remove-transfer');
const removeTransferTo = /** @type {HTMLSelectElement} */ (byId('remove-transfer-to'));
const removeError = byId('remove-error');
const removeConfirm = /** @type {HTMLButtonElement} */ (byId('remove-confirm'));
const removeCancel = /** @type {HTMLButtonElement} */ (byId('remove-cancel'));

/** @typedef {{id: string, username: string, displayName: string, role: string, disabled: boolean, workshops: number}} Account */

/** @type {Account | null} */
let me = null;
/** @type {Account[]} */
let accounts = [];
/** @type {{username: string, password?: string} | null} the account just created (its password shown once) */
let lastCreated = null;
/** @type {Account | null} */
let removing = null;
/** @type {HTMLElement | null} where the focus goes back after the dialog */
let returnFocus = null;

const facilitator = getFacilitator();
const token = facilitator?.token || '';

initPage(() => render());
render();
if (token) load();

/** @param {unknown} e */
function errorText(e) {
  return tError(e instanceof ApiError ? e.code : 'network_error');
}

/** @param {unknown} e */
function ended(e) {
  if (e instanceof ApiError && e.status === 401) {
    remove(KEYS.facilitator);
    location.href = 'facilitator.html';
    return true;
  }
  return false;
}

async function load() {
  try {
    me = await api('/api/account', { token });
    if (me && me.role === 'admin') await loadAccounts();
  } catch (e) {
    if (!ended(e)) showMessage(notice, errorText(e));
  }
  render();
}

async function loadAccounts() {
  const reply = await api('/api/accounts', { token });
  accounts = reply.accounts;
}

function render() {
  loggedOut.hidden = !!token;
  area.hidden = !token || !me;
  if (!me) return;
  who.textContent = t(me.role === 'admin' ? 'accounts.who.admin' : 'accounts.who', { username: me.username });
  adminArea.hidden = me.role !== 'admin';
  renderCreated();
  renderList();
}

function renderCreated() {
  created.hidden = !lastCreated;
  if (!lastCreated) return;
  createdText.textContent = t('accounts.created.text', { username: lastCreated.username });
  createdPasswordBox.hidden = !lastCreated.password;
  createdPassword.textContent = lastCreated.password || '';
}

function renderList() {
  list.replaceChildren();
  for (const a of accounts) {
    const item = el('li', { className: 'account-item' + (a.disabled ? ' is-disabled' : '') });
    const name = el('p', { className: 'account-name' });
    name.append(el('strong', { text: a.displayName }), ' ', el('span', { text: '(' + a.username + ')' }));
    item.append(name);
    const facts = [
      t(a.role === 'admin' ? 'accounts.role.admin' : 'accounts.role.facilitator'),
      t('accounts.workshops', { count: a.workshops }),
    ];
    if (a.disabled) facts.push(t('accounts.disabled'));
    item.append(el('p', { className: 'hint', text: facts.join(' · ') }));
    if (me && a.id !== me.id) {
      const row = el('div', { className: 'button-row' });
      const toggle = el('button', {
        className: 'secondary',
        text: t(a.disabled ? 'accounts.enable' : 'accounts.disable', { username: a.username }),
      });
      toggle.type = 'button';
      toggle.dataset.accountId = a.id;
      toggle.dataset.action = a.disabled ? 'enable' : 'disable';
      const del = el('button', { className: 'danger', text: t('accounts.remove', { username: a.username }) });
      del.type = 'button';
      del.dataset.accountId = a.id;
      del.dataset.action = 'remove';
      row.append(toggle, del);
      item.append(row);
    }
    list.append(item);
  }
}

passwordForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  showMessage(passwordError, '');
  showMessage(passwordStatus, '');
  if (passwordNext.value.length < 8) {
    showMessage(passwordError, tError('invalid_password'));
    passwordNext.focus();
    return;
  }
  passwordSubmit.disabled = true;
  try {
    await api('/api/account/password', {
      method: 'POST',
      token,
      body: { current: passwordCurrent.value, next: passwordNext.value },
    });
    passwordForm.reset();
    showMessage(passwordStatus, t('accounts.password.changed'));
  } catch (err) {
    if (!ended(err)) {
      showMessage(passwordError, errorText(err));
      (err instanceof ApiError && err.code === 'wrong_password' ? passwordCurrent : passwordNext).focus();
    }
  } finally {
    passwordSubmit.disabled = false;
  }
});

createForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  showMessage(createError, '');
  /** @type {Record<string, string>} */
  const body = { username: newUsername.value.trim() };
  if (newDisplayName.value.trim()) body.displayName = newDisplayName.value.trim();
  if (newPassword.value) body.password = newPassword.value;
  createSubmit.disabled = true;
  try {
    const account = await api('/api/accounts', { method: 'POST', token, body });
    lastCreated = { username: account.username, password: account.generatedPassword };
    createForm.reset();
    await loadAccounts();
    render();
    created.focus();
  } catch (err) {
    if (!ended(err)) {
      showMessage(createError, errorText(err));
      newUsername.focus();
    }
  } finally {
    createSubmit.disabled = false;
  }
});

createdCopy.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(createdPassword.textContent || '');
    showMessage(createdCopyStatus, t('accounts.created.copied'));
  } catch {
    // No clipboard (an http page, say): the password stays selected for copying by hand.
    const range = document.createRange();
    range.selectNodeContents(createdPassword);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    showMessage(createdCopyStatus, t('accounts.created.copyByHand'));
  }
});

list.addEventListener('click', async (e) => {
  const target = /** @type {HTMLElement} */ (e.target);
  const b = /** @type {HTMLButtonElement | null} */ (target.closest('button[data-action]'));
  if (!b) return;
  const account = accounts.find((a) => a.id === b.dataset.accountId);
  if (!account) return;
  if (b.dataset.action === 'remove') {
    openRemove(account, b);
    return;
  }
  b.disabled = true;
  try {
    await api('/api/accounts/' + encodeURIComponent(account.id) + '/' + b.dataset.action, { method: 'POST', token });
    await loadAccounts();
    render();
    showMessage(
      listStatus,
      t(b.dataset.action === 'disable' ? 'accounts.disabledNow' : 'accounts.enabledNow', {
        username: account.username,
      }),
    );
    focusAccount(account.id, b.dataset.action === 'disable' ? 'enable' : 'disable');
  } catch (err) {
    if (!ended(err)) showMessage(listStatus, errorText(err));
    b.disabled = false;
  }
});

/**
 * @param {string} id
 * @param {string} action
 */
function focusAccount(id, action) {
  const next = /** @type {HTMLElement | null} */ (
    list.querySelector(`button[data-account-id="${CSS.escape(id)}"][data-action="${action}"]`)
  );
  (next || list.closest('section') || document.body).focus();
}

/**
 * @param {Account} account
 * @param {HTMLElement} from
 */
function openRemove(account, from) {
  removing = account;
  returnFocus = from;
  removeHeading.textContent = t('accounts.remove.heading', { username: account.username });
  const others = accounts.filter((a) => a.id !== account.id && !a.disabled);
  removeTransfer.hidden = account.workshops === 0;
  removeTransferTo.replaceChildren(
    ...others.map((a) => {
      const o = el('option', { text: a.displayName + ' (' + a.username + ')' });
      o.value = a.id;
      if (me && a.id === me.id) o.selected = true;
      return o;
    }),
  );
  removeText.textContent =
    account.workshops === 0
      ? t('accounts.remove.text', { username: account.username })
      : t('accounts.remove.textTransfer', { username: account.username, count: account.workshops });
  removeConfirm.textContent = t(
    account.workshops === 0 ? 'accounts.remove.confirm' : 'accounts.remove.confirmTransfer',
    { username: account.username },
  );
  showMessage(removeError, '');
  removeDialog.showModal();
  removeCancel.focus();
}

removeCancel.addEventListener('click', () => removeDialog.close());
removeDialog.addEventListener('close', () => {
  if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  else list.closest('section')?.focus();
  removing = null;
});

removeConfirm.addEventListener('click', async () => {
  const account = removing;
  if (!account) return;
  removeConfirm.disabled = true;
  try {
    const path = '/api/accounts/' + encodeURIComponent(account.id);
    if (account.workshops > 0) {
      await api(path + '/transfer', { method: 'POST', token, body: { to: removeTransferTo.value } });
    }
    await api(path, { method: 'DELETE', token });
    await loadAccounts();
    returnFocus = /** @type {HTMLElement} */ (byId('account-list-heading').closest('section'));
    removeDialog.close();
    render();
    showMessage(listStatus, t('accounts.removedNow', { username: account.username }));
  } catch (err) {
    if (!ended(err)) showMessage(removeError, errorText(err));
  } finally {
    removeConfirm.disabled = false;
  }
});
