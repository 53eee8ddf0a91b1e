// The live board's two background loops, without the page: the outbox flush loop (queued note changes sent one
// at a time, in order, while the connection is open) and the catch-up loop (resync over HTTP, retried with a
// growing pause on network trouble). The page gives it the connection and says what to show (board.js, board/context.js).
import { ApiError } from './api.js';
import { classifyFailure } from './outbox.js';

/**
 * @typedef {{isOpen: boolean, send: (cmd: any) => Promise<any>}} SessionConnection
 * @typedef {{forgetToken: boolean, message: string}} SyncFailure the end of the board; message is an i18n key
 * @typedef {object} SessionHooks
 * @property {() => SessionConnection | null} connection
 * @property {() => boolean} isFatal
 * @property {boolean} usingMemberToken whether the token is a participant's (not the facilitator's)
 * @property {() => Promise<unknown>} checkToken asks the HTTP API whether the token still works (rejects with ApiError)
 * @property {() => void} onResynced a catch-up went through
 * @property {(failure: SyncFailure) => void} onFatal the board cannot go on
 * @property {(err: unknown) => void} onTrouble a catch-up failed; it is retried later
 * @property {(code: string | undefined) => void} onDropped a queued command was refused for good
 * @property {() => void} onChange something shown may have changed
 * @property {(run: () => void, ms: number) => unknown} [later] setTimeout
 * @property {(id: any) => void} [cancel] clearTimeout
 */

/**
 * What a failed catch-up means: null to try again later, or the end of the board.
 * @param {unknown} err
 * @param {{usingMemberToken: boolean, loaded: boolean}} who
 * @returns {SyncFailure | null}
 */
export function syncFailure(err, { usingMemberToken, loaded }) {
  if (!(err instanceof ApiError)) return null;
  // the token is gone (logged out, expired, or removed by the facilitator): forget it; a participant who was on
  // the board and loses access was removed (their connection was closed)
  if (err.status === 401)
    return { forgetToken: true, message: usingMemberToken && loaded ? 'board.removed' : 'board.tokenGone' };
  // right after a removal the token may still be known for a moment, but no longer a member: 403
  if (err.status === 403)
    return { forgetToken: false, message: usingMemberToken && loaded ? 'board.removed' : 'board.forbidden' };
  if (err.status === 404) return { forgetToken: false, message: 'board.notFound' };
  return null;
}

export class BoardSession {
  /**
   * @param {{seq: number, loaded: boolean}} model
   * @param {import('./outbox.js').Outbox} outbox
   * @param {{resync: () => Promise<unknown>, syncing: boolean}} sync
   * @param {SessionHooks} hooks
   */
  constructor(model, outbox, sync, hooks) {
    this.model = model;
    this.outbox = outbox;
    this.sync = sync;
    this.hooks = hooks;
    this.later = hooks.later || ((/** @type {() => void} */ run, /** @type {number} */ ms) => setTimeout(run, ms));
    this.cancel = hooks.cancel || ((/** @type {any} */ id) => clearTimeout(id));
    this.resyncDelay = 1000;
    /** @type {unknown} */
    this.resyncTimer = null;
    this.flushing = false;
    /** @type {unknown} */
    this.flushTimer = null;
  }

  /** Runs a catch-up (or the first snapshot load); retries with a growing pause on network trouble. */
  async resync() {
    if (this.hooks.isFatal()) return;
    try {
      await this.sync.resync();
      this.resyncDelay = 1000;
      this.hooks.onResynced();
      this.flush();
    } catch (err) {
      this.handleSyncError(err);
    }
  }

  /** @param {unknown} err */
  handleSyncError(err) {
    const failure = syncFailure(err, { usingMemberToken: this.hooks.usingMemberToken, loaded: this.model.loaded });
    if (failure) return this.hooks.onFatal(failure);
    this.hooks.onTrouble(err);
    if (this.resyncTimer) this.cancel(this.resyncTimer);
    this.resyncTimer = this.later(() => {
      this.resyncTimer = null;
      this.resync();
    }, this.resyncDelay);
    this.resyncDelay = Math.min(this.resyncDelay * 2, 30000);
  }

  /** @param {number} ms */
  flushLater(ms) {
    if (this.flushTimer) return;
    this.flushTimer = this.later(() => {
      this.flushTimer = null;
      this.flush();
    }, ms);
  }

  /** Sends queued commands one at a time, in order, while the connection is open. */
  async flush() {
    const conn = this.hooks.connection();
    if (this.flushing || this.hooks.isFatal() || !conn) return;
    const { outbox, model } = this;
    this.flushing = true;
    try {
      while (conn.isOpen) {
        const entry = outbox.next();
        if (!entry) break;
        outbox.markInflight(entry);
        try {
          const reply = await conn.send(entry.cmd);
          const seq = reply && typeof reply.seq === 'number' ? reply.seq : 0;
          outbox.ack(entry.cid, seq);
          outbox.prune(model.seq);
          if (seq > model.seq) this.checkConfirmedLater(seq);
        } catch (e) {
          const err = /** @type {any} */ (e);
          if (err && err.lost) {
            outbox.retry(entry.cid);
            if (err.reason === 'timeout') this.flushLater(2000);
            break;
          }
          const action = classifyFailure(entry.cmd, err);
          if (action === 'retry') {
            outbox.retry(entry.cid);
            if (err && err.message === 'access_denied') this.checkAccess();
            this.flushLater(3000);
            break;
          }
          outbox.drop(entry.cid);
          if (action === 'drop') this.hooks.onDropped(err && err.message);
        }
        this.hooks.onChange();
      }
    } finally {
      this.flushing = false;
      this.hooks.onChange();
    }
  }

  /**
   * The reply said the change has seq N; its event should arrive soon. If it does not, catch up over HTTP,
   * so a lost event never leaves a note stuck as pending.
   * @param {number} seq
   */
  checkConfirmedLater(seq) {
    this.later(() => {
      if (this.model.seq < seq && !this.sync.syncing) this.resync();
    }, 3000);
  }

  /** The bridge refused us (access_denied): ask the HTTP API whether the token still works. */
  async checkAccess() {
    try {
      await this.hooks.checkToken();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403 || err.status === 404))
        this.handleSyncError(err);
    }
  }
}
