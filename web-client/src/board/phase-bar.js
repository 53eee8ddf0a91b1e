// The strip over the board: "Vaihe 2/5 · title", the instructions on one line (expandable), the timer (its end shown,
// spoken once and chimed), ready / raise-hand buttons, the banners (private, locked, follow) as thin lines under it,
// and following the facilitator's view.
import { t, byId } from '../lib/page.js';
import { timerRemaining, formatClock, timerAnnouncement, panFor, clampZoom } from '../lib/facilitation.js';
import { model, state, me, command, announce, canvasSize, pan, camera, renderNow } from './context.js';
import { isLeading, applyPan, follow } from './canvas-view.js';
import { renderParticipants } from './presence.js';
import { renderVoteStatus } from './vote-panel.js';
import { playChime } from './chime.js';

const phaseStrip = byId('phase-bar');
const phaseInfo = byId('phase-info');
const phaseStepEl = byId('phase-step');
const phaseMore = /** @type {HTMLButtonElement} */ (byId('phase-more'));
const phaseMoreText = byId('phase-more-text');
const phaseTitleEl = byId('phase-title');
const phaseInstructionsEl = byId('phase-instructions');
const timerBox = byId('timer-box');
const timerEl = byId('timer');
const timerStateEl = byId('timer-state');
const toggleReady = /** @type {HTMLButtonElement} */ (byId('toggle-ready'));
const toggleHand = /** @type {HTMLButtonElement} */ (byId('toggle-hand'));
const bannerPrivate = byId('banner-private');
const bannerLocked = byId('banner-locked');
const bannerClosed = byId('banner-closed');
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
  const index = phase ? model.phases.findIndex((p) => p.id === phase.id) : -1;
  const step = index >= 0 ? t('layout.phase.step', { n: index + 1, count: model.phases.length }) : '';
  if (phaseStepEl.textContent !== step) phaseStepEl.textContent = step;
  renderPhaseMore();
}

let instructionsOpen = false;
/** "Whole instructions" appears when the one line cuts them (always on a phone, where the line is not shown). */
function renderPhaseMore() {
  const text = phaseInstructionsEl.textContent || '';
  if (!text) instructionsOpen = false;
  phaseStrip.classList.toggle('is-expanded', instructionsOpen);
  const cut = phaseInstructionsEl.scrollWidth > phaseInstructionsEl.clientWidth + 1;
  phaseMore.hidden = !text || (!instructionsOpen && !cut);
  phaseMore.setAttribute('aria-expanded', String(instructionsOpen));
  const label = t(instructionsOpen ? 'layout.instructions.less' : 'layout.instructions.more');
  if (phaseMoreText.textContent !== label) phaseMoreText.textContent = label;
}
phaseMore.addEventListener('click', () => {
  instructionsOpen = !instructionsOpen;
  renderPhaseMore();
});
addEventListener('resize', () => renderPhaseMore());

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
  const ended = timer.state === 'running' && remaining <= 0;
  timerBox.classList.toggle('is-low', timer.state === 'running' && remaining <= 60000 && !ended);
  timerBox.classList.toggle('is-ended', ended);
  phaseStrip.classList.toggle('is-time-up', ended);
  const stateText = timer.state === 'paused' ? t('timer.paused') : ended ? t('layout.timer.ended') : '';
  timerStateEl.hidden = !stateText;
  if (timerStateEl.textContent !== stateText) timerStateEl.textContent = stateText;
  if (timer.state === 'running') {
    const said = timerAnnouncement(lastRemaining, remaining);
    if (said) announce(t(said === 'end' ? 'timer.end' : 'timer.oneMinute'));
    // the end is shown (above), spoken once and chimed once, as it happens; a page opened later only shows it
    if (said === 'end') timerBox.dataset.chimed = String(playChime());
    lastRemaining = remaining;
  }
  renderVoteStatus();
}
setInterval(tick, 250);

export function renderBanners() {
  const s = model.settings;
  bannerPrivate.hidden = !s.privateMode;
  bannerPrivate.textContent = model.isFacilitator ? t('banner.privateFacilitator') : t('banner.private');
  bannerClosed.hidden = !model.closedAt;
  bannerClosed.textContent = model.isFacilitator ? t('life.banner.closedFacilitator') : t('life.banner.closed');
  document.body.classList.toggle('life-closed', !!model.closedAt);
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
  // a closed workshop has no more rounds to be ready for or questions to raise a hand to
  toggleReady.hidden = toggleHand.hidden = model.isClosed;
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
