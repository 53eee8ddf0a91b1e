// The people's side of erasure (PROTOCOL.md, "Retention and data-subject requests"): a participant deletes their
// notes and leaves (Help drawer, "Your data"); a facilitator downloads one person's data and erases a person
// (People tab); facilitators see when a closed workshop's pseudonyms were or will be erased (a banner).
import { t, tError, byId, el, showMessage, formatDate, button } from '../lib/page.js';
import { api, ApiError } from '../lib/api.js';
import { remove, KEYS } from '../lib/storage.js';
import { retentionInfo, retentionConfig, retentionText } from '../lib/retention.js';
import { model, me, workshopId, token, announce, showFatal, session } from './context.js';

const youSection = byId('privacy-you');
const leaveOpen = /** @type {HTMLButtonElement} */ (byId('privacy-leave'));
const leaveDialog = /** @type {HTMLDialogElement} */ (byId('privacy-leave-dialog'));
const leaveConfirm = /** @type {HTMLButtonElement} */ (byId('privacy-leave-confirm'));
const leaveCancel = /** @type {HTMLButtonElement} */ (byId('privacy-leave-cancel'));
const leaveError = byId('privacy-leave-error');
const eraseDialog = /** @type {HTMLDialogElement} */ (byId('privacy-erase-dialog'));
const eraseHeading = byId('privacy-erase-heading');
const eraseName = byId('privacy-erase-name');
const eraseConfirm = /** @type {HTMLButtonElement} */ (byId('privacy-erase-confirm'));
const eraseCancel = /** @type {HTMLButtonElement} */ (byId('privacy-erase-cancel'));
const eraseError = byId('privacy-erase-error');
const bannerRetention = byId('banner-retention');
// the People tab's list of people for facilitators: shown on a closed board too (requests come after the end)
const facPeople = byId('fac-people');
const messageText = byId('board-message-text');

/** @type {import('../lib/retention.js').RetentionConfig} from GET /api/config */
let retention = { retentionDays: null, deleteAfterDays: null };

/** @param {any} c the /api/config answer */
export function setRetentionConfig(c) {
  retention = retentionConfig(c);
}

const base = () => '/api/workshops/' + encodeURIComponent(workshopId);

/** @param {unknown} err */
function errorText(err) {
  return tError(err instanceof ApiError ? err.code : 'network_error');
}

// ---- a participant deletes their notes and leaves ---------------------------------------------------------
export function renderPrivacy() {
  // everyone but the workshop's facilitator (its owner, who cannot leave their own workshop)
  youSection.hidden = !model.you || model.you.role === 'facilitator';
  facPeople.hidden = !model.isFacilitator;
  const info = model.isFacilitator ? retentionInfo(model, retention) : null;
  bannerRetention.hidden = !info;
  const text = info ? retentionText(info, t, formatDate) : '';
  if (bannerRetention.textContent !== text) bannerRetention.textContent = text;
  if (erasing) eraseTexts(erasing.name);
}

/** The erase dialog's sentences that name the person (again after a change of language). @param {string} name */
function eraseTexts(name) {
  eraseHeading.textContent = t('privacy.erase.heading', { name });
  eraseName.textContent = t('privacy.erase.name', { name });
}

/**
 * @param {HTMLDialogElement} dialog
 * @param {HTMLElement | null} opener
 */
function closeDialog(dialog, opener) {
  if (dialog.open) dialog.close();
  if (opener && opener.isConnected) opener.focus();
}

leaveOpen.addEventListener('click', () => {
  showMessage(leaveError, '');
  leaveConfirm.disabled = false;
  leaveConfirm.textContent = t('privacy.leave.confirm');
  leaveDialog.showModal();
  // the safe choice first: Enter on an open dialog must not delete anything
  leaveCancel.focus();
});
leaveCancel.addEventListener('click', () => closeDialog(leaveDialog, leaveOpen));
leaveDialog.addEventListener('cancel', (e) => {
  e.preventDefault();
  if (!leaveConfirm.disabled) closeDialog(leaveDialog, leaveOpen);
});
leaveConfirm.addEventListener('click', async () => {
  leaveConfirm.disabled = true;
  leaveConfirm.textContent = t('privacy.working');
  try {
    await api(base() + '/leave', { method: 'POST', body: {}, token });
  } catch (err) {
    leaveConfirm.disabled = false;
    leaveConfirm.textContent = t('privacy.leave.confirm');
    showMessage(leaveError, errorText(err));
    leaveConfirm.focus();
    return;
  }
  // nothing of this membership is worth keeping in the browser: its token and unsent notes
  remove(KEYS.member(workshopId));
  remove(KEYS.outbox(workshopId));
  if (leaveDialog.open) leaveDialog.close();
  showFatal(t('privacy.leave.done'));
  messageText.tabIndex = -1;
  messageText.focus();
});

// ---- a facilitator: per person, download their data or erase them ----------------------------------------
/**
 * The two buttons of a person in the People tab (not for facilitators; the server refuses the owner anyway).
 * @param {import('../lib/board-model.js').Participant} p
 * @param {string} name
 * @param {HTMLElement} errorEl
 * @returns {HTMLElement[]}
 */
export function personActions(p, name, errorEl) {
  if (p.role === 'facilitator' || p.id === me()) return [];
  const download = button(t('privacy.export.button'), 'small secondary', 'export-person');
  download.setAttribute('aria-label', t('privacy.export.label', { name }));
  download.addEventListener('click', () => exportPerson(p.id, download, errorEl));
  const erase = button(t('privacy.erase.button'), 'small secondary privacy-danger', 'erase-person');
  erase.setAttribute('aria-label', t('privacy.erase.label', { name }));
  erase.addEventListener('click', () => openErase(p.id, name, erase));
  return [download, erase];
}

/**
 * Fetches the file with the token in a header (never in the address) and saves it.
 * @param {string} pid
 * @param {HTMLButtonElement} from
 * @param {HTMLElement} errorEl
 */
async function exportPerson(pid, from, errorEl) {
  from.disabled = true;
  try {
    const data = await api(base() + '/participants/' + encodeURIComponent(pid) + '/export', { token });
    const file = 'paja-' + pid + '.json';
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const a = el('a', { className: 'visually-hidden' });
    /** @type {HTMLAnchorElement} */ (a).href = url;
    /** @type {HTMLAnchorElement} */ (a).download = file;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    showMessage(errorEl, '');
    announce(t('privacy.export.done', { file }));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) session.handleSyncError(err);
    else showMessage(errorEl, errorText(err));
  } finally {
    from.disabled = false;
    from.focus();
  }
}

/** @type {{pid: string, name: string, opener: HTMLElement} | null} */
let erasing = null;

/**
 * @param {string} pid
 * @param {string} name
 * @param {HTMLElement} opener
 */
function openErase(pid, name, opener) {
  erasing = { pid, name, opener };
  eraseTexts(name);
  showMessage(eraseError, '');
  eraseConfirm.disabled = false;
  eraseConfirm.textContent = t('privacy.erase.confirm');
  eraseDialog.showModal();
  eraseCancel.focus();
}

function cancelErase() {
  const opener = erasing?.opener || null;
  erasing = null;
  closeDialog(eraseDialog, opener);
}

eraseCancel.addEventListener('click', cancelErase);
eraseDialog.addEventListener('cancel', (e) => {
  e.preventDefault();
  if (!eraseConfirm.disabled) cancelErase();
});
eraseConfirm.addEventListener('click', async () => {
  if (!erasing) return;
  const { pid, name } = erasing;
  eraseConfirm.disabled = true;
  eraseConfirm.textContent = t('privacy.working');
  try {
    await api(base() + '/participants/' + encodeURIComponent(pid) + '/erase', { method: 'POST', body: {}, token });
  } catch (err) {
    eraseConfirm.disabled = false;
    eraseConfirm.textContent = t('privacy.erase.confirm');
    if (err instanceof ApiError && err.status === 401) {
      eraseDialog.close();
      session.handleSyncError(err);
      return;
    }
    showMessage(eraseError, errorText(err));
    eraseConfirm.focus();
    return;
  }
  erasing = null;
  eraseDialog.close();
  // the person's row is gone: the focus goes to the list's heading, not to the page
  const heading = byId('fac-participants-heading');
  heading.tabIndex = -1;
  heading.focus();
  announce(t('privacy.erase.done', { name }));
});
