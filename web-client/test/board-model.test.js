import { test } from 'node:test';
import assert from 'node:assert/strict';
import { must } from './must.js';
import { BoardModel, applyPending, listOrder, placeNewNote, ownUsage, quotaRefusal } from '../src/lib/board-model.js';

const note = (/** @type {string} */ id, extra = {}) => ({
  id,
  text: 'text ' + id,
  x: 10,
  y: 20,
  color: 'yellow',
  authorId: 'p1',
  createdAt: '2025-01-01T10:00:00Z',
  ...extra,
});

export function snapshot(seq = 3, notes = [note('n1'), note('n2')]) {
  return {
    id: 'w1',
    title: 'Palvelupolku',
    joinCode: 'K7M3QX',
    template: 'blank',
    createdAt: '2025-01-01T09:00:00Z',
    seq,
    notes,
    participants: [
      { id: 'p1', name: 'Aino', role: 'participant', online: true },
      { id: 'f1', name: 'Fasi', role: 'facilitator', online: false },
    ],
    you: { participantId: 'p1', role: 'participant' },
  };
}

test('snapshot loads notes, participants, seq and online flags', () => {
  const m = new BoardModel();
  m.loadSnapshot(snapshot());
  assert.equal(m.loaded, true);
  assert.equal(m.seq, 3);
  assert.equal(m.title, 'Palvelupolku');
  assert.equal(m.notes.size, 2);
  assert.deepEqual([...m.online], ['p1']);
  assert.equal(m.participantName('f1'), 'Fasi');
});

test('events apply in order; others are refused', () => {
  const m = new BoardModel();
  m.loadSnapshot(snapshot());
  assert.equal(m.applyEvent({ type: 'note.added', seq: 5, note: note('n3') }), false, 'gap');
  assert.equal(m.applyEvent({ type: 'note.added', seq: 3, note: note('n3') }), false, 'old');
  assert.ok(m.applyEvent({ type: 'note.added', seq: 4, note: note('n3', { text: 'Pitkät jonot' }) }));
  assert.equal(must(m.notes.get('n3')).text, 'Pitkät jonot');
  assert.ok(m.applyEvent({ type: 'note.updated', seq: 5, note: note('n3', { text: 'Pitkät jonot!', color: 'blue' }) }));
  assert.equal(must(m.notes.get('n3')).color, 'blue');
  assert.ok(m.applyEvent({ type: 'note.moved', seq: 6, id: 'n3', x: 300, y: -40 }));
  assert.deepEqual([must(m.notes.get('n3')).x, must(m.notes.get('n3')).y], [300, -40]);
  assert.ok(m.applyEvent({ type: 'note.deleted', seq: 7, id: 'n1' }));
  assert.equal(m.notes.has('n1'), false);
  assert.ok(
    m.applyEvent({ type: 'participant.joined', seq: 8, participant: { id: 'p2', name: 'Ville', role: 'participant' } }),
  );
  assert.equal(m.participantName('p2'), 'Ville');
  assert.ok(m.applyEvent({ type: 'something.new', seq: 9 }), 'unknown event types still advance seq');
  assert.equal(m.seq, 9);
  assert.ok(
    m.applyEvent({ type: 'note.moved', seq: 10, id: 'gone', x: 1, y: 1 }),
    'move of an unknown note is harmless',
  );
});

test('presence replaces the online set; you are always listed first', () => {
  const m = new BoardModel();
  m.loadSnapshot(snapshot());
  m.applyPresence({ type: 'presence', online: ['f1'] });
  const list = m.onlineParticipants();
  assert.deepEqual(
    list.map((p) => p.id),
    ['p1', 'f1'],
  );
  m.loadSnapshot(snapshot());
  assert.deepEqual([...m.online], ['f1'], 'a later snapshot does not override presence');
});

test('pending commands show on top of the confirmed notes', () => {
  const confirmed = new Map([
    ['n1', note('n1')],
    ['n2', note('n2')],
  ]);
  const view = applyPending(
    confirmed,
    [
      { op: 'note.add', id: 'new1', text: 'Uusi', x: 5, y: 6, color: 'pink' },
      { op: 'note.update', id: 'n1', text: 'Muutettu' },
      { op: 'note.move', id: 'n2', x: 99, y: 98 },
      { op: 'note.delete', id: 'n2' },
      { op: 'note.update', id: 'missing', text: 'x' },
    ],
    'p1',
  );
  assert.equal(must(confirmed.get('n1')).text, 'text n1', 'confirmed notes are not changed');
  assert.equal(must(view.get('n1')).text, 'Muutettu');
  assert.equal(must(view.get('n1')).pending, true);
  assert.equal(view.has('n2'), false);
  assert.deepEqual(view.get('new1'), {
    id: 'new1',
    text: 'Uusi',
    x: 5,
    y: 6,
    color: 'pink',
    authorId: 'p1',
    mine: true,
    pending: true,
  });
  assert.equal(view.has('missing'), false);
});

test('a pending add whose note the server already has does not replace it', () => {
  const confirmed = new Map([['a', note('a', { text: 'server' })]]);
  const view = applyPending(confirmed, [{ op: 'note.add', id: 'a', text: 'local', x: 0, y: 0 }], 'p1');
  assert.equal(must(view.get('a')).text, 'server');
});

test('list order: creation time, pending new notes last', () => {
  const order = listOrder([
    note('b', { createdAt: '2025-01-01T10:00:02Z' }),
    { id: 'pending', text: '', x: 0, y: 0, color: 'yellow' },
    note('a', { createdAt: '2025-01-01T10:00:01Z' }),
  ]).map((n) => n.id);
  assert.deepEqual(order, ['a', 'b', 'pending']);
});

test('new notes are placed near the centre without stacking exactly', () => {
  const size = { width: 200, height: 100 };
  const first = placeNewNote({ x: 500, y: 300 }, [], size);
  assert.deepEqual(first, { x: 400, y: 250 });
  const second = placeNewNote({ x: 500, y: 300 }, [first], size);
  assert.notDeepEqual(second, first);
  assert.ok(Math.abs(second.x - first.x) < 100 && Math.abs(second.y - first.y) < 100);
  const clamped = placeNewNote({ x: 1e9, y: -1e9 }, [], size, 100000);
  assert.deepEqual(clamped, { x: 100000, y: -100000 });
});

test('your own notes against the per-person quotas: count and code points, yours by mine or by authorId', () => {
  const notes = [
    { id: 'a', text: 'hei', x: 0, y: 0, color: 'yellow', authorId: 'me' },
    { id: 'b', text: '😀😀', x: 0, y: 0, color: 'yellow', mine: true },
    { id: 'c', text: 'not mine', x: 0, y: 0, color: 'yellow', authorId: 'other' },
  ];
  assert.deepEqual(ownUsage(notes, 'me'), { notes: 2, characters: 5 });
  assert.equal(quotaRefusal(notes, 'me', 'x', { maxNotesPerParticipant: 3, maxTextPerParticipant: 6 }), '');
  assert.equal(
    quotaRefusal(notes, 'me', 'xy', { maxNotesPerParticipant: 3, maxTextPerParticipant: 6 }),
    'text_quota_exceeded',
  );
  assert.equal(
    quotaRefusal(notes, 'me', 'x', { maxNotesPerParticipant: 2, maxTextPerParticipant: 100 }),
    'note_quota_exceeded',
  );
  assert.equal(quotaRefusal(notes, 'me', 'x'.repeat(5000), {}), '', 'no limits known: the server decides');
});

test('a group move is one event with each member position; notes it does not name stay', () => {
  const m = new BoardModel();
  m.loadSnapshot(snapshot());
  const before = m.notes.get('n2');
  assert.ok(
    m.applyEvent({
      type: 'cluster.moved',
      seq: 4,
      clusterId: 'c1',
      positions: [
        { id: 'n1', x: 110, y: 220 },
        { id: 'gone', x: 1, y: 1 },
        { id: 'n2', x: 'bad', y: 0 },
      ],
    }),
  );
  assert.deepEqual([must(m.notes.get('n1')).x, must(m.notes.get('n1')).y], [110, 220]);
  assert.deepEqual(m.notes.get('n2'), before, 'an unreadable position is ignored');
  assert.equal(m.notes.has('gone'), false);
  assert.equal(m.seq, 4);
  assert.ok(
    m.applyEvent({ type: 'cluster.moved', seq: 5, clusterId: 'c1' }),
    'no positions (none visible) still advances seq',
  );
});

test('a restored note comes back (note.restored); a tidy-up moves the notes it names (notes.arranged)', () => {
  const m = new BoardModel();
  m.loadSnapshot(snapshot());
  const n1 = must(m.notes.get('n1'));
  assert.ok(m.applyEvent({ type: 'note.deleted', seq: 4, id: 'n1' }));
  assert.equal(m.notes.has('n1'), false);
  assert.ok(m.applyEvent({ type: 'note.restored', seq: 5, note: { ...n1 } }));
  assert.deepEqual(m.notes.get('n1'), n1);
  assert.ok(
    m.applyEvent({ type: 'notes.arranged', seq: 6, arrangement: 'group', positions: [{ id: 'n1', x: 20, y: 40 }] }),
  );
  assert.deepEqual([must(m.notes.get('n1')).x, must(m.notes.get('n1')).y], [20, 40]);
});
