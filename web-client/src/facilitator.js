// Facilitator page: log in, create workshops, list own workshops.
import { initPage, t, tError, byId, showMessage, el, formatDate, lang } from './lib/page.js';
import { api, ApiError } from './lib/api.js';
import { writeJson, remove, getFacilitator, KEYS } from './lib/storage.js';
import { groupByLevel } from './lib/templates.js';
import { saveTemplateControl } from './template-save.js';
import { setupImport } from './workshop-import.js';

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
}

function renderList() {
  list.replaceChildren();
  if (workshops === null) {
    listStatus.textContent = t('list.loading');
    return;
  }
  listStatus.textContent = workshops.length ? '' : t('list.empty');
  for (const w of workshops) {
    const li = el('li', { className: 'workshop' });
    const title = el('h3', { className: 'workshop-title', text: w.title });
    const codeLine = el('p', { className: 'workshop-code' });
    codeLine.append(el('span', { text: t('list.code') + ' ' }), el('span', { className: 'join-code', text: w.joinCode }));
    const meta = el('p', { className: 'hint', text: w.createdAt ? t('list.created', { date: formatDate(w.createdAt) }) : '' });
    const open = el('a', { className: 'open-board button-link', text: t('list.open') });
    open.href = 'board.html?w=' + encodeURIComponent(w.id);
    open.setAttribute('aria-label', t('list.openLabel', { title: w.title }));
    li.append(title, codeLine, meta, open);
    li.append(saveTemplateControl(w, { token: () => login()?.token || null, onSaved: () => loadTemplates(), onSessionEnded: sessionEnded }));
    list.append(li);
  }
}

async function loadWorkshops() {
  const f = login();
  if (!f) return;
  workshops = null;
  renderList();
  try {
    const res = await api('/api/workshops', { token: f.token });
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
