// The event-bus connection of one board (PROTOCOL.md "Event bus (SockJS bridge)").
// The EventBus class is injected (the real one from @vertx/eventbus-bridge-client.js in the browser),
// so this is tested in Node with a fake.

/**
 * @typedef {'connecting' | 'online' | 'offline'} ConnectionState
 * @typedef {{failureCode?: number, failureType?: string, message?: string}} BusFailure
 */

export const EB_OPEN = 1;

/**
 * What the server meant by closing the connection with this code (PROTOCOL.md, "Close codes"):
 * 'removed' (4403: a facilitator removed you), 'session_ended' (4401: logged out or the token expired),
 * 'role_changed' (4409: reconnect, you now see the board as your new role) or 'reconnect' (anything else,
 * e.g. 4408 too_slow or a network drop). Only the first two are final; the bus reconnects after the others.
 * 'workshop_closed' (4410: closed or reopened; participants' tokens end, facilitators reconnect to see it) and
 * 'workshop_deleted' (4404: final).
 * @param {number | undefined} code
 * @returns {'removed' | 'erased' | 'session_ended' | 'role_changed' | 'workshop_closed' | 'workshop_deleted' | 'reconnect'}
 */
export function closeMeaning(code) {
  if (code === 4410) return 'workshop_closed';
  if (code === 4404) return 'workshop_deleted';
  if (code === 4403) return 'removed';
  if (code === 4405) return 'erased';
  if (code === 4401) return 'session_ended';
  if (code === 4409) return 'role_changed';
  return 'reconnect';
}

/**
 * Reads the optional ?transports=xhr-streaming,xhr-polling parameter into SockJS options.
 * @param {string} search location.search
 * @returns {{transports?: string[]}}
 */
export function sockJsOptionsFromSearch(search) {
  const params = new URLSearchParams(search || '');
  const raw = params.get('transports');
  if (!raw) return {};
  const transports = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[a-z-]+$/.test(s));
  return transports.length ? { transports } : {};
}

/**
 * Whether a failure is the server's "could not check this now, try again" (PROTOCOL.md: `unavailable`, 503).
 * @param {BusFailure} err
 */
export function isUnavailable(err) {
  return !!err && (err.failureCode === 503 || err.message === 'unavailable');
}

export class BoardConnection {
  /**
   * @param {{
   *   EventBus: any,
   *   url: string,
   *   options?: Record<string, any>,
   *   workshopId: string,
   *   token: string,
   *   onEvent: (body: any) => void,
   *   onPresence: (body: any) => void,
   *   onOpen: () => void,
   *   onState: (state: ConnectionState) => void,
   *   onBusError?: (err: any) => void,
   *   onResubscribed?: () => void,
   *   onClosed?: (meaning: ReturnType<typeof closeMeaning>) => void,
   *   replyTimeoutMs?: number,
   * }} opts
   */
  constructor(opts) {
    this.opts = opts;
    this.replyTimeoutMs = opts.replyTimeoutMs ?? 20000;
    this.eventsAddress = 'workshop.' + opts.workshopId + '.events';
    this.presenceAddress = 'workshop.' + opts.workshopId + '.presence';
    this.cmdAddress = 'workshop.' + opts.workshopId + '.cmd';
    /** @type {ConnectionState} */
    this.state = 'connecting';
    /** @type {Set<(reason: string) => void>} pending reply waiters, failed when the socket closes */
    this.waiters = new Set();
    this.eb = null;
    this.stopped = false;
    /** counts the bus's openings: a registration retried later belongs to the opening it was made in */
    this.opening = 0;
  }

  /**
   * Registers for an address. The server answers a registration it could not check for the moment (database or
   * board not answering) with `unavailable` (503, PROTOCOL.md): that is registered again after a back-off
   * (0.5, 1, 2 … 8 s) for as long as this opening of the bus lasts, and the board catches up on what it missed.
   * Any other failure (a refusal) goes to onBusError.
   * @param {any} eb
   * @param {number} opening
   * @param {string} address
   * @param {(body: any) => void} deliver
   * @param {number} attempt
   */
  subscribe(eb, opening, address, deliver, attempt) {
    const headers = { token: this.opts.token };
    /** @param {BusFailure | null} err @param {{body: any} | null} msg */
    const handler = (err, msg) => {
      if (!err) {
        if (msg) deliver(msg.body);
        return;
      }
      if (!isUnavailable(err)) {
        this.opts.onBusError?.(err);
        return;
      }
      try {
        eb.unregisterHandler(address, { ...headers }, handler);
      } catch {
        /* the bus closed meanwhile: its next opening registers anew */
      }
      setTimeout(
        () => {
          if (this.stopped || this.eb !== eb || this.opening !== opening || eb.state !== EB_OPEN) return;
          this.subscribe(eb, opening, address, deliver, attempt + 1);
          this.opts.onResubscribed?.();
        },
        Math.min(8000, 500 * 2 ** attempt),
      );
    };
    eb.registerHandler(address, { ...headers }, handler);
  }

  start() {
    const { EventBus, url, options } = this.opts;
    // Options go to `new SockJS(url, null, options)` unchanged (transports) and to the bridge client
    // (vertxbus_ping_interval defaults to 5000 ms, under the server's 10 s limit).
    const eb = new EventBus(url, { ...(options || {}) });
    this.eb = eb;
    eb.enableReconnect(true);
    eb.onopen = () => {
      if (this.stopped) return;
      // handlers belong to one SockJS connection: register again on every open
      const opening = ++this.opening;
      this.subscribe(eb, opening, this.eventsAddress, (body) => this.opts.onEvent(body), 0);
      this.subscribe(eb, opening, this.presenceAddress, (body) => this.opts.onPresence(body), 0);
      this.setState('online');
      this.opts.onOpen();
    };
    eb.onclose = (/** @type {any} */ e) => {
      for (const fail of Array.from(this.waiters)) fail('closed');
      this.waiters.clear();
      if (this.stopped) return;
      this.setState('offline');
      this.opts.onClosed?.(closeMeaning(e && typeof e.code === 'number' ? e.code : undefined));
    };
    eb.onerror = (/** @type {unknown} */ err) => {
      this.opts.onBusError?.(err);
    };
    this.setState('connecting');
  }

  /** @param {ConnectionState} state */
  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.opts.onState(state);
  }

  get isOpen() {
    return !!this.eb && this.eb.state === EB_OPEN;
  }

  /**
   * Sends a command and waits for the reply.
   * Resolves with the reply body; rejects with {lost: true} when the reply cannot come (not open, closed,
   * timed out) or with the bus failure {failureCode, failureType, message} when the server refused it.
   * @param {any} command
   * @returns {Promise<any>}
   */
  send(command) {
    return new Promise((resolve, reject) => {
      if (!this.isOpen) {
        reject({ lost: true, reason: 'not_open' });
        return;
      }
      let settled = false;
      /** @param {string} reason */
      const fail = (reason) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.waiters.delete(fail);
        reject({ lost: true, reason });
      };
      const timer = setTimeout(() => fail('timeout'), this.replyTimeoutMs);
      this.waiters.add(fail);
      try {
        this.eb.send(
          this.cmdAddress,
          command,
          { token: this.opts.token },
          (/** @type {any} */ err, /** @type {any} */ msg) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            this.waiters.delete(fail);
            if (err) reject(err);
            else resolve(msg ? msg.body : null);
          },
        );
      } catch {
        fail('send_threw');
      }
    });
  }

  stop() {
    this.stopped = true;
    try {
      this.eb?.close();
    } catch {
      /* already closed */
    }
  }
}
