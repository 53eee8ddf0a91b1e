import { test } from 'node:test';
import assert from 'node:assert/strict';
import { must } from './must.js';
import { BoardModel, applyPending, groupByCluster, toCountMap } from '../src/lib/board-model.js';
import {
  timerRemaining,
  formatClock,
  timerAnnouncement,
  throttle,
  viewportCentre,
  panFor,
  clampZoom,
  clusterBox,
  rankedResults,
} from '../src/lib/facilitation.js';

const note = (/** @type {string} */ id, extra = {}) => ({
  id,
  text: 'text ' + id,
  x: 10,
  y: 20,
  color: 'yellow',
  authorId: 'p1',
  createdAt: '2025-01-01T10:00:' + id.slice(-1).padStart(2, '0') + 'Z',
  ...extra,
});

function snap(extra = {}) {
  return {
    id: 'w1',
    title: 'T',
    joinCode: 'K7M3QX',
    seq: 10,
    notes: [note('n1'), note('n2', { clusterId: 'c1' }), note('n3', { hidden: true, mine: true, authorId: undefined })],
    participants: [
      { id: 'f1', name: 'Fasi', role: 'facilitator', online: true },
      { id: 'p1', name: 'Aino', role: 'participant', online: true, ready: true, hand: false },
      { id: 'p2', name: 'Bertil', role: 'participant', online: false, removed: true },
    ],
    you: { participantId: 'p1', role: 'participant' },
    settings: { locked: false, anonymous: true, privateMode: true, unknownSetting: true },
    phases: [
      { id: 'ph1', title: 'Lämmittely', instructions: 'Kerro nimesi' },
      { id: 'ph2', title: 'Ideointi' },
    ],
    currentPhaseId: 'ph2',
    timer: { state: 'running', endsAt: 1_000_000 + 90_000, remainingMs: 0, durationMs: 120_000 },
    serverTime: 1_000_000,
    view: { follow: { x: 100, y: 50, zoom: 1.5, by: 'f1' }, focus: null },
    clusters: [{ id: 'c1', title: 'Jonot' }],
    vote: {
      id: 'v1',
      state: 'open',
      targets: 'both',
      budget: 3,
      maxPerItem: 2,
      secret: true,
      endsAt: null,
      myVotes: { n1: 1 },
      cast: 4,
    },
    votes: [
      {
        id: 'v0',
        state: 'closed',
        targets: 'notes',
        budget: 1,
        maxPerItem: 1,
        secret: true,
        results: [{ targetId: 'n2', kind: 'note', votes: 3, rank: 1 }],
      },
    ],
    ...extra,
  };
}

test('snapshot: settings, phases, timer clock, view, clusters, votes, removed participants', () => {
  const m = new BoardModel();
  m.loadSnapshot(snap(), 1_000_000 - 5000); // the local clock is 5 s behind
  assert.equal(m.clockOffset, 5000);
  assert.deepEqual(m.settings, {
    locked: false,
    anonymous: true,
    anonymousToFacilitators: false,
    privateMode: true,
    facilitatorsSeePrivate: false,
  });
  assert.equal(m.currentPhase?.title, 'Ideointi');
  assert.equal(m.phases[1].instructions, '');
  assert.equal(m.timer.state, 'running');
  assert.equal(timerRemaining(m.timer, m.clockOffset, 1_000_000 - 5000), 90_000, 'same on every clock');
  assert.deepEqual(m.view.follow, { x: 100, y: 50, zoom: 1.5, by: 'f1' });
  assert.equal(must(m.clusters.get('c1')).title, 'Jonot');
  assert.equal(must(m.vote).myVotes.get('n1'), 1);
  assert.equal(m.myDotsLeft(), 2);
  assert.equal(must(m.vote).cast, 4);
  assert.equal(m.votes.length, 1);
  assert.ok(must(m.notes.get('n3')).hidden);
  assert.deepEqual(
    m.activeParticipants().map((p) => p.id),
    ['p1', 'f1'],
    'removed people are gone, you first',
  );
  assert.equal(m.isFacilitator, false);
  assert.deepEqual([...m.ready], ['p1'], 'ready flags from the snapshot until presence arrives');
  assert.equal(m.canEditNotes, true);
  assert.equal(m.canVote, true);
});

test('an old snapshot without the new fields still loads', () => {
  const m = new BoardModel();
  m.loadSnapshot({
    id: 'w1',
    seq: 1,
    notes: [note('n1')],
    participants: [],
    you: { participantId: 'p1', role: 'participant' },
  });
  assert.equal(m.timer.state, 'stopped');
  assert.equal(m.vote, null);
  assert.equal(m.currentPhase, null);
  assert.deepEqual(m.view, { follow: null, focus: null });
});

test('every new event applies; noop and unknown types only advance seq', () => {
  const m = new BoardModel();
  m.loadSnapshot(snap(), 1_000_000);
  let seq = 10;
  const ev = (/** @type {string} */ type, /** @type {Record<string, any>} */ body) =>
    assert.ok(m.applyEvent({ type, seq: ++seq, ...body }, { now: 2_000_000, live: true }), type);
  ev('noop', {});
  ev('something.else', { anything: 1 });
  assert.equal(m.seq, 12);
  ev('settings.changed', {
    settings: {
      locked: true,
      anonymous: false,
      anonymousToFacilitators: false,
      privateMode: false,
      facilitatorsSeePrivate: true,
    },
  });
  assert.equal(m.settings.locked, true);
  assert.equal(m.canEditNotes, false, 'locked for a participant');
  ev('participant.role', { participantId: 'p1', role: 'cofacilitator' });
  assert.equal(m.role, 'cofacilitator');
  assert.equal(m.canEditNotes, true, 'facilitators may edit a locked board');
  ev('notes.revealed', { notes: [note('n9', { text: 'Salainen' })] });
  assert.equal(must(m.notes.get('n9')).text, 'Salainen');
  assert.equal(must(m.notes.get('n3')).hidden, false);
  ev('phases.changed', {
    phases: [{ id: 'ph3', title: 'Äänestys', instructions: 'Kolme pistettä' }],
    currentPhaseId: 'ph3',
  });
  assert.equal(must(m.currentPhase).instructions, 'Kolme pistettä');
  ev('timer.changed', {
    timer: { state: 'paused', endsAt: null, remainingMs: 30_000, durationMs: 60_000 },
    serverTime: 2_000_500,
  });
  assert.equal(m.clockOffset, 500);
  assert.equal(timerRemaining(m.timer, m.clockOffset), 30_000);
  ev('view.changed', { view: { follow: null, focus: { noteId: 'n1' } } });
  assert.equal(m.view.follow, null);
  assert.deepEqual(m.view.focus, { noteId: 'n1' });
  ev('cluster.changed', { cluster: { id: 'c2', title: 'Uusi' } });
  ev('note.updated', { note: note('n1', { clusterId: 'c2' }) });
  assert.equal(must(m.notes.get('n1')).clusterId, 'c2');
  ev('cluster.removed', { id: 'c2' });
  assert.equal(m.clusters.has('c2'), false);
  assert.equal(must(m.notes.get('n1')).clusterId, null);
  ev('participant.removed', { participantId: 'f1' });
  assert.equal(m.removedYou, false);
  assert.deepEqual(
    m.activeParticipants().map((p) => p.id),
    ['p1'],
  );
  ev('participant.removed', { participantId: 'p1' });
  assert.equal(m.removedYou, true);
});

test('a caught-up timer event does not move the clock offset', () => {
  const m = new BoardModel();
  m.loadSnapshot(snap(), 1_000_000);
  m.applyEvent(
    {
      type: 'timer.changed',
      seq: 11,
      timer: { state: 'running', endsAt: 5, remainingMs: 0, durationMs: 1 },
      serverTime: 1,
    },
    { live: false, now: 1_000_000 },
  );
  assert.equal(m.clockOffset, 0);
});

test('secret vote: your own dots from events with targetId, others only as a count', () => {
  const m = new BoardModel();
  m.loadSnapshot(snap({ vote: null }), 1_000_000);
  m.applyEvent({
    type: 'vote.opened',
    seq: 11,
    vote: { id: 'v2', state: 'open', targets: 'notes', budget: 2, maxPerItem: 2, secret: true, endsAt: null },
  });
  assert.equal(m.myDotsLeft(), 2);
  assert.ok(m.voteTargets('note'));
  assert.equal(m.voteTargets('cluster'), false);
  m.applyEvent({ type: 'vote.cast', seq: 12, voteId: 'v2', cast: 1, targetId: 'n1' });
  m.applyEvent({ type: 'vote.cast', seq: 13, voteId: 'v2', cast: 2 });
  m.applyEvent({ type: 'vote.cast', seq: 14, voteId: 'v2', cast: 3, targetId: 'n1' });
  assert.equal(must(m.vote).myVotes.get('n1'), 2);
  assert.equal(m.myDotsLeft(), 0);
  assert.equal(must(m.vote).cast, 3);
  assert.equal(must(m.vote).tally, null);
  m.applyEvent({ type: 'vote.retracted', seq: 15, voteId: 'v2', cast: 2, targetId: 'n1' });
  assert.equal(m.myDotsLeft(), 1);
  m.applyEvent({
    type: 'vote.closed',
    seq: 16,
    vote: {
      id: 'v2',
      state: 'closed',
      targets: 'notes',
      budget: 2,
      maxPerItem: 2,
      secret: true,
      results: [
        { targetId: 'n2', kind: 'note', votes: 1, rank: 2 },
        { targetId: 'n1', kind: 'note', votes: 1, rank: 1 },
      ],
    },
  });
  assert.equal(must(m.vote).state, 'closed');
  assert.equal(m.canVote, false);
  assert.deepEqual(
    must(must(m.vote).results).map((r) => r.targetId),
    ['n1', 'n2'],
  );
  assert.deepEqual(
    m.votes.map((v) => v.id),
    ['v0', 'v2'],
  );
  const ranked = rankedResults(must(m.vote), (kind, id) => (kind === 'note' ? (m.notes.get(id)?.text ?? null) : null));
  assert.equal(ranked[0].label, 'text n1');
  // reopened: the same vote with its dots
  m.applyEvent({
    type: 'vote.opened',
    seq: 17,
    vote: { id: 'v2', state: 'open', targets: 'notes', budget: 2, maxPerItem: 2, secret: true },
  });
  assert.equal(must(m.vote).myVotes.get('n1'), 1);
  assert.deepEqual(
    m.votes.map((v) => v.id),
    ['v0'],
  );
});

test('open (non-secret) vote: tallies from events, your dots from the events marked mine', () => {
  const m = new BoardModel();
  m.loadSnapshot(
    snap({
      vote: {
        id: 'v3',
        state: 'open',
        targets: 'clusters',
        budget: 3,
        maxPerItem: 3,
        secret: false,
        tally: [{ targetId: 'c1', votes: 2 }],
      },
    }),
  );
  assert.equal(must(must(m.vote).tally).get('c1'), 2);
  m.applyEvent({ type: 'vote.cast', seq: 11, voteId: 'v3', cast: 3, targetId: 'c1', tally: { c1: 3 } });
  assert.equal(must(must(m.vote).tally).get('c1'), 3);
  assert.equal(m.myDotsUsed(), 0, 'not yours');
  m.applyEvent({ type: 'vote.cast', seq: 12, voteId: 'v3', cast: 4, targetId: 'c1', tally: { c1: 4 }, mine: true });
  assert.equal(m.myDotsUsed(), 1, 'yours, also when caught up on after a reconnect or cast in another tab');
  m.applyEvent({
    type: 'vote.retracted',
    seq: 13,
    voteId: 'v3',
    cast: 3,
    targetId: 'c1',
    tally: { c1: 3 },
    mine: true,
  });
  assert.equal(m.myDotsUsed(), 0);
  m.applyEvent({ type: 'vote.cast', seq: 14, voteId: 'other', cast: 9 });
  assert.equal(must(m.vote).cast, 3, 'events of another vote are ignored');
});

test('presence carries ready and hands', () => {
  const m = new BoardModel();
  m.loadSnapshot(snap());
  m.applyPresence({ type: 'presence', online: ['p1', 'f1'], ready: ['p1'], hands: ['f1', 7] });
  assert.deepEqual([...m.ready], ['p1']);
  assert.deepEqual([...m.hands], ['f1']);
  m.applyPresence({ type: 'presence', online: ['p1'] });
  assert.deepEqual([...m.ready], ['p1'], 'an old-style body keeps the flags');
});

test('notes group under their clusters; a cluster move shifts its notes in the pending view', () => {
  const notes = new Map([
    ['n1', note('n1')],
    ['n2', note('n2', { clusterId: 'c1' })],
    ['n3', note('n3', { clusterId: 'c1' })],
    ['n4', note('n4', { clusterId: 'gone' })],
  ]);
  const g = groupByCluster(
    notes.values(),
    new Map([
      ['c1', { id: 'c1', title: 'Jonot' }],
      ['c9', { id: 'c9', title: 'Tyhjä' }],
    ]),
  );
  assert.deepEqual(
    g.clusters.map((c) => [c.cluster.id, c.notes.map((n) => n.id)]),
    [['c1', ['n2', 'n3']]],
  );
  assert.deepEqual(
    g.loose.map((n) => n.id),
    ['n1', 'n4'],
  );
  const view = applyPending(notes, [{ op: 'cluster.move', id: 'c1', dx: 5, dy: -5 }]);
  assert.deepEqual([must(view.get('n2')).x, must(view.get('n2')).y], [15, 15]);
  assert.deepEqual([must(view.get('n1')).x, must(view.get('n1')).y], [10, 20]);
  const added = applyPending(new Map(), [{ op: 'note.add', id: 'x', text: 'a', x: 0, y: 0 }], 'p1');
  assert.equal(must(added.get('x')).mine, true);
});

test('count maps from objects and lists', () => {
  assert.deepEqual([...must(toCountMap({ a: 2, b: 0 }))], [['a', 2]]);
  assert.deepEqual(
    [...must(toCountMap(['a', 'a', 'b']))],
    [
      ['a', 2],
      ['b', 1],
    ],
  );
  assert.equal(toCountMap(null), null);
});

test('timer: remaining time, clock text and the two announcements', () => {
  const running = /** @type {any} */ ({ state: 'running', endsAt: 100_000, remainingMs: 0, durationMs: 100_000 });
  assert.equal(timerRemaining(running, 0, 40_000), 60_000);
  assert.equal(timerRemaining(running, 1000, 40_000), 59_000);
  assert.equal(timerRemaining(running, 0, 200_000), 0);
  assert.equal(timerRemaining({ state: 'paused', endsAt: null, remainingMs: 1234, durationMs: 5000 }, 99, 0), 1234);
  assert.equal(timerRemaining({ state: 'stopped', endsAt: null, remainingMs: 0, durationMs: 0 }, 0, 0), 0);
  assert.equal(formatClock(61_000), '01:01');
  assert.equal(formatClock(60_001), '01:01', 'rounds up');
  assert.equal(formatClock(0), '00:00');
  assert.equal(formatClock(3_600_000 + 5000), '1:00:05');
  assert.equal(timerAnnouncement(null, 30_000), null);
  assert.equal(timerAnnouncement(61_000, 60_000), 'oneMinute');
  assert.equal(timerAnnouncement(60_000, 59_000), null, 'only once');
  assert.equal(timerAnnouncement(500, 0), 'end');
  assert.equal(timerAnnouncement(0, 0), null);
  assert.equal(timerAnnouncement(120_000, 0), 'end', 'a big jump to the end is the end');
});

test('throttle: at most one call per interval, the newest arguments win', () => {
  let t = 0;
  /** @type {{fn: () => void, at: number}[]} */
  const timers = [];
  /** @type {number[]} */
  const calls = [];
  const f = throttle((x) => calls.push(x), 200, {
    now: () => t,
    setTimeout: (fn, ms) => {
      timers.push({ fn, at: t + ms });
      return timers.length;
    },
    clearTimeout: () => {},
  });
  f(1);
  t = 50;
  f(2);
  t = 100;
  f(3);
  assert.deepEqual(calls, [1]);
  assert.equal(timers.length, 1);
  t = 200;
  timers[0].fn();
  assert.deepEqual(calls, [1, 3]);
  t = 500;
  f(4);
  assert.deepEqual(calls, [1, 3, 4]);
});

test('viewport maths: centre and pan are inverse; zoom is clamped', () => {
  const size = { width: 800, height: 600 };
  const c = viewportCentre({ x: -100, y: 50 }, 2, size);
  assert.deepEqual(c, { x: 250, y: 125 });
  assert.deepEqual(panFor(c, 2, size), { x: -100, y: 50 });
  assert.equal(clampZoom(9), 5);
  assert.equal(clampZoom(0.01), 0.1);
  assert.deepEqual(
    clusterBox(
      [
        { x: 0, y: 0 },
        { x: 300, y: 100, width: 100, height: 50 },
      ],
      10,
    ),
    { x: -10, y: -10, width: 420, height: 170 },
  );
  assert.equal(clusterBox([]), null);
});
