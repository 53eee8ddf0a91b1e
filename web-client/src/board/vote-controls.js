// The dots part of a note or group while a vote is open: your dots, the tally, "+ Dot" / "− Dot".
import { t, byId, el, button } from '../lib/page.js';
import { model, command, announce, whenApplied, scheduleRender } from './context.js';

const voteError = byId('vote-error');

/**
 * What the dots part of a note or group shows, for the re-render check.
 * @param {string} id
 * @param {'note' | 'cluster'} kind
 */
export function voteSignature(id, kind) {
  const v = model.vote;
  if (!v || v.state !== 'open' || !model.voteTargets(kind)) return null;
  return [v.id, model.canVote, v.myVotes.get(id) || 0, v.tally ? v.tally.get(id) || 0 : null];
}

/**
 * "+ Dot" / "− Dot" buttons with your dots (and the tally when the vote is not secret), or null.
 * @param {string} id
 * @param {'note' | 'cluster'} kind
 * @param {string} short accessible name part
 */
export function voteControls(id, kind, short) {
  const v = model.vote;
  if (!v || v.state !== 'open' || !model.voteTargets(kind)) return null;
  const box = el('div', { className: 'vote-controls' });
  const mine = v.myVotes.get(id) || 0;
  const dots = el('span', { className: 'my-dots', text: t('vote.yourDots', { count: mine }) });
  dots.dataset.count = String(mine);
  box.append(dots);
  if (v.tally)
    box.append(el('span', { className: 'vote-tally', text: t('vote.tally', { count: v.tally.get(id) || 0 }) }));
  if (model.canVote) {
    const add = button(t('vote.add'), 'small vote-add', 'vote-add');
    add.setAttribute('aria-label', t('vote.addLabel', { excerpt: short }));
    add.addEventListener('click', () => castVote(id, 1));
    const sub = button(t('vote.remove'), 'small vote-remove', 'vote-remove');
    sub.setAttribute('aria-label', t('vote.removeLabel', { excerpt: short }));
    sub.disabled = mine === 0;
    sub.addEventListener('click', () => castVote(id, -1));
    box.append(add, sub);
  }
  return box;
}

/**
 * @param {string} targetId
 * @param {1 | -1} delta
 */
export async function castVote(targetId, delta) {
  const reply = await command({ op: delta > 0 ? 'vote.cast' : 'vote.retract', targetId }, voteError);
  if (!reply) return;
  const announceLeft = () =>
    announce(t(delta > 0 ? 'announce.voteAdded' : 'announce.voteRemoved', { left: model.myDotsLeft() }));
  if (typeof reply.seq === 'number')
    whenApplied(reply.seq, () => {
      announceLeft();
      scheduleRender();
    });
  else announceLeft();
  scheduleRender();
}
