// Landing page: join a workshop with a code and a name, or continue an earlier visit from this browser.
import { initPage, t, tError, byId, showMessage } from './lib/page.js';
import { api, ApiError } from './lib/api.js';
import { writeJson, deviceId, KEYS } from './lib/storage.js';
import { randomId } from './lib/ids.js';
import { candidates, forget, normaliseCode, storedMemberships } from './lib/rejoin.js';
import { applyLimits } from './lib/limits.js';

const form = /** @type {HTMLFormElement} */ (byId('join-form'));
const codeInput = /** @type {HTMLInputElement} */ (byId('join-code'));
const nameInput = /** @type {HTMLInputElement} */ (byId('join-name'));
const submit = /** @type {HTMLButtonElement} */ (byId('join-submit'));
const errorBox = byId('join-error');
const noticeBox = byId('rejoin-notice');
const joinCard = byId('join-card');
const rejoinCard = byId('rejoin');
const rejoinText = byId('rejoin-text');
// The name field's maxlength from the server's limits; the page's own number holds until then.
api('/api/config').then(
  (c) => applyLimits(c, document),
  () => {},
);
const continueButton = /** @type {HTMLButtonElement} */ (byId('rejoin-continue'));
const otherButton = /** @type {HTMLButtonElement} */ (byId('rejoin-other'));

/**
 * The earlier visit this browser may continue, once the server said so.
 * @type {{membership: import('./lib/rejoin.js').StoredMembership, name: string, code: string} | null}
 */
let earlier = null;
/** The code (normalised) for which the person chose to join as someone else: not offered again. */
let declinedCode = '';
/** The code (normalised) already asked about. */
let checkedCode = '';

initPage(() => renderRejoin());

/** Refusals that are about the name, not the code. */
const NAME_ERRORS = new Set(['invalid_name', 'name_taken', 'name_reserved']);

function renderRejoin() {
  if (!earlier) return;
  rejoinText.textContent = t('rejoin.text', { name: earlier.name });
  continueButton.textContent = t('rejoin.continue', { name: earlier.name });
}

/** @param {boolean} show the choice "continue / join as someone else" instead of the form */
function showChoice(show) {
  rejoinCard.hidden = !show;
  joinCard.hidden = show;
}

/**
 * Asks the server whether one of this browser's memberships may continue in the workshop of this code
 * (POST /api/join/continue). Memberships the server no longer continues are forgotten; if the one joined with this
 * very code was among them, a notice says so.
 * @param {string} typedCode
 * @returns {Promise<boolean>} whether an earlier visit can be continued
 */
async function findEarlierVisit(typedCode) {
  const code = normaliseCode(typedCode);
  checkedCode = code;
  earlier = null;
  if (!code || code === declinedCode) return false;
  const device = deviceId(randomId);
  for (const m of candidates(storedMemberships(), code)) {
    try {
      const res = await api('/api/join/continue', { method: 'POST', token: m.token, body: { code, deviceId: device } });
      earlier = { membership: { ...m, name: res.name, participantId: res.participantId }, name: res.name, code };
      renderRejoin();
      return true;
    } catch (err) {
      const errCode = err instanceof ApiError ? err.code : 'unexpected';
      if (errCode === 'other_workshop') continue;
      if (errCode === 'session_ended' || errCode === 'device_barred' || errCode === 'workshop_closed') {
        forget(m);
        if (m.code === code) {
          showMessage(noticeBox, errCode === 'session_ended' ? t('rejoin.ended', { name: m.name }) : tError(errCode));
        }
        continue;
      }
      // A wrong code, a limit or the network: join as usual, the join says what is wrong.
      return false;
    }
  }
  return false;
}

continueButton.addEventListener('click', () => {
  if (!earlier) return;
  const m = earlier.membership;
  writeJson(m.key, {
    token: m.token,
    participantId: m.participantId,
    name: earlier.name,
    workshopId: m.workshopId,
    code: earlier.code,
    joinedAt: Date.now(),
  });
  location.href = 'board.html?w=' + encodeURIComponent(m.workshopId);
});

otherButton.addEventListener('click', () => {
  declinedCode = earlier ? earlier.code : '';
  showChoice(false);
  nameInput.focus();
});

const codeParam = new URLSearchParams(location.search).get('code');
if (codeParam) {
  codeInput.value = codeParam.slice(0, 32);
  // The join link again: is this browser in that workshop already? Until the answer the form stays as it is.
  (storedMemberships().length > 0 ? findEarlierVisit(codeInput.value) : Promise.resolve(false)).then((found) => {
    if (found) {
      showChoice(true);
      continueButton.focus();
    } else {
      nameInput.focus();
    }
  });
}

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
    // A code typed here (not from a link) may be a workshop this browser is in already.
    if (normaliseCode(code) !== checkedCode && storedMemberships().length > 0 && (await findEarlierVisit(code))) {
      showChoice(true);
      continueButton.focus();
      return;
    }
    const previous = earlier && earlier.code === normaliseCode(code) ? earlier.membership : null;
    const res = await api('/api/join', { method: 'POST', body: { code, name, deviceId: deviceId(randomId) } });
    const member = {
      token: res.token,
      participantId: res.participantId,
      name: res.name,
      workshopId: res.workshopId,
      code: normaliseCode(code),
      joinedAt: Date.now(),
    };
    writeJson(KEYS.member(res.workshopId), member);
    if (previous && previous.token !== res.token) {
      // Joined as someone else: the earlier participant stays on the board (offline, with their notes); its token,
      // which this browser no longer keeps, is ended.
      await api('/api/logout', { method: 'POST', token: previous.token }).catch(() => undefined);
    }
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
