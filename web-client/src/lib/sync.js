// Keeping the local board in step with the server (PROTOCOL.md "Catching up").
// Pure logic with injected fetchers, so it is unit-tested in Node.
//
// - start/reconnect: handlers are registered first (the caller does that), then resync() loads the snapshot
//   (first time) or the missed events (GET /events?after=seq; 409 snapshot_required -> snapshot);
//   events that arrive meanwhile are buffered and applied afterwards if their seq is newer.
// - an event with seq <= model.seq is ignored; seq == model.seq + 1 is applied; a gap triggers a resync.

/**
 * @typedef {import('./board-model.js').BoardEvent} BoardEvent
 * @typedef {{
 *   snapshot: () => Promise<any>,
 *   eventsAfter: (seq: number) => Promise<{seq: number, events: BoardEvent[]}>,
 * }} SyncSource
 * @typedef {{kind: 'snapshot'} | {kind: 'event', event: BoardEvent, live: boolean}} Change
 */

export class BoardSync {
  /**
   * @param {import('./board-model.js').BoardModel} model
   * @param {SyncSource} source
   * @param {(change: Change) => void} [onChange] called after each snapshot load or applied event
   */
  constructor(model, source, onChange) {
    this.model = model;
    this.source = source;
    this.onChange = onChange || (() => {});
    /** @type {BoardEvent[]} */
    this.buffer = [];
    /** @type {Promise<void> | null} */
    this.running = null;
    this.again = false;
    this.snapshotLoads = 0;
    this.catchUps = 0;
  }

  get syncing() {
    return this.running !== null;
  }

  /**
   * An event from the event bus.
   * @param {BoardEvent} ev
   */
  handleEvent(ev) {
    if (!ev || typeof ev.seq !== 'number') return;
    if (this.running || !this.model.loaded) {
      this.buffer.push(ev);
      return;
    }
    if (ev.seq <= this.model.seq) return;
    if (ev.seq === this.model.seq + 1) {
      this.model.applyEvent(ev, { live: true });
      this.onChange({ kind: 'event', event: ev, live: true });
      this.drainBuffer();
      this.snapshotIfAsked();
      return;
    }
    // a gap: keep the event and fetch what is missing
    this.buffer.push(ev);
    this.resync().catch(() => {});
  }

  /** An event (people erased) asked for the board to be loaded again: the next resync loads a snapshot. */
  snapshotIfAsked() {
    if (!this.model.needsSnapshot) return;
    this.model.needsSnapshot = false;
    if (this.model.removedYou) return;
    this.model.loaded = false;
    this.resync().catch(() => {});
  }

  /** Forget the board (e.g. before a forced reload); the next resync loads a snapshot. */
  reset() {
    this.model.loaded = false;
  }

  /**
   * Brings the model up to date. Calls while one is running make it run once more afterwards.
   * Rejects (with the fetcher's error) when the server could not be asked; the buffer is kept.
   * @returns {Promise<void>}
   */
  resync() {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async () => {
      do {
        this.again = false;
        if (!this.model.loaded) {
          await this.loadSnapshot();
        } else {
          await this.catchUp();
        }
        if (this.drainBuffer()) this.again = true; // a gap remained in the buffer
        if (this.model.needsSnapshot && !this.model.removedYou) {
          this.model.needsSnapshot = false;
          this.model.loaded = false;
          this.again = true;
        }
      } while (this.again);
    };
    this.running = run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async loadSnapshot() {
    const snap = await this.source.snapshot();
    this.model.loadSnapshot(snap);
    this.snapshotLoads++;
    this.onChange({ kind: 'snapshot' });
  }

  async catchUp() {
    this.catchUps++;
    let result;
    try {
      result = await this.source.eventsAfter(this.model.seq);
    } catch (e) {
      const err = /** @type {{code?: string, status?: number} | null} */ (e);
      if (err && (err.code === 'snapshot_required' || err.status === 409)) {
        await this.loadSnapshot();
        return;
      }
      throw e;
    }
    const events = (result && Array.isArray(result.events) ? result.events : []).slice().sort((a, b) => a.seq - b.seq);
    for (const ev of events) {
      if (ev.seq <= this.model.seq) continue;
      if (ev.seq !== this.model.seq + 1) {
        // the server skipped something (should not happen): start over from a snapshot
        await this.loadSnapshot();
        return;
      }
      this.model.applyEvent(ev, { live: false });
      this.onChange({ kind: 'event', event: ev, live: false });
    }
  }

  /**
   * Applies buffered events that follow on; drops old ones.
   * @returns {boolean} true when events remain after a gap (so a catch-up is needed)
   */
  drainBuffer() {
    if (!this.buffer.length) return false;
    this.buffer.sort((a, b) => a.seq - b.seq);
    const rest = [];
    for (const ev of this.buffer) {
      if (ev.seq <= this.model.seq) continue;
      if (ev.seq === this.model.seq + 1) {
        this.model.applyEvent(ev, { live: true });
        this.onChange({ kind: 'event', event: ev, live: true });
      } else {
        rest.push(ev);
      }
    }
    this.buffer = rest;
    return rest.length > 0;
  }
}
