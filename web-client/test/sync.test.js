import { test } from 'node:test';
import assert from 'node:assert/strict';
import { must } from './must.js';
import { BoardModel } from '../src/lib/board-model.js';
import { BoardSync } from '../src/lib/sync.js';
import { ApiError } from '../src/lib/api.js';

/** @typedef {{type: string, seq: number, note?: any, [key: string]: any}} FakeEvent */
const added = (/** @type {number} */ seq, id = 'n' + seq) => ({
  type: 'note.added',
  seq,
  workshopId: 'w1',
  by: 'p2',
  note: { id, text: id, x: 0, y: 0, color: 'yellow' },
});

/** A fake server: the full event log, snapshots at any point. */
/** @param {FakeEvent[]} events */
function fakeServer(events) {
  /** @type {string[]} */
  const calls = [];
  return {
    calls,
    log: events,
    snapshotAt: null,
    source: {
      snapshot: async () => {
        calls.push('snapshot');
        const seq = fakeSeq(events);
        const notes = events.filter((e) => e.type === 'note.added').map((e) => e.note);
        return {
          id: 'w1',
          title: 'T',
          seq,
          notes,
          participants: [],
          you: { participantId: 'p1', role: 'participant' },
        };
      },
      eventsAfter: async (/** @type {number} */ after) => {
        calls.push('after:' + after);
        if (fakeSeq(events) - after > 1000) throw new ApiError(409, 'snapshot_required');
        return { seq: fakeSeq(events), events: events.filter((e) => e.seq > after) };
      },
    },
  };
}
const fakeSeq = (/** @type {FakeEvent[]} */ events) => (events.length ? events[events.length - 1].seq : 0);

test('start: events buffered during the snapshot load are applied if newer', async () => {
  const server = fakeServer([added(1), added(2)]);
  const model = new BoardModel();
  /** @type {string[]} */
  const changes = [];
  const sync = new BoardSync(model, server.source, (c) => changes.push(c.kind));
  const p = sync.resync();
  // events that arrive while the snapshot is loading: one already in the snapshot, one newer
  sync.handleEvent(added(2));
  server.log.push(added(3));
  sync.handleEvent(added(3));
  await p;
  assert.equal(model.seq, 3);
  assert.deepEqual([...model.notes.keys()].sort(), ['n1', 'n2', 'n3']);
  assert.deepEqual(server.calls, ['snapshot']);
  assert.deepEqual(changes, ['snapshot', 'event']);
});

test('live: duplicates and old events are ignored, the next one applied', async () => {
  const server = fakeServer([added(1)]);
  const model = new BoardModel();
  const sync = new BoardSync(model, server.source);
  await sync.resync();
  sync.handleEvent(added(1));
  assert.equal(model.seq, 1);
  sync.handleEvent(added(2));
  assert.equal(model.seq, 2);
  sync.handleEvent(added(2));
  assert.equal(model.seq, 2);
  assert.deepEqual(server.calls, ['snapshot']);
});

test('a gap triggers a catch-up over HTTP', async () => {
  const server = fakeServer([added(1)]);
  const model = new BoardModel();
  const sync = new BoardSync(model, server.source);
  await sync.resync();
  server.log.push(added(2), added(3), added(4));
  sync.handleEvent(added(4)); // 2 and 3 were missed
  await sync.running;
  assert.equal(model.seq, 4);
  assert.deepEqual(server.calls, ['snapshot', 'after:1']);
  assert.equal(model.notes.size, 4);
});

test('reconnect: catch up after lastSeq; 409 loads the snapshot instead', async () => {
  const server = fakeServer([added(1)]);
  const model = new BoardModel();
  const sync = new BoardSync(model, server.source);
  await sync.resync();
  server.log.push(added(2));
  await sync.resync();
  assert.equal(model.seq, 2);
  for (let s = 3; s <= 1500; s++) server.log.push(added(s));
  await sync.resync();
  assert.equal(model.seq, 1500);
  assert.deepEqual(server.calls, ['snapshot', 'after:1', 'after:2', 'snapshot']);
});

test('a network failure rejects and keeps the buffer; the next resync goes on', async () => {
  const server = fakeServer([added(1)]);
  const model = new BoardModel();
  const sync = new BoardSync(model, server.source);
  await sync.resync();
  const real = server.source.eventsAfter;
  server.source.eventsAfter = async () => {
    throw new ApiError(0, 'network_error');
  };
  server.log.push(added(2), added(3));
  sync.handleEvent(added(3));
  await assert.rejects(must(sync.running), /network_error/);
  assert.equal(model.seq, 1);
  assert.equal(sync.buffer.length, 1);
  server.source.eventsAfter = real;
  await sync.resync();
  assert.equal(model.seq, 3);
  assert.equal(sync.buffer.length, 0);
});

test('concurrent resync calls share one run and run once more', async () => {
  const server = fakeServer([added(1)]);
  const model = new BoardModel();
  const sync = new BoardSync(model, server.source);
  await sync.resync();
  const a = sync.resync();
  const b = sync.resync();
  assert.equal(a, b);
  await a;
  assert.deepEqual(server.calls, ['snapshot', 'after:1', 'after:1']);
});

test('people erased: the live event makes the board load a new snapshot; erasing you ends it', async () => {
  /** @type {FakeEvent[]} */
  const events = [added(1), added(2)];
  const server = fakeServer(events);
  const model = new BoardModel();
  const sync = new BoardSync(model, server.source);
  await sync.resync();
  assert.equal(server.calls.filter((c) => c === 'snapshot').length, 1);
  /** @type {FakeEvent} */
  const erased = {
    type: 'participants.erased',
    seq: 3,
    workshopId: 'w1',
    participantIds: ['p2'],
    notesDeleted: false,
    allAuthors: false,
  };
  events.push(erased);
  sync.handleEvent(erased);
  await sync.running;
  assert.equal(server.calls.filter((c) => c === 'snapshot').length, 2);
  assert.equal(model.seq, 3);
  assert.equal(model.removedYou, false);

  /** @type {FakeEvent} */
  const you = {
    type: 'participants.erased',
    seq: 4,
    workshopId: 'w1',
    participantIds: ['p1'],
    notesDeleted: true,
    allAuthors: false,
  };
  events.push(you);
  sync.handleEvent(you);
  assert.equal(model.removedYou, true);
  assert.equal(model.erasedYou, true);
  assert.equal(sync.running, null);
});
