// Who is here: the participants list with ready and raised-hand flags.
import { t, byId, el, lang } from '../lib/page.js';
import { ROLES } from '../lib/board-model.js';
import { model, me, announce } from './context.js';

const participantsEl = byId('participants');

/** @param {import('../lib/board-model.js').Participant} p */
export function participantText(p) {
  const name = p.name || t('note.unknownAuthor');
  if (p.id === me()) return t('participants.you', { name });
  if (p.role && p.role !== 'participant' && ROLES.includes(p.role)) return t('participants.withRole', { name, role: t('role.' + p.role) });
  return name;
}

/**
 * ✓ and ✋ with words for screen readers.
 * @param {HTMLElement} li
 * @param {string} id
 */
export function appendFlags(li, id) {
  if (model.ready.has(id)) {
    const f = el('span', { className: 'flag flag-ready' });
    f.append(el('span', { text: '✓', attrs: { 'aria-hidden': 'true' } }), el('span', { className: 'visually-hidden', text: ', ' + t('participants.ready') }));
    li.append(' ', f);
  }
  if (model.hands.has(id)) {
    const f = el('span', { className: 'flag flag-hand' });
    f.append(el('span', { text: '✋', attrs: { 'aria-hidden': 'true' } }), el('span', { className: 'visually-hidden', text: ', ' + t('participants.hand') }));
    li.append(' ', f);
  }
}

export function renderParticipants() {
  const list = model.onlineParticipants();
  const sig = JSON.stringify([lang(), list.map((p) => [p.id, p.name, p.role, model.ready.has(p.id), model.hands.has(p.id)])]);
  if (participantsEl.dataset.signature === sig) return;
  participantsEl.dataset.signature = sig;
  participantsEl.replaceChildren();
  for (const p of list) {
    const li = el('li');
    li.append(el('span', { className: 'participant-name', text: participantText(p) }));
    appendFlags(li, p.id);
    if (p.id === me()) li.className = 'is-you';
    participantsEl.append(li);
  }
}

/** @type {Set<string>} */
let knownHands = new Set();
/** Facilitators hear when someone raises a hand. */
export function announceHands() {
  if (model.isFacilitator) {
    for (const id of model.hands) if (!knownHands.has(id) && id !== me()) announce(t('announce.hand', { name: model.participantName(id) || t('note.unknownAuthor') }));
  }
  knownHands = new Set(model.hands);
}
