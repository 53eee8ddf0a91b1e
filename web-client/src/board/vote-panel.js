// The vote in the strip while it is open (your dots left, time left), a "Results" button there once a vote has
// closed, and the results of closed votes in the drawer's Vote tab.
import { t, byId, showMessage, el, lang } from '../lib/page.js';
import { excerpt } from '../lib/i18n.js';
import { formatClock, rankedResults } from '../lib/facilitation.js';
import { model, clusterTitle } from './context.js';
import { openDrawer } from './drawer.js';

const resultsOpen = /** @type {HTMLButtonElement} */ (byId('results-open'));
const voteNone = byId('vote-none');
const voteArea = byId('vote-area');
const voteStatus = byId('vote-status');
const voteError = byId('vote-error');
const voteResults = byId('vote-results');
const voteResultsList = byId('vote-results-list');

export function renderVote() {
  const v = model.vote;
  // a closed workshop takes no more dots (a vote left open stays as it was, unfinished)
  voteArea.hidden = !v || v.state !== 'open' || model.isClosed;
  if (voteArea.hidden) showMessage(voteError, '');
  renderVoteStatus();
}

export function renderVoteStatus() {
  const v = model.vote;
  if (!v || v.state !== 'open') return;
  const parts = [];
  if (model.canVote) parts.push(t('vote.left', { left: model.myDotsLeft(), budget: v.budget }));
  else parts.push(t('vote.observer'));
  if (model.isFacilitator) parts.push(t('vote.cast', { count: v.cast }));
  if (v.endsAt)
    parts.push(t('vote.endsIn', { time: formatClock(Math.max(0, v.endsAt - (Date.now() + model.clockOffset))) }));
  const text = parts.join(' ');
  if (voteStatus.textContent !== text) voteStatus.textContent = text;
}

resultsOpen.addEventListener('click', () => openDrawer('vote', resultsOpen));

export function renderResults() {
  const closed = model.votes.filter((v) => v.results);
  voteResults.hidden = !closed.length;
  voteNone.hidden = closed.length > 0 || model.canRun;
  // the latest results are a tap away while no vote is open
  resultsOpen.hidden = !closed.length || (!!model.vote && model.vote.state === 'open');
  const sig = JSON.stringify([
    lang(),
    closed.map((v) => [v.id, v.results]),
    closed.flatMap((v) => (v.results || []).map((r) => resultLabel(r.kind, r.targetId))),
  ]);
  if (voteResultsList.dataset.signature === sig) return;
  voteResultsList.dataset.signature = sig;
  voteResultsList.replaceChildren();
  // the newest vote first
  closed
    .map((v, i) => ({ v, number: i + 1 }))
    .reverse()
    .forEach(({ v, number }) => {
      const section = el('section', { className: 'vote-result' });
      section.dataset.voteId = v.id;
      section.append(el('h3', { text: t('results.vote', { number }) }));
      const ranked = rankedResults(v, resultLabel).filter((r) => r.votes > 0);
      if (!ranked.length) {
        section.append(el('p', { className: 'hint', text: t('results.empty') }));
      } else {
        const ol = el('ol', { className: 'result-list' });
        for (const r of ranked) {
          const li = el('li');
          li.dataset.targetId = r.targetId;
          li.append(
            el('span', { className: 'result-label', text: r.label ?? t('results.gone') }),
            ' ',
            el('span', { className: 'result-count', text: t('results.votes', { count: r.votes }) }),
          );
          ol.append(li);
        }
        section.append(ol);
      }
      voteResultsList.append(section);
    });
}

/**
 * @param {string} kind
 * @param {string} id
 * @returns {string | null}
 */
function resultLabel(kind, id) {
  if (kind === 'cluster') {
    const c = model.clusters.get(id);
    return c ? t('results.cluster', { title: clusterTitle(c) }) : null;
  }
  const n = model.notes.get(id);
  return n ? excerpt(n.text, 120) : null;
}
