// The public "what happened to our ideas" page (outcomes.html?p=<publicId>): no login, no names. It loads
// GET /api/public/{publicId} and stays live by registering, without a token, on the address the JSON gives.
import EventBus from '@vertx/eventbus-bridge-client.js';
import { initPage, t, byId, showMessage, el, lang, formatDate } from './lib/page.js';
import { api, ApiError } from './lib/api.js';
import { sockJsOptionsFromSearch } from './lib/connection.js';
import { PublicFeed, groupOutcomes, isPublicId, publicChange } from './lib/outcomes-model.js';
import { retentionInfo, retentionConfig, retentionText } from './lib/retention.js';

/** @typedef {import('./lib/outcomes-model.js').Outcome} Outcome */

const workshopEl = byId('public-workshop');
const liveEl = byId('public-live');
const messageEl = byId('public-message');
const loadingEl = byId('public-loading');
const emptyEl = byId('public-empty');
const announcer = byId('public-announcer');
const groups = { decision: byId('public-decisions'), action: byId('public-actions') };
const lists = { decision: byId('public-decision-list'), action: byId('public-action-list') };

const retentionEl = byId('public-retention');
/** @type {import('./lib/retention.js').WorkshopDates} the workshop's closing and anonymising times */
let dates = {};
/** @type {import('./lib/retention.js').RetentionConfig} */
let retention = { retentionDays: null, deleteAfterDays: null };
api('/api/config').then(
  (c) => {
    retention = retentionConfig(c);
    render();
  },
  () => {},
);
const publicId = new URLSearchParams(location.search).get('p') || '';
const feed = new PublicFeed();
/** @type {'connecting' | 'online' | 'offline'} */
let liveState = 'connecting';
/** @type {string} the event-bus address from the JSON */
let address = '';
/** @type {any} */
let eb = null;
let fatal = false;
let retryDelay = 2000;
/** @type {ReturnType<typeof setTimeout> | null} */
let retryTimer = null;

/** @param {string} text */
function announce(text) {
  announcer.textContent = '';
  setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

/** @param {'connecting' | 'online' | 'offline'} state */
function setLive(state) {
  liveState = state;
  liveEl.dataset.state = state;
  liveEl.textContent = t('public.live.' + state);
}

/** @param {string} text */
function showFatal(text) {
  fatal = true;
  loadingEl.hidden = true;
  liveEl.hidden = true;
  showMessage(messageEl, text);
  try {
    eb?.close();
  } catch {
    /* closed already */
  }
}

/** @param {Outcome} o */
function item(o) {
  const li = el('li', { className: 'outcome public-outcome status-' + o.status });
  li.dataset.outcomeId = o.id;
  li.dataset.status = o.status;
  li.append(el('h3', { className: 'outcome-heading', text: o.title }));
  const status = el('p', { className: 'outcome-status-line' });
  status.append(
    el('span', {
      className: 'outcome-badge badge-' + o.status,
      text: t('outcome.statusLine', { status: t('outcome.status.' + o.status) }),
    }),
  );
  li.append(status);
  if (o.description) li.append(el('p', { className: 'outcome-description-text', text: o.description }));
  if (o.explanation)
    li.append(
      el('p', { className: 'outcome-explanation-text', text: t('public.explanation', { text: o.explanation }) }),
    );
  if (o.updatedAt)
    li.append(
      el('p', { className: 'hint outcome-updated', text: t('public.updated', { date: formatDate(o.updatedAt) }) }),
    );
  return li;
}

function render() {
  if (fatal) return;
  document.title = (feed.title ? feed.title + ' – ' : '') + t('public.page.title');
  workshopEl.hidden = !feed.title;
  workshopEl.textContent = feed.title ? t('public.workshop', { title: feed.title }) : '';
  if (!feed.loaded) return;
  loadingEl.hidden = true;
  const grouped = groupOutcomes(feed.outcomes.values());
  for (const kind of /** @type {const} */ (['decision', 'action'])) {
    groups[kind].hidden = grouped[kind].length === 0;
    const sig = JSON.stringify([lang(), grouped[kind]]);
    if (lists[kind].dataset.signature === sig) continue;
    lists[kind].dataset.signature = sig;
    lists[kind].replaceChildren(...grouped[kind].map(item));
  }
  emptyEl.hidden = feed.outcomes.size > 0;
  const info = retentionInfo(dates, retention);
  retentionEl.hidden = !info;
  retentionEl.textContent = info ? retentionText(info, t, formatDate) : '';
}

/**
 * Says politely what changed: a new item, a new status, a new explanation, or a removal.
 * @param {Outcome | null} before
 * @param {Outcome | null} after
 */
function say(before, after) {
  if (!after) {
    if (before) announce(t('public.announce.removed'));
    return;
  }
  const what = publicChange(before, after);
  if (what === 'new') announce(t('public.announce.new', { title: after.title }));
  else if (what === 'status') {
    const text = t('public.announce.status', { title: after.title, status: t('outcome.status.' + after.status) });
    announce(after.explanation ? text + ' ' + t('public.explanation', { text: after.explanation }) : text);
  } else if (what === 'explanation')
    announce(t('public.announce.explanation', { title: after.title, text: after.explanation }));
}

/** Loads (or reloads, after a reconnect) the page; changes missed meanwhile are announced. */
async function load() {
  if (fatal) return;
  if (retryTimer) {
    clearTimeout(retryTimer);
    retryTimer = null;
  }
  const wasLoaded = feed.loaded;
  const before = new Map(feed.outcomes);
  feed.beginLoad();
  try {
    const page = await api('/api/public/' + encodeURIComponent(publicId));
    feed.finishLoad(page);
    dates = { closedAt: page && page.closedAt, anonymisedAt: page && page.anonymisedAt };
    retryDelay = 2000;
    showMessage(messageEl, '');
    if (wasLoaded) {
      for (const [id, o] of feed.outcomes) say(before.get(id) || null, o);
      for (const [id, o] of before) if (!feed.outcomes.has(id)) say(o, null);
    }
    render();
    if (page && typeof page.address === 'string' && page.address !== address) {
      address = page.address;
      connect();
    }
  } catch (err) {
    feed.abortLoad();
    if (err instanceof ApiError && err.status === 404) return showFatal(t('public.notFound'));
    if (!feed.loaded) loadingEl.textContent = t('public.retry');
    retryTimer = setTimeout(load, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }
}

/** Registers on the public address (no token); on every (re)open the page is loaded again to catch up. */
function connect() {
  if (eb || !address) return;
  eb = new EventBus('/eventbus', { ...sockJsOptionsFromSearch(location.search) });
  eb.enableReconnect(true);
  eb.onopen = () => {
    eb.registerHandler(address, {}, (/** @type {any} */ err, /** @type {any} */ msg) => {
      if (err || !msg) return;
      const change = feed.handle(msg.body);
      if (!change) return;
      say(change.before, change.kind === 'changed' ? change.after : null);
      render();
    });
    setLive('online');
    // registered: now load again, so nothing that changed between the first load (or while the connection was
    // down) and this moment is missed; events arriving meanwhile are applied on top
    load();
  };
  eb.onclose = () => {
    if (!fatal) setLive('offline');
  };
}

initPage(() => {
  setLive(liveState);
  if (fatal) showMessage(messageEl, t(isPublicId(publicId) ? 'public.notFound' : 'public.noId'));
  else if (!feed.loaded) loadingEl.textContent = t('public.loading');
  // the lists are rebuilt in the new language
  render();
});
setLive('connecting');

if (!isPublicId(publicId)) showFatal(t('public.noId'));
else load();
