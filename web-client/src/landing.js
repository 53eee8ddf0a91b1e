// Landing page: join a workshop with a code and a name.
import { initPage, t, tError, byId, showMessage } from './lib/page.js';
import { api, ApiError } from './lib/api.js';
import { writeJson, deviceId, KEYS } from './lib/storage.js';
import { randomId } from './lib/ids.js';

initPage();

const form = /** @type {HTMLFormElement} */ (byId('join-form'));
const codeInput = /** @type {HTMLInputElement} */ (byId('join-code'));
const nameInput = /** @type {HTMLInputElement} */ (byId('join-name'));
const submit = /** @type {HTMLButtonElement} */ (byId('join-submit'));
const errorBox = byId('join-error');

const codeParam = new URLSearchParams(location.search).get('code');
if (codeParam) {
  codeInput.value = codeParam.slice(0, 32);
  nameInput.focus();
}

/** Refusals that are about the name, not the code. */
const NAME_ERRORS = new Set(['invalid_name', 'name_taken', 'name_reserved']);

let busy = false;
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  if (busy) return;
  const code = codeInput.value.trim();
  const name = nameInput.value.trim();
  if (!code || !name) {
    showMessage(errorBox, t('join.fill'));
    (code ? nameInput : codeInput).focus();
    return;
  }
  busy = true;
  submit.disabled = true;
  submit.textContent = t('join.busy');
  showMessage(errorBox, '');
  try {
    const res = await api('/api/join', { method: 'POST', body: { code, name, deviceId: deviceId(randomId) } });
    const member = { token: res.token, participantId: res.participantId, name: res.name, workshopId: res.workshopId };
    writeJson(KEYS.member(res.workshopId), member);
    location.href = 'board.html?w=' + encodeURIComponent(res.workshopId);
  } catch (err) {
    const code = err instanceof ApiError ? err.code : 'unexpected';
    showMessage(errorBox, tError(code));
    // A name refused (its form, or like another member's or a role): the name is what to change.
    (NAME_ERRORS.has(code) ? nameInput : codeInput).focus();
  } finally {
    busy = false;
    submit.disabled = false;
    submit.textContent = t('join.submit');
  }
});
