import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox, classifyFailure } from '../src/lib/outbox.js';
import { BoardModel, applyPending } from '../src/lib/board-model.js';

/** @param {unknown} [initial] */
function memoryStore(initial = null) {
  const store = {
    data: initial,
    load: () => store.data,
    save: (/** @type {unknown} */ entries) => (store.data = JSON.parse(JSON.stringify(entries))),
  };
  return store;
}

test('strict order: one in flight at a time', () => {
  const box = new Outbox(memoryStore());
  const a = box.enqueue({ op: 'note.add', id: 'aaaaaaaa', text: 'A', x: 0, y: 0 });
  const b = box.enqueue({ op: 'note.update', id: 'aaaaaaaa', text: 'B' });
  assert.equal(box.next(), a);
  box.markInflight(a);
  assert.equal(box.next(), null, 'wait for the reply');
  box.ack(a.cid, 7);
  assert.equal(box.next(), b);
  assert.equal(box.unsentCount, 1);
});

test('persisted: a reload keeps what was not acknowledged, in order, as queued', () => {
  const store = memoryStore();
  const box = new Outbox(store);
  const a = box.enqueue({ op: 'note.add', id: 'aaaaaaaa', text: 'A', x: 0, y: 0 });
  box.enqueue({ op: 'note.delete', id: 'bbbbbbbb' });
  box.markInflight(a);
  const reloaded = new Outbox(store);
  assert.deepEqual(
    reloaded.entries.map((e) => [e.cmd.op, e.state]),
    [
      ['note.add', 'queued'],
      ['note.delete', 'queued'],
    ],
  );
  assert.equal(reloaded.entries[0].cmd.id, 'aaaaaaaa', 'the client-made note id survives, so the resend is idempotent');
  box.ack(a.cid, 3);
  assert.deepEqual(
    new Outbox(store).entries.map((e) => e.cmd.op),
    ['note.delete'],
  );
});

test('broken storage content is ignored', () => {
  assert.equal(new Outbox(memoryStore({ nope: 1 })).entries.length, 0);
  assert.equal(new Outbox(memoryStore([null, { cid: 1 }, { cid: 'x', cmd: {} }])).entries.length, 0);
});

test('a lost reply goes back to the queue and is sent again', () => {
  const box = new Outbox(memoryStore());
  const a = box.enqueue({ op: 'note.add', id: 'aaaaaaaa', text: 'A', x: 0, y: 0 });
  box.markInflight(a);
  box.requeueInflight();
  assert.equal(box.next(), a);
  box.markInflight(a);
  box.retry(a.cid);
  assert.equal(box.next(), a);
});

test('queued moves of the same note are merged; sent ones are not', () => {
  const box = new Outbox(memoryStore());
  const m1 = box.enqueue({ op: 'note.move', id: 'aaaaaaaa', x: 1, y: 1 });
  box.enqueue({ op: 'note.move', id: 'aaaaaaaa', x: 2, y: 2 });
  assert.equal(box.entries.length, 1);
  assert.deepEqual(box.entries[0].cmd, { op: 'note.move', id: 'aaaaaaaa', x: 2, y: 2 });
  box.markInflight(m1);
  box.enqueue({ op: 'note.move', id: 'aaaaaaaa', x: 3, y: 3 });
  assert.equal(box.entries.length, 2);
});

test('acked entries stay visible until the board reaches their seq (no flicker)', () => {
  const model = new BoardModel();
  model.loadSnapshot({ id: 'w', seq: 4, notes: [], participants: [] });
  const box = new Outbox(memoryStore());
  const a = box.enqueue({ op: 'note.add', id: 'aaaaaaaa', text: 'A', x: 0, y: 0 });
  box.markInflight(a);
  box.ack(a.cid, 5);
  assert.equal(box.prune(model.seq), false);
  assert.ok(applyPending(model.notes, box.pendingCommands(), 'p1').has('aaaaaaaa'));
  assert.equal(box.pendingNoteIds().size, 0, 'acked: no longer marked as unsaved');
  model.applyEvent({ type: 'note.added', seq: 5, note: { id: 'aaaaaaaa', text: 'A', x: 0, y: 0, color: 'yellow' } });
  assert.equal(box.prune(model.seq), true);
  assert.equal(box.entries.length, 0);
  assert.ok(applyPending(model.notes, box.pendingCommands(), 'p1').has('aaaaaaaa'));
});

test('failure classification', () => {
  assert.equal(
    classifyFailure({ op: 'note.delete', id: 'x' }, { failureCode: 404, message: 'note_not_found' }),
    'done',
  );
  assert.equal(
    classifyFailure({ op: 'note.update', id: 'x' }, { failureCode: 404, message: 'note_not_found' }),
    'drop',
  );
  assert.equal(classifyFailure({ op: 'note.add' }, { failureCode: 503, message: 'storage_unavailable' }), 'retry');
  assert.equal(
    classifyFailure({ op: 'note.add' }, { failureCode: -1, failureType: 'TIMEOUT', message: 'Timed out' }),
    'retry',
  );
  assert.equal(classifyFailure({ op: 'note.add' }, { failureCode: 400, message: 'text_empty' }), 'drop');
  assert.equal(classifyFailure({ op: 'note.add' }, { failureCode: 409, message: 'board_full' }), 'drop');
});
