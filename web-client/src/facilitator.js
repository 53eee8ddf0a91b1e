// Facilitator page: log in, create workshops, list own workshops.
import { initPage, t, tError, byId, showMessage, el, formatDate, lang } from './lib/page.js';
import { api, ApiError } from './lib/api.js';
import { writeJson, remove, getFacilitator, KEYS } from './lib/storage.js';
import { groupByLevel } from './lib/templates.js';
import { saveTemplateControl } from './template-save.js';
import { setupImport } from './workshop-import.js';
import { retentionInfo, retentionConfig, retentionText } from './lib/retention.js';
import { applyLimits } from './lib/limits.js';

const loginSection = byId('login-section');
const area = byId('facilitator-area');
const notice = byId('fac-notice');
const loginForm = /** @type {HTMLFormElement} */ (byId('login-form'));
const loginUser = /** @type {HTMLInputElement} */ (byId('login-username'));
const loginPass = /** @type {HTMLInputElement} */ (byId('login-password'));
const loginError = byId('login-error');
const loginSubmit = /** @type {HTMLButtonElement} */ (byId('login-submit'));
const loggedInAs = byId('logged-in-as');
const logoutButton = /** @type {HTMLButtonElement} */ (byId('logout'));
const createForm = /** @type {HTMLFormElement} */ (byId('create-form'));
const titleInput = /** @type {HTMLInputElement} */ (byId('workshop-title'));
const templateSelect = /** @type {HTMLSelectElement} */ (byId('workshop-template'));
const templateDescription = byId('template-description');
const templateDownload = /** @type {HTMLAnchorElement} */ (byId('template-download'));
const workshopLang = /** @type {HTMLSelectElement} */ (byId('workshop-lang'));
const createError = byId('create-error');
const createSubmit = /** @type {HTMLButtonElement} */ (byId('create-submit'));
const created = byId('created');
const createdCode = byId('created-join-code');
const createdLink = /** @type {HTMLAnchorElement} */ (byId('created-join-link'));
const createdOpen = /** @type {HTMLAnchorElement} */ (byId('created-open'));
const list = byId('workshop-list');
const listStatus = byId('list-status');
const createdPresent = /** @type {HTMLAnchorElement} */ (byId('created-present'));
const searchInput = /** @type {HTMLInputElement} */ (byId('life-search'));
const filterSelect = /** @type {HTMLSelectElement} */ (byId('life-filter'));
const announceEl = byId('life-announce');
const deleteDialog = /** @type {HTMLDialogElement} */ (byId('life-delete-dialog'));
const deleteForm = /** @type {HTMLFormElement} */ (byId('life-delete-form'));
const deleteHelp = byId('life-delete-help');
const deleteName = /** @type {HTMLInputElement} */ (byId('life-delete-name'));
const deleteTemplates = /** @type {HTMLInputElement} */ (byId('life-delete-templates'));
const deleteError = byId('life-delete-error');
const deleteCancel = /** @type {HTMLButtonElement} */ (byId('life-delete-cancel'));
const deleteConfirm = /** @type {HTMLButtonElement} */ (byId('life-delete-confirm'));

/** @type {{id: string, name: string, description?: string, level?: string, hasJourney?: boolean}[]} */
let templates = [];
/** the workshop language follows the page language until the facilitator picks one */
let workshopLangChosen = false;
workshopLang.value = lang();
workshopLang.addEventListener('change', () => {
  workshopLangChosen = true;
});
/** @type {any[] | null} */
let workshops = null;
/** @type {any} */
let lastCreated = null;

initPage(() => {
  if (!workshopLangChosen) workshopLang.value = lang();
  render();
  loadTemplates();
});
render();

function login() {
  return getFacilitator();
}

/** Drops the stored token and shows the login form again (401). */
function sessionEnded() {
  remove(KEYS.facilitator);
  workshops = null;
  lastCreated = null;
  showMessage(notice, t('session.expired'));
  render();
  loginUser.focus();
}

function render() {
  const f = login();
  loginSection.hidden = !!f;
  area.hidden = !f;
  if (!f) return;
  loggedInAs.textContent = t('fac.loggedInAs', { username: f.username });
  renderTemplates();
  renderCreated();
  renderList();
}

function renderTemplates() {
  const previous = templateSelect.value;
  templateSelect.replaceChildren();
  const options = templates.length ? templates : [{ id: 'blank', name: t('templates.blank'), description: '' }];
  // grouped by the level of the house of client participation, with the level's name as the group label
  for (const group of groupByLevel(options)) {
    const optgroup = el('optgroup');
    optgroup.label = t('template.level.' + group.level);
    for (const tpl of group.templates) {
      const option = el('option', { text: tpl.name || tpl.id });
      option.value = tpl.id;
      optgroup.append(option);
    }
    templateSelect.append(optgroup);
  }
  if (previous && options.some((o) => o.id === previous)) templateSelect.value = previous;
  else if (options.some((o) => o.id === 'blank')) templateSelect.value = 'blank';
  describeTemplate();
}

function describeTemplate() {
  const tpl = templates.find((x) => x.id === templateSelect.value);
  const parts = [];
  if (tpl && tpl.description) parts.push(tpl.description);
  if (tpl && tpl.level) parts.push(t('template.levelLine', { level: t('template.level.' + (tpl.level || 'any')) }));
  if (tpl && tpl.hasJourney) parts.push(t('template.hasJourney'));
  templateDescription.textContent = parts.join(' ');
  templateDownload.hidden = !tpl;
  if (tpl) {
    templateDownload.href = '/api/templates/' + encodeURIComponent(tpl.id);
    templateDownload.setAttribute('download', tpl.id + '.json');
    templateDownload.textContent = t('template.download');
    templateDownload.setAttribute('aria-label', t('template.downloadLabel', { name: tpl.name || tpl.id }));
  }
}
templateSelect.addEventListener('change', describeTemplate);

async function loadTemplates() {
  try {
    const res = await api('/api/templates?lang=' + encodeURIComponent(lang()));
    templates = Array.isArray(res?.templates) ? res.templates : [];
    renderTemplates();
  } catch {
    templates = [];
    renderTemplates();
    templateDescription.textContent = t('templates.failed');
  }
}

/**
 * @param {string} joinCode
 * @param {string} [serverUrl] joinUrl from the server, if it gave one
 */
function joinUrlFor(joinCode, serverUrl) {
  if (serverUrl) {
    try {
      return new URL(String(serverUrl), location.href).href;
    } catch {
      /* fall through to our own link */
    }
  }
  return new URL('index.html?code=' + encodeURIComponent(joinCode), location.href).href;
}

function renderCreated() {
  created.hidden = !lastCreated;
  if (!lastCreated) return;
  createdCode.textContent = lastCreated.joinCode;
  const url = joinUrlFor(lastCreated.joinCode, lastCreated.joinUrl);
  createdLink.href = url;
  createdLink.textContent = url;
  createdOpen.href = 'board.html?w=' + encodeURIComponent(lastCreated.id);
  createdPresent.href = 'presenter.html?w=' + encodeURIComponent(lastCreated.id);
}

/** @type {{workshop: any, opener: HTMLElement | null} | null} the workshop the delete dialog is about */
let deleting = null;

/** @param {string} text said by screen readers (and shown) after an action */
function announce(text) {
  announceEl.textContent = text;
}

/** The workshops shown: the server's list for the filter, narrowed by the search as one types. */
function shownWorkshops() {
  const q = searchInput.value.trim().toLocaleLowerCase();
  return (workshops || []).filter((w) => !q || String(w.title).toLocaleLowerCase().includes(q));
}

function renderList() {
  list.replaceChildren();
  if (workshops === null) {
    listStatus.textContent = t('list.loading');
    return;
  }
  const shown = shownWorkshops();
  if (!workshops.length)
    listStatus.textContent = t(filterSelect.value === 'archived' ? 'life.noArchived' : 'list.empty');
  else if (!shown.length) listStatus.textContent = t('life.noMatches');
  else listStatus.textContent = searchInput.value.trim() ? t('life.shown', { count: String(shown.length) }) : '';
  for (const w of shown) list.append(workshopItem(w));
}

/** @param {any} w */
function workshopItem(w) {
  const li = el('li', { className: 'workshop life-workshop' });
  li.dataset.workshopId = w.id;
  const head = el('div', { className: 'life-head' });
  const title = el('h3', { className: 'workshop-title', text: w.title });
  const state = typeof w.state === 'string' ? w.state : 'upcoming';
  const badge = el('span', { className: 'life-badge life-badge-' + state });
  badge.append(
    el('span', { className: 'visually-hidden', text: t('life.stateLabel') + ' ' }),
    t('life.state.' + state),
  );
  head.append(title, badge);
  const codeLine = el('p', { className: 'workshop-code' });
  codeLine.append(el('span', { text: t('list.code') + ' ' }), el('span', { className: 'join-code', text: w.joinCode }));
  const meta = el('p', { className: 'hint life-meta' });
  const parts = [];
  if (w.createdAt) parts.push(t('list.created', { date: formatDate(w.createdAt) }));
  if (w.closedAt) parts.push(t('life.closedOn', { date: formatDate(w.closedAt) }));
  const kept = retentionInfo(w, retention);
  if (kept) parts.push(retentionText(kept, t, formatDate, true));
  parts.push(t('life.people', { count: String(w.participantCount ?? 0) }));
  meta.textContent = parts.join(' · ');

  const actions = el('div', {
    className: 'life-actions',
    attrs: { role: 'group', 'aria-label': t('life.actions', { title: w.title }) },
  });
  const open = el('a', { className: 'open-board button-link primary', text: t('list.open') });
  open.href = 'board.html?w=' + encodeURIComponent(w.id);
  open.setAttribute('aria-label', t('list.openLabel', { title: w.title }));
  actions.append(open);
  if (state !== 'closed' && state !== 'archived') {
    const present = el('a', { className: 'button-link', text: t('life.present') });
    present.href = 'presenter.html?w=' + encodeURIComponent(w.id);
    present.setAttribute('aria-label', t('life.presentLabel', { title: w.title }));
    actions.append(present);
  }
  actions.append(action(w, 'duplicate', 'life.duplicate', 'life.duplicateLabel'));
  if (state === 'archived') actions.append(action(w, 'unarchive', 'life.unarchive', 'life.unarchiveLabel'));
  else {
    actions.append(
      state === 'closed'
        ? action(w, 'reopen', 'life.reopen', 'life.reopenLabel')
        : action(w, 'close', 'life.close', 'life.closeLabel'),
    );
    actions.append(action(w, 'archive', 'life.archive', 'life.archiveLabel'));
  }
  const del = action(w, 'delete', 'life.delete', 'life.deleteLabel');
  del.classList.add('danger');
  actions.append(del);
  li.append(head, codeLine, meta, actions);
  li.append(
    saveTemplateControl(w, {
      token: () => login()?.token || null,
      onSaved: () => loadTemplates(),
      onSessionEnded: sessionEnded,
    }),
  );
  return li;
}

/**
 * A button of a workshop's actions. Its visible text is the start of its accessible name (WCAG 2.5.3).
 * @param {any} w
 * @param {string} act
 * @param {string} textKey
 * @param {string} labelKey
 */
function action(w, act, textKey, labelKey) {
  const b = el('button', { className: 'secondary life-action', text: t(textKey) });
  b.type = 'button';
  b.dataset.action = act;
  b.setAttribute('aria-label', t(labelKey, { title: w.title }));
  b.addEventListener('click', () => (act === 'delete' ? openDelete(w, b) : run(w, act)));
  return b;
}

/**
 * Runs an action on the server, then shows the list again with focus on something that is still there.
 * @param {any} w
 * @param {string} act
 */
async function run(w, act) {
  const f = login();
  if (!f) return sessionEnded();
  try {
    const body = act === 'duplicate' ? { title: t('life.copyTitle', { title: w.title }).slice(0, 200) } : undefined;
    const res = await api('/api/workshops/' + encodeURIComponent(w.id) + '/' + act, {
      method: 'POST',
      token: f.token,
      body,
    });
    const done = {
      duplicate: t('life.duplicated', { title: res?.title || w.title }),
      close: t('life.closedDone', { title: w.title }),
      reopen: t('life.reopened', { title: w.title }),
      archive: t('life.archived', { title: w.title }),
      unarchive: t('life.unarchived', { title: w.title }),
    }[act];
    await loadWorkshops();
    announce(done || '');
    focusAfter(act === 'duplicate' ? res?.id : w.id, act);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return sessionEnded();
    announce(tError(err instanceof ApiError ? err.code : 'unexpected'));
  }
}

/**
 * Focus after the list was drawn again: the workshop's first action if it is still listed (its title for a copy),
 * else the search field, never the page's body.
 * @param {string | undefined} id
 * @param {string} act
 */
function focusAfter(id, act) {
  const item = id ? list.querySelector(`li[data-workshop-id="${CSS.escape(id)}"]`) : null;
  const target =
    item &&
    /** @type {HTMLElement | null} */ (item.querySelector(act === 'duplicate' ? '.open-board' : '.life-action'));
  (target || searchInput).focus();
}

/**
 * @param {any} w
 * @param {HTMLElement} opener
 */
function openDelete(w, opener) {
  deleting = { workshop: w, opener };
  deleteHelp.textContent = t('life.delete.help', { title: w.title });
  deleteName.value = '';
  deleteTemplates.checked = false;
  showMessage(deleteError, '');
  deleteDialog.showModal();
  deleteName.focus();
}

function closeDelete() {
  const opener = deleting?.opener;
  deleting = null;
  if (deleteDialog.open) deleteDialog.close();
  if (opener && opener.isConnected) opener.focus();
  else searchInput.focus();
}

deleteCancel.addEventListener('click', closeDelete);
deleteDialog.addEventListener('cancel', (e) => {
  e.preventDefault();
  closeDelete();
});
deleteForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = login();
  if (!f || !deleting) return;
  const w = deleting.workshop;
  if (deleteName.value.trim() !== String(w.title).trim()) {
    showMessage(deleteError, t('life.delete.mismatch'));
    deleteName.focus();
    return;
  }
  deleteConfirm.disabled = true;
  try {
    await api('/api/workshops/' + encodeURIComponent(w.id), {
      method: 'DELETE',
      token: f.token,
      body: { confirm: deleteName.value, templates: deleteTemplates.checked },
    });
    deleting = null;
    deleteDialog.close();
    await loadWorkshops();
    if (deleteTemplates.checked) loadTemplates();
    announce(t('life.deleted', { title: w.title }));
    searchInput.focus();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      deleteDialog.close();
      return sessionEnded();
    }
    showMessage(deleteError, tError(err instanceof ApiError ? err.code : 'unexpected'));
    deleteName.focus();
  } finally {
    deleteConfirm.disabled = false;
  }
});

searchInput.addEventListener('input', () => renderList());
filterSelect.addEventListener('change', () => loadWorkshops());

/** @type {import('./lib/retention.js').RetentionConfig} when closed workshops' pseudonyms are erased */
let retention = { retentionDays: null, deleteAfterDays: null };
api('/api/config').then(
  (c) => {
    applyLimits(c, document);
    retention = retentionConfig(c);
    if (workshops) renderList();
  },
  () => {},
);

async function loadWorkshops() {
  const f = login();
  if (!f) return;
  workshops = null;
  renderList();
  try {
    const query = filterSelect.value === 'archived' ? '?archived=true' : '';
    const res = await api('/api/workshops' + query, { token: f.token });
    workshops = Array.isArray(res?.workshops) ? res.workshops : [];
    renderList();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return sessionEnded();
    workshops = [];
    renderList();
    listStatus.textContent = tError(err instanceof ApiError ? err.code : 'unexpected');
  }
}

loginForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const username = loginUser.value.trim();
  const password = loginPass.value;
  if (!username || !password) {
    showMessage(loginError, tError('bad_credentials'));
    (username ? loginPass : loginUser).focus();
    return;
  }
  loginSubmit.disabled = true;
  loginSubmit.textContent = t('login.busy');
  showMessage(loginError, '');
  try {
    const res = await api('/api/login', { method: 'POST', body: { username, password } });
    writeJson(KEYS.facilitator, { token: res.token, username: res.username || username });
    loginPass.value = '';
    showMessage(notice, '');
    render();
    loadWorkshops();
    titleInput.focus();
  } catch (err) {
    showMessage(loginError, tError(err instanceof ApiError ? err.code : 'unexpected'));
    loginPass.focus();
  } finally {
    loginSubmit.disabled = false;
    loginSubmit.textContent = t('login.submit');
  }
});

logoutButton.addEventListener('click', async () => {
  const f = login();
  remove(KEYS.facilitator);
  workshops = null;
  lastCreated = null;
  render();
  loginUser.focus();
  if (f) {
    try {
      await api('/api/logout', { method: 'POST', token: f.token });
    } catch {
      /* the token is forgotten locally anyway */
    }
  }
});

createForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = login();
  if (!f) return sessionEnded();
  const title = titleInput.value.trim();
  if (!title) {
    showMessage(createError, tError('invalid_title'));
    titleInput.focus();
    return;
  }
  createSubmit.disabled = true;
  createSubmit.textContent = t('create.busy');
  showMessage(createError, '');
  try {
    /** @type {Record<string, string>} */
    const body = { title };
    if (templateSelect.value) body.template = templateSelect.value;
    if (['fi', 'sv', 'en'].includes(workshopLang.value)) body.lang = workshopLang.value;
    lastCreated = await api('/api/workshops', { method: 'POST', token: f.token, body });
    titleInput.value = '';
    renderCreated();
    created.focus();
    loadWorkshops();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return sessionEnded();
    showMessage(createError, tError(err instanceof ApiError ? err.code : 'unexpected'));
  } finally {
    createSubmit.disabled = false;
    createSubmit.textContent = t('create.submit');
  }
});

setupImport({ token: () => login()?.token || null, onImported: () => loadWorkshops(), onUnauthorized: sessionEnded });
loadTemplates();
if (login()) loadWorkshops();
