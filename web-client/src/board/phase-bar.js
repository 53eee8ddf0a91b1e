// The bar over the board: the current phase, the timer, ready / raise-hand buttons, the banners (private,
// locked, follow) and following the facilitator's view.
import { t, byId } from '../lib/page.js';
import { timerRemaining, formatClock, timerAnnouncement, panFor, clampZoom } from '../lib/facilitation.js';
import { model, state, me, command, announce, canvasSize, pan, camera, renderNow } from './context.js';
import { isLeading, applyPan, follow } from './canvas-view.js';
import { renderParticipants } from './presence.js';
import { renderVoteStatus } from './vote-panel.js';

const phaseInfo = byId('phase-info');
const phaseTitleEl = byId('phase-title');
const phaseInstructionsEl = byId('phase-instructions');
const timerBox = byId('timer-box');
const timerEl = byId('timer');
const timerStateEl = byId('timer-state');
const toggleReady = /** @type {HTMLButtonElement} */ (byId('toggle-ready'));
const toggleHand = /** @type {HTMLButtonElement} */ (byId('toggle-hand'));
const bannerPrivate = byId('banner-private');
const bannerLocked = byId('banner-locked');
const bannerFollow = byId('banner-follow');
const followText = byId('follow-text');
const stopFollowing = /** @type {HTMLButtonElement} */ (byId('stop-following'));
/** the local person chose not to follow the facilitator's view (until the follow ends) */
let followOptOut = false;
/** @type {string} the follow viewport last applied here */
let lastFollowKey = '';

export function renderPhaseBar() {
  const phase = model.currentPhase;
  phaseInfo.hidden = !phase;
  // set only on change, so the polite live region speaks once per phase change
  const title = phase ? phase.title : '';
  const instructions = phase ? phase.instructions : '';
  if (phaseTitleEl.textContent !== title) phaseTitleEl.textContent = title;
  if (phaseInstructionsEl.textContent !== instructions) phaseInstructionsEl.textContent = instructions;
  phaseInstructionsEl.hidden = !instructions;
}

/** @type {number | null} */
let lastRemaining = null;
let lastTimerKey = '';

/** Updates the clock (four times a second while a timer runs) and speaks at one minute left and at the end. */
export function tick() {
  if (!model.loaded || state.fatal) return;
  const timer = model.timer;
  const remaining = timerRemaining(timer, model.clockOffset);
  const key = JSON.stringify(timer);
  if (key !== lastTimerKey) {
    lastTimerKey = key;
    lastRemaining = timer.state === 'running' ? remaining : null;
  }
  timerBox.hidden = timer.state === 'stopped';
  const text = formatClock(remaining);
  if (timerEl.textContent !== text) timerEl.textContent = text;
  timerBox.classList.toggle('is-low', timer.state === 'running' && remaining <= 60000);
  timerStateEl.hidden = timer.state !== 'paused';
  timerStateEl.textContent = timer.state === 'paused' ? t('timer.paused') : '';
  if (timer.state === 'running') {
    const said = timerAnnouncement(lastRemaining, remaining);
    if (said) announce(t(said === 'end' ? 'timer.end' : 'timer.oneMinute'));
    lastRemaining = remaining;
  }
  renderVoteStatus();
}
setInterval(tick, 250);

export function renderBanners() {
  const s = model.settings;
  bannerPrivate.hidden = !s.privateMode;
  bannerPrivate.textContent = model.isFacilitator ? t('banner.privateFacilitator') : t('banner.private');
  bannerLocked.hidden = !s.locked;
  bannerLocked.textContent = model.isFacilitator ? t('banner.lockedFacilitator') : t('banner.locked');
  const f = model.view.follow;
  bannerFollow.hidden = !f;
  if (f) {
    if (isLeading()) {
      followText.textContent = t('banner.following');
      stopFollowing.hidden = true;
    } else {
      followText.textContent = t(followOptOut ? 'banner.followStopped' : 'banner.follow');
      stopFollowing.hidden = false;
      stopFollowing.textContent = t(followOptOut ? 'follow.again' : 'follow.stop');
    }
  }
}

stopFollowing.addEventListener('click', () => {
  followOptOut = !followOptOut;
  lastFollowKey = '';
  renderNow();
  stopFollowing.focus();
});

/** Pans and zooms to the facilitator's view, unless you lead or chose not to follow. */
export function applyFollow() {
  const f = model.view.follow;
  if (!f) {
    followOptOut = false;
    lastFollowKey = '';
    follow.startedHere = false;
    return;
  }
  if (isLeading() || followOptOut) return;
  const key = JSON.stringify([f.x, f.y, f.zoom]);
  if (key === lastFollowKey) return;
  lastFollowKey = key;
  camera.zoom = clampZoom(f.zoom || 1);
  const p = panFor({ x: f.x, y: f.y }, camera.zoom, canvasSize());
  pan.x = p.x;
  pan.y = p.y;
  applyPan();
}

export function renderPresenceButtons() {
  toggleReady.setAttribute('aria-pressed', String(model.ready.has(me())));
  toggleHand.setAttribute('aria-pressed', String(model.hands.has(me())));
}

toggleReady.addEventListener('click', () => {
  const next = !model.ready.has(me());
  if (next) model.ready.add(me());
  else model.ready.delete(me());
  renderPresenceButtons();
  renderParticipants();
  command({ op: 'presence.ready', ready: next });
});
toggleHand.addEventListener('click', () => {
  const next = !model.hands.has(me());
  if (next) model.hands.add(me());
  else model.hands.delete(me());
  renderPresenceButtons();
  renderParticipants();
  command({ op: 'presence.hand', raised: next });
});
