import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoardSession, syncFailure } from '../src/lib/board-session.js';
import { Outbox } from '../src/lib/outbox.js';
import { ApiError } from '../src/lib/api.js';

/**
 * A session over fakes; timers are collected, not run, so each test runs them by hand.
 * @param {{open?: boolean, send?: (cmd: any) => Promise<any>, resync?: () => Promise<void>}} [fakes]
 */
function setup({ open = true, send = async () => ({ seq: 1 }), resync = async () => {} } = {}) {
  /** @type {{run: () => void, ms: number}[]} */
  const timers = [];
  const log = /** @type {string[]} */ ([]);
  const model = { seq: 0, loaded: true };
  const outbox = new Outbox();
  const conn = { isOpen: open, send: (/** @type {any} */ cmd) => send(cmd) };
  const sync = { syncing: false, resync };
  const session = new BoardSession(model, outbox, sync, {
    connection: () => conn,
    isFatal: () => false,
    usingMemberToken: true,
    checkToken: async () => {},
    onResynced: () => log.push('resynced'),
    onFatal: (f) => log.push('fatal ' + f.message),
    onTrouble: () => log.push('trouble'),
    onDropped: (code) => log.push('dropped ' + code),
    onChange: () => {},
    later: (run, ms) => timers.push({ run, ms }),
    cancel: () => {},
  });
  return { session, outbox, model, conn, timers, log };
}

test('flush sends queued commands in order and acknowledges them', async () => {
  /** @type {string[]} */
  const sent = [];
  let seq = 0;
  const { session, outbox } = setup({ send: async (cmd) => (sent.push(cmd.id), { seq: ++seq }) });
  outbox.enqueue({ op: 'note.add', id: 'a', text: 'A', x: 0, y: 0 });
  outbox.enqueue({ op: 'note.add', id: 'b', text: 'B', x: 0, y: 0 });
  await session.flush();
  assert.deepEqual(sent, ['a', 'b']);
  assert.equal(outbox.unsentCount, 0);
});

test('a lost reply keeps the command and, after a timeout, tries again in 2 s', async () => {
  const { session, outbox, timers } = setup({
    send: async () => {
      throw Object.assign(new Error('lost'), { lost: true, reason: 'timeout' });
    },
  });
  outbox.enqueue({ op: 'note.delete', id: 'a' });
  await session.flush();
  assert.equal(outbox.unsentCount, 1);
  assert.deepEqual(
    timers.map((x) => x.ms),
    [2000],
  );
});

test('a refused command is dropped and said', async () => {
  const { session, outbox, log } = setup({
    send: async () => {
      throw new Error('text_too_long');
    },
  });
  outbox.enqueue({ op: 'note.update', id: 'a', text: 'x' });
  await session.flush();
  assert.equal(outbox.unsentCount, 0);
  assert.deepEqual(log, ['dropped text_too_long']);
});

test('a reply ahead of the board checks, 3 s later, that its event came', async () => {
  let resyncs = 0;
  const { session, outbox, timers } = setup({
    send: async () => ({ seq: 5 }),
    resync: async () => {
      resyncs++;
    },
  });
  outbox.enqueue({ op: 'note.delete', id: 'a' });
  await session.flush();
  assert.deepEqual(
    timers.map((x) => x.ms),
    [3000],
  );
  timers[0].run();
  assert.equal(resyncs, 1);
});

test('network trouble retries with a growing pause, up to 30 s', async () => {
  const { session, timers, log } = setup({
    resync: async () => {
      throw new ApiError(0, 'network_error');
    },
  });
  for (let i = 0; i < 7; i++) await session.resync();
  assert.deepEqual(
    timers.map((x) => x.ms),
    [1000, 2000, 4000, 8000, 16000, 30000, 30000],
  );
  assert.equal(log.filter((x) => x === 'trouble').length, 7);
});

test('a lost token, a removal and a missing workshop end the board', async () => {
  assert.deepEqual(syncFailure(new ApiError(401, 'x'), { usingMemberToken: true, loaded: true }), {
    forgetToken: true,
    message: 'board.removed',
  });
  assert.deepEqual(syncFailure(new ApiError(401, 'x'), { usingMemberToken: false, loaded: true }), {
    forgetToken: true,
    message: 'board.tokenGone',
  });
  assert.deepEqual(syncFailure(new ApiError(403, 'x'), { usingMemberToken: true, loaded: false }), {
    forgetToken: false,
    message: 'board.forbidden',
  });
  assert.deepEqual(syncFailure(new ApiError(404, 'x'), { usingMemberToken: true, loaded: true }), {
    forgetToken: false,
    message: 'board.notFound',
  });
  assert.equal(syncFailure(new ApiError(503, 'x'), { usingMemberToken: true, loaded: true }), null);
  assert.equal(syncFailure(new Error('x'), { usingMemberToken: true, loaded: true }), null);
  const { session, timers, log } = setup({
    resync: async () => {
      throw new ApiError(404, 'not_found');
    },
  });
  await session.resync();
  assert.deepEqual(log, ['fatal board.notFound']);
  assert.equal(timers.length, 0);
});
