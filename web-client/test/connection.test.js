import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoardConnection, closeMeaning, sockJsOptionsFromSearch } from '../src/lib/connection.js';

/** A stand-in for @vertx/eventbus-bridge-client.js with the same surface. */
/** @typedef {(err: unknown, msg?: {body: any} | null) => void} FakeHandler */
class FakeEventBus {
  /** @type {FakeEventBus[]} */
  static instances = [];
  /**
   * @param {string} url
   * @param {Record<string, unknown>} options
   */
  constructor(url, options) {
    this.url = url;
    this.options = options;
    this.state = 0;
    /** @type {Record<string, FakeHandler[]>} */
    this.handlers = {};
    /** @type {{address: string, body: any, headers: any, cb: FakeHandler}[]} */
    this.sent = [];
    /** @type {{address: string, headers: any}[]} */
    this.registered = [];
    /** @type {{address: string, headers: any}[]} */
    this.unregistered = [];
    this.reconnect = false;
    /** @type {() => void} */
    this.onopen = () => {};
    /** @type {(e: any) => void} */
    this.onclose = () => {};
    FakeEventBus.instances.push(this);
  }
  /** @param {boolean} on */
  enableReconnect(on) {
    this.reconnect = on;
  }
  open() {
    this.state = 1;
    this.handlers = {};
    this.onopen();
  }
  /** @param {number} [code] */
  drop(code) {
    this.state = 3;
    this.onclose(code === undefined ? {} : { code, reason: 'x' });
  }
  /** @param {string} address @param {any} headers @param {FakeHandler} cb */
  registerHandler(address, headers, cb) {
    if (this.state !== 1) throw new Error('INVALID_STATE_ERR');
    this.registered.push({ address, headers });
    (this.handlers[address] ||= []).push(cb);
  }
  /** @param {string} address @param {any} headers @param {FakeHandler} cb */
  unregisterHandler(address, headers, cb) {
    if (this.state !== 1) throw new Error('INVALID_STATE_ERR');
    this.unregistered.push({ address, headers });
    this.handlers[address] = (this.handlers[address] || []).filter((h) => h !== cb);
  }
  /** @param {string} address @param {any} failure */
  fail(address, failure) {
    for (const h of this.handlers[address] || []) h(failure);
  }
  /** @param {string} address @param {any} body @param {any} headers @param {FakeHandler} cb */
  send(address, body, headers, cb) {
    if (this.state !== 1) throw new Error('INVALID_STATE_ERR');
    this.sent.push({ address, body, headers, cb });
  }
  /** @param {string} address @param {any} body */
  deliver(address, body) {
    for (const h of this.handlers[address] || []) h(null, { body });
  }
  close() {
    this.state = 3;
  }
}

function setup() {
  /** @type {{events: any[], presence: any[], states: string[], opens: number, closed: string[]}} */
  const log = { events: [], presence: [], states: [], opens: 0, closed: [] };
  const conn = new BoardConnection({
    EventBus: FakeEventBus,
    url: '/eventbus',
    options: { transports: ['xhr-streaming'] },
    workshopId: 'w1',
    token: 'tok',
    onEvent: (b) => log.events.push(b),
    onPresence: (b) => log.presence.push(b),
    onOpen: () => log.opens++,
    onState: (s) => log.states.push(s),
    onClosed: (m) => log.closed.push(m),
    replyTimeoutMs: 50,
  });
  conn.start();
  return { conn, eb: FakeEventBus.instances[FakeEventBus.instances.length - 1], log };
}

test('transports come from the URL', () => {
  assert.deepEqual(sockJsOptionsFromSearch('?w=1&transports=xhr-streaming,xhr-polling'), {
    transports: ['xhr-streaming', 'xhr-polling'],
  });
  assert.deepEqual(sockJsOptionsFromSearch('?w=1'), {});
  assert.deepEqual(sockJsOptionsFromSearch('?transports=<script>'), {});
});

test('options reach the EventBus (and so SockJS); reconnect on; handlers registered on every open with the token', () => {
  const { eb, log } = setup();
  assert.deepEqual(eb.options, { transports: ['xhr-streaming'] });
  assert.equal(eb.reconnect, true);
  eb.open();
  assert.deepEqual(eb.registered, [
    { address: 'workshop.w1.events', headers: { token: 'tok' } },
    { address: 'workshop.w1.presence', headers: { token: 'tok' } },
  ]);
  eb.deliver('workshop.w1.events', { seq: 1 });
  eb.deliver('workshop.w1.presence', { type: 'presence', online: [] });
  assert.deepEqual(log.events, [{ seq: 1 }]);
  assert.equal(log.presence.length, 1);
  eb.drop();
  eb.open();
  assert.equal(eb.registered.length, 4);
  assert.equal(log.opens, 2);
  assert.deepEqual(log.states, ['online', 'offline', 'online']);
});

test('send resolves with the reply body and rejects with the failure', async () => {
  const { conn, eb } = setup();
  eb.open();
  const p = conn.send({ op: 'note.delete', id: 'abcdefgh' });
  const frame = eb.sent[0];
  assert.equal(frame.address, 'workshop.w1.cmd');
  assert.deepEqual(frame.headers, { token: 'tok' });
  frame.cb(null, { body: { seq: 9 } });
  assert.deepEqual(await p, { seq: 9 });
  const q = conn.send({ op: 'note.delete', id: 'abcdefgh' });
  eb.sent[1].cb({ failureCode: 404, failureType: 'RECIPIENT_FAILURE', message: 'note_not_found' });
  await assert.rejects(q, (/** @type {any} */ e) => e.message === 'note_not_found');
});

test('send while closed, on close and on timeout reports a lost reply', async () => {
  const { conn, eb } = setup();
  await assert.rejects(conn.send({}), (/** @type {any} */ e) => e.lost && e.reason === 'not_open');
  eb.open();
  const p = conn.send({});
  eb.drop();
  await assert.rejects(p, (/** @type {any} */ e) => e.lost && e.reason === 'closed');
  eb.open();
  await assert.rejects(conn.send({}), (/** @type {any} */ e) => e.lost && e.reason === 'timeout');
});

test('close codes: removal and an ended session are final, a role change and the rest reconnect', () => {
  assert.equal(closeMeaning(4403), 'removed');
  assert.equal(closeMeaning(4405), 'erased');
  assert.equal(closeMeaning(4401), 'session_ended');
  assert.equal(closeMeaning(4409), 'role_changed');
  assert.equal(closeMeaning(4410), 'workshop_closed');
  assert.equal(closeMeaning(4404), 'workshop_deleted');
  assert.equal(closeMeaning(4408), 'reconnect');
  assert.equal(closeMeaning(1006), 'reconnect');
  assert.equal(closeMeaning(undefined), 'reconnect');
});

test("the server's close code reaches the board, after the state went offline", () => {
  const { eb, log } = setup();
  eb.open();
  eb.drop(4409);
  eb.open();
  eb.drop();
  eb.open();
  eb.drop(4403);
  assert.deepEqual(log.closed, ['role_changed', 'reconnect', 'removed']);
  assert.equal(log.states[log.states.length - 1], 'offline');
});

test('a registration the server could not check now (unavailable, 503) is made again after a back-off, and the board catches up', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { eb, conn, log } = setup();
  let resubscribed = 0;
  conn.opts.onResubscribed = () => resubscribed++;
  /** @type {any[]} */
  const errors = [];
  conn.opts.onBusError = (e) => errors.push(e);
  eb.open();
  eb.fail('workshop.w1.events', { failureCode: 503, failureType: 'RECIPIENT_FAILURE', message: 'unavailable' });
  assert.deepEqual(eb.unregistered, [{ address: 'workshop.w1.events', headers: { token: 'tok' } }]);
  assert.equal(eb.registered.length, 2, 'not at once');
  t.mock.timers.tick(500);
  assert.deepEqual(eb.registered.at(-1), { address: 'workshop.w1.events', headers: { token: 'tok' } });
  assert.equal(resubscribed, 1);
  eb.deliver('workshop.w1.events', { seq: 7 });
  assert.deepEqual(log.events, [{ seq: 7 }], 'one handler, not two');
  // again: the back-off doubles
  eb.fail('workshop.w1.events', { failureCode: 503, message: 'unavailable' });
  t.mock.timers.tick(999);
  assert.equal(eb.registered.length, 3);
  t.mock.timers.tick(1);
  assert.equal(eb.registered.length, 4);
  assert.deepEqual(errors, [], 'unavailable is not an error for the board');
  // a refusal is
  eb.fail('workshop.w1.presence', { failureCode: 403, message: 'access_denied' });
  assert.equal(errors.length, 1);
});

test('a retry waiting when the bus closes is dropped: the next opening registers anew, once', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { eb } = setup();
  eb.open();
  eb.fail('workshop.w1.events', { failureCode: 503, message: 'unavailable' });
  eb.drop();
  eb.open();
  assert.equal(eb.registered.length, 4);
  t.mock.timers.tick(10000);
  assert.equal(eb.registered.length, 4);
});
