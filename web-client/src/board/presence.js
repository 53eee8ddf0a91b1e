// Who is here: the header's presence button (initials, count, raised hands; opens the People tab) and the
// participants list with ready and raised-hand flags.
import { t, byId, el, lang } from '../lib/page.js';
import { ROLES } from '../lib/board-model.js';
import { model, me, announce } from './context.js';
import { openDrawer } from './drawer.js';

const participantsEl = byId('participants');
const presenceOpen = /** @type {HTMLButtonElement} */ (byId('presence-open'));
const peopleOnline = byId('people-online');

/**
 * One or two letters for a name: "Anna Niemi" -> "AN", "pekka" -> "PE".
 * @param {string} name
 */
export function initials(name) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const letters =
    words.length > 1
      ? [words[0], words[words.length - 1]].map((w) => Array.from(w)[0])
      : Array.from(words[0]).slice(0, 2);
  return letters.join('').toUpperCase();
}

/** The raised-hand icon of the strip's button (an SVG: no emoji font needed). */
function handIcon() {
  const icon = /** @type {Element} */ (byId('toggle-hand').querySelector('svg')).cloneNode(true);
  return /** @type {SVGElement} */ (icon);
}

presenceOpen.addEventListener('click', () => openDrawer('people', presenceOpen));

function renderPresenceButton() {
  const list = model.onlineParticipants();
  const hands = list.filter((p) => model.hands.has(p.id)).length;
  const sig = JSON.stringify([lang(), list.map((p) => [p.id, p.name, model.hands.has(p.id)])]);
  if (presenceOpen.dataset.signature === sig) return;
  presenceOpen.dataset.signature = sig;
  // people with a raised hand first, so they show among the initials
  const shown = list
    .slice()
    .sort((a, b) => Number(model.hands.has(b.id)) - Number(model.hands.has(a.id)))
    .slice(0, 3);
  const faces = el('span', { className: 'presence-initials', attrs: { 'aria-hidden': 'true' } });
  for (const p of shown) {
    const face = el('span', { className: 'presence-initial', text: initials(p.name || '?') });
    face.classList.toggle('has-hand', model.hands.has(p.id));
    faces.append(face);
  }
  const parts = [
    faces,
    el('span', { className: 'presence-count', text: t('layout.people.count', { count: list.length }) }),
  ];
  if (hands) {
    const h = el('span', { className: 'presence-hands' });
    h.append(
      handIcon(),
      el('span', { text: String(hands) }),
      el('span', { className: 'visually-hidden', text: ' ' + t('layout.people.hands') }),
    );
    parts.push(h);
  }
  presenceOpen.replaceChildren(...parts);
}

/** @param {import('../lib/board-model.js').Participant} p */
export function participantText(p) {
  const name = p.name || t('note.unknownAuthor');
  if (p.id === me()) return t('participants.you', { name });
  if (p.role && p.role !== 'participant' && ROLES.includes(p.role))
    return t('participants.withRole', { name, role: t('role.' + p.role) });
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
    f.append(
      el('span', { text: '✓', attrs: { 'aria-hidden': 'true' } }),
      el('span', { className: 'visually-hidden', text: ', ' + t('participants.ready') }),
    );
    li.append(' ', f);
  }
  if (model.hands.has(id)) {
    const f = el('span', { className: 'flag flag-hand' });
    f.append(
      el('span', { text: '✋', attrs: { 'aria-hidden': 'true' } }),
      el('span', { className: 'visually-hidden', text: ', ' + t('participants.hand') }),
    );
    li.append(' ', f);
  }
}

export function renderParticipants() {
  renderPresenceButton();
  // a facilitator has the fuller list in the same tab (roles, hands, removal; on a closed board download and erase)
  peopleOnline.hidden = model.isFacilitator;
  const list = model.onlineParticipants();
  const sig = JSON.stringify([
    lang(),
    list.map((p) => [p.id, p.name, p.role, model.ready.has(p.id), model.hands.has(p.id)]),
  ]);
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
    for (const id of model.hands)
      if (!knownHands.has(id) && id !== me())
        announce(t('announce.hand', { name: model.participantName(id) || t('note.unknownAuthor') }));
  }
  knownHands = new Set(model.hands);
}
