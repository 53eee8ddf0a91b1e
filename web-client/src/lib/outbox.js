// Commands waiting to reach the server, in the order they were made. Pure logic with an injected store,
// so it is unit-tested in Node.
//
// Life of an entry: queued -> (sent) inflight -> acked (reply with seq) -> removed once the board has
// applied that seq, so the optimistic view never flickers back. A lost reply (socket closed) puts the entry
// back to queued; resending is safe: note.add carries its client-made id (a resend is a no-op on the server),
// update/move set absolute values, and a repeated delete only gets note_not_found, which counts as done.

/**
 * @typedef {import('./board-model.js').Command} Command
 * @typedef {{cid: string, cmd: Command, state: 'queued' | 'inflight' | 'acked', ackSeq?: number}} Entry
 * @typedef {{load: () => any, save: (entries: {cid: string, cmd: Command}[]) => void}} OutboxStore
 */

export class Outbox {
  /**
   * @param {OutboxStore} [store]
   * @param {() => string} [makeId]
   */
  constructor(store, makeId) {
    this.store = store || { load: () => null, save: () => {} };
    let n = 0;
    this.makeId = makeId || (() => 'c' + Date.now().toString(36) + '-' + (n++).toString(36));
    /** @type {Entry[]} */
    this.entries = [];
    const saved = this.store.load();
    if (Array.isArray(saved)) {
      for (const e of saved) {
        if (e && typeof e.cid === 'string' && e.cmd && typeof e.cmd.op === 'string') {
          this.entries.push({ cid: e.cid, cmd: e.cmd, state: 'queued' });
        }
      }
    }
  }

  /**
   * Adds a command. A move right after a queued (not yet sent) move of the same note replaces it.
   * @param {Command} cmd
   * @returns {Entry}
   */
  enqueue(cmd) {
    const last = this.entries[this.entries.length - 1];
    if (
      cmd.op === 'note.move' &&
      last &&
      last.state === 'queued' &&
      last.cmd.op === 'note.move' &&
      last.cmd.id === cmd.id
    ) {
      last.cmd = { ...cmd };
      this.persist();
      return last;
    }
    /** @type {Entry} */
    const entry = { cid: this.makeId(), cmd: { ...cmd }, state: 'queued' };
    this.entries.push(entry);
    this.persist();
    return entry;
  }

  /** @returns {Entry | null} the next entry to send, if nothing is in flight (strict order) */
  next() {
    for (const e of this.entries) {
      if (e.state === 'inflight') return null;
      if (e.state === 'queued') return e;
    }
    return null;
  }

  /** @param {Entry} entry */
  markInflight(entry) {
    entry.state = 'inflight';
  }

  /**
   * The server accepted the command.
   * @param {string} cid
   * @param {number} seq the workshop seq in the reply
   */
  ack(cid, seq) {
    const e = this.find(cid);
    if (!e) return;
    e.state = 'acked';
    e.ackSeq = typeof seq === 'number' ? seq : 0;
    this.persist();
  }

  /**
   * The server refused the command (or it counts as done): forget it.
   * @param {string} cid
   */
  drop(cid) {
    const i = this.entries.findIndex((e) => e.cid === cid);
    if (i >= 0) {
      this.entries.splice(i, 1);
      this.persist();
    }
  }

  /**
   * The reply was lost (connection closed, timeout): send it again later.
   * @param {string} cid
   */
  retry(cid) {
    const e = this.find(cid);
    if (e && e.state === 'inflight') e.state = 'queued';
  }

  /** Everything in flight goes back to queued (the socket closed). */
  requeueInflight() {
    for (const e of this.entries) if (e.state === 'inflight') e.state = 'queued';
  }

  /**
   * Removes acked entries whose effect the board has now applied.
   * @param {number} boardSeq
   * @returns {boolean} whether anything was removed
   */
  prune(boardSeq) {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => !(e.state === 'acked' && (e.ackSeq ?? 0) <= boardSeq));
    return this.entries.length !== before;
  }

  /** @param {string} cid */
  find(cid) {
    return this.entries.find((e) => e.cid === cid) || null;
  }

  /** @returns {Command[]} commands still to show on top of the confirmed board */
  pendingCommands() {
    return this.entries.map((e) => e.cmd);
  }

  /** @returns {number} commands the server has not yet confirmed */
  get unsentCount() {
    return this.entries.filter((e) => e.state !== 'acked').length;
  }

  /** @returns {Set<string>} ids of notes with unconfirmed changes */
  pendingNoteIds() {
    const ids = new Set();
    for (const e of this.entries) if (e.state !== 'acked' && e.cmd.id) ids.add(e.cmd.id);
    return ids;
  }

  persist() {
    // acked entries are on the server already; only what still has to be sent survives a reload
    this.store.save(this.entries.filter((e) => e.state !== 'acked').map((e) => ({ cid: e.cid, cmd: e.cmd })));
  }
}

/**
 * What to do with a failure reply from the server for a command.
 * @param {Command} cmd
 * @param {{failureCode?: number, failureType?: string, message?: string}} err
 * @returns {'done' | 'retry' | 'drop'} done: treat as success; retry: keep and send later; drop: refused
 */
export function classifyFailure(cmd, err) {
  const code = err && err.message;
  const status = err && err.failureCode;
  if (cmd.op === 'note.delete' && code === 'note_not_found') return 'done';
  if (code === 'storage_unavailable' || status === 503) return 'retry';
  // event-bus level failures (no server-side handler yet, timeout): not a refusal of the command
  if (err && (err.failureType === 'NO_HANDLERS' || err.failureType === 'TIMEOUT')) return 'retry';
  if (code === 'access_denied') return 'retry';
  return 'drop';
}
