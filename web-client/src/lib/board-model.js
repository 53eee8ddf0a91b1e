// The board as the server confirmed it (snapshot + events), and the view with local pending commands on top.
// Pure: no DOM, no network, so it is unit-tested in Node.
import { JourneyState } from './journey-model.js';
import { outcomesFromList, applyOutcomeEvent } from './outcomes-model.js';

/**
 * @typedef {{id: string, text: string, x: number, y: number, color: string, authorId?: string,
 *   createdAt?: string, updatedAt?: string, hidden?: boolean, clusterId?: string | null, mine?: boolean,
 *   cell?: {journeyId: string, stageId: string, laneId: string} | null}} Note
 * @typedef {{id: string, name: string, role?: string, online?: boolean, removed?: boolean}} Participant
 * @typedef {{type: string, seq: number, workshopId?: string, at?: string, by?: string,
 *   note?: Note, participant?: Participant, id?: string, x?: number, y?: number, [key: string]: any}} BoardEvent
 * @typedef {{op: string, id?: string, text?: string, x?: number, y?: number, color?: string, [key: string]: any}} Command
 * @typedef {Note & {pending?: boolean}} ViewNote
 * @typedef {{locked: boolean, anonymous: boolean, anonymousToFacilitators: boolean, privateMode: boolean,
 *   facilitatorsSeePrivate: boolean}} Settings
 * @typedef {{id: string, title: string, instructions: string}} Phase
 * @typedef {{state: 'stopped' | 'running' | 'paused', endsAt: number | null, remainingMs: number, durationMs: number}} Timer
 * @typedef {{follow: {x: number, y: number, zoom: number, by?: string} | null,
 *   focus: {noteId?: string, clusterId?: string} | null}} ViewState
 * @typedef {{id: string, title: string}} Cluster
 * @typedef {{targetId: string, kind: string, votes: number, rank: number}} VoteResult
 * @typedef {{id: string, state: string, targets: string, budget: number, maxPerItem: number, secret: boolean,
 *   endsAt: number | null, cast: number, myVotes: Map<string, number>, tally: Map<string, number> | null,
 *   results: VoteResult[] | null}} Vote
 */

export const ROLES = ['facilitator', 'cofacilitator', 'participant', 'observer'];

/** @returns {Settings} */
export function defaultSettings() {
  return {
    locked: false,
    anonymous: false,
    anonymousToFacilitators: false,
    privateMode: false,
    facilitatorsSeePrivate: false,
  };
}

/** @returns {Timer} */
export function stoppedTimer() {
  return { state: 'stopped', endsAt: null, remainingMs: 0, durationMs: 0 };
}

export class BoardModel {
  constructor() {
    this.loaded = false;
    /** journey maps, template areas and defaults (journey-model.js) */
    this.journeyState = new JourneyState();
    /** the seq of the last event applied (or of the snapshot) */
    this.seq = 0;
    this.id = '';
    this.title = '';
    this.joinCode = '';
    this.template = '';
    /** @type {{participantId: string, role: string} | null} */
    this.you = null;
    /** @type {Map<string, Note>} */
    this.notes = new Map();
    /** @type {Map<string, Participant>} */
    this.participants = new Map();
    /** @type {Set<string>} ids of participants online (from presence) */
    this.online = new Set();
    /** set once a presence message was seen; before that, the snapshot's online flags count */
    this.presenceSeen = false;
    /** @type {Set<string>} participants who said they are ready (presence) */
    this.ready = new Set();
    /** @type {Set<string>} participants with a raised hand (presence) */
    this.hands = new Set();
    /** @type {Settings} */
    this.settings = defaultSettings();
    /** @type {Phase[]} */
    this.phases = [];
    /** @type {string | null} */
    this.currentPhaseId = null;
    /** @type {Timer} */
    this.timer = stoppedTimer();
    /** server clock minus local clock, in ms (from serverTime at receipt) */
    this.clockOffset = 0;
    /** @type {ViewState} */
    this.view = { follow: null, focus: null };
    /** @type {Map<string, Cluster>} */
    this.clusters = new Map();
    /** @type {Vote | null} the current or last vote */
    this.vote = null;
    /** @type {Vote[]} closed votes with results, oldest first */
    this.votes = [];
    /** set when an event said that you were removed from the workshop */
    this.removedYou = false;
    /** This person was erased (they left with their notes, or a facilitator erased them). */
    this.erasedYou = false;
    /** An event said the board must be loaded again from a snapshot ({@code participants.erased}). */
    this.needsSnapshot = false;
    /** @type {Map<string, import('./outcomes-model.js').Outcome>} decisions and action items */
    this.outcomes = new Map();
    /** the id of the public "what happened to our ideas" page ('' when the server gives none) */
    this.publicId = '';
    /** when the workshop was closed (ISO), or '' while it is open: the board is read-only then */
    this.closedAt = '';
    /** when retention erased the workshop's pseudonyms (ISO), or '' */
    this.anonymisedAt = '';
  }

  /** @returns {string} your role ('' before the snapshot) */
  get role() {
    return (this.you && this.you.role) || '';
  }

  /** facilitator or cofacilitator */
  get isFacilitator() {
    return this.role === 'facilitator' || this.role === 'cofacilitator';
  }

  get isObserver() {
    return this.role === 'observer';
  }

  /** whether the workshop is closed: the board is read-only for everyone, facilitators too */
  get isClosed() {
    return !!this.closedAt;
  }

  /** a facilitator of an open workshop: may run it (phases, timer, votes, settings, maps, outcomes, people) */
  get canRun() {
    return this.isFacilitator && !this.isClosed;
  }

  /** whether you may add, change, move and group notes now */
  get canEditNotes() {
    if (!this.you || this.isObserver || this.isClosed) return false;
    return !this.settings.locked || this.isFacilitator;
  }

  /** whether you may cast dots in the open vote */
  get canVote() {
    return !!this.you && !this.isObserver && !this.isClosed && !!this.vote && this.vote.state === 'open';
  }

  /** @returns {Phase | null} */
  get currentPhase() {
    return this.phases.find((p) => p.id === this.currentPhaseId) || null;
  }

  /**
   * Replaces everything with a snapshot (GET /api/workshops/{id}).
   * @param {any} snap
   */
  loadSnapshot(snap, now = Date.now()) {
    this.loaded = true;
    this.journeyState.loadSnapshot(snap);
    this.seq = Number(snap.seq) || 0;
    this.id = snap.id || this.id;
    this.title = typeof snap.title === 'string' ? snap.title : '';
    this.joinCode = snap.joinCode || '';
    this.template = snap.template || '';
    this.you = snap.you || null;
    this.notes = new Map();
    for (const n of snap.notes || []) {
      if (n && typeof n.id === 'string') this.notes.set(n.id, normaliseNote(n));
    }
    this.participants = new Map();
    for (const p of snap.participants || []) {
      if (p && typeof p.id === 'string') this.participants.set(p.id, { ...p });
    }
    if (!this.presenceSeen) {
      /** @type {{id: string, online?: boolean, ready?: boolean, hand?: boolean}[]} */
      const people = (snap.participants || []).filter(
        (/** @type {any} */ p) => p && !p.removed && typeof p.id === 'string',
      );
      this.online = new Set(people.filter((p) => p.online).map((p) => p.id));
      this.ready = new Set(people.filter((p) => p.ready === true).map((p) => p.id));
      this.hands = new Set(people.filter((p) => p.hand === true).map((p) => p.id));
    }
    const meP = this.you && this.participants.get(this.you.participantId);
    this.removedYou = !!(meP && meP.removed);
    this.settings = normaliseSettings(snap.settings);
    this.setPhases(snap.phases, snap.currentPhaseId);
    if (typeof snap.serverTime === 'number') this.clockOffset = snap.serverTime - now;
    this.timer = normaliseTimer(snap.timer);
    this.view = normaliseView(snap.view);
    this.clusters = new Map();
    for (const c of snap.clusters || []) {
      if (c && typeof c.id === 'string')
        this.clusters.set(c.id, { id: c.id, title: typeof c.title === 'string' ? c.title : '' });
    }
    this.vote = snap.vote ? normaliseVote(snap.vote, null) : null;
    this.votes = [];
    for (const v of Array.isArray(snap.votes) ? snap.votes : []) {
      if (v && typeof v.id === 'string') this.votes.push(normaliseVote({ ...v, state: v.state || 'closed' }, null));
    }
    if (this.vote && this.vote.state === 'closed' && this.vote.results) this.rememberClosed(this.vote);
    this.outcomes = outcomesFromList(snap.outcomes);
    this.publicId = typeof snap.publicId === 'string' ? snap.publicId : '';
    this.closedAt = typeof snap.closedAt === 'string' ? snap.closedAt : '';
    this.anonymisedAt = typeof snap.anonymisedAt === 'string' ? snap.anonymisedAt : '';
  }

  /**
   * @param {any} phases
   * @param {any} currentPhaseId
   */
  setPhases(phases, currentPhaseId) {
    this.phases = (Array.isArray(phases) ? phases : [])
      .filter((p) => p && typeof p.id === 'string')
      .map((p) => ({
        id: p.id,
        title: typeof p.title === 'string' ? p.title : '',
        instructions: typeof p.instructions === 'string' ? p.instructions : '',
      }));
    this.currentPhaseId = typeof currentPhaseId === 'string' ? currentPhaseId : null;
  }

  /** @param {Vote} vote a closed vote with results: kept in the history (replacing an older copy) */
  rememberClosed(vote) {
    const i = this.votes.findIndex((v) => v.id === vote.id);
    if (i >= 0) this.votes[i] = vote;
    else this.votes.push(vote);
  }

  /**
   * Applies one event. The caller makes sure events come in seq order (see sync.js); this only refuses
   * events that are not the next one.
   * @param {BoardEvent} ev
   * @param {{now?: number, live?: boolean}} [opts] live: false for an event from a catch-up
   * @returns {boolean} whether it was applied
   */
  applyEvent(ev, opts = {}) {
    if (!ev || typeof ev.seq !== 'number' || ev.seq !== this.seq + 1) return false;
    const now = opts.now ?? Date.now();
    this.journeyState.applyEvent(ev);
    switch (ev.type) {
      case 'note.added':
      case 'note.updated':
      case 'note.restored':
        if (ev.note && typeof ev.note.id === 'string') this.notes.set(ev.note.id, normaliseNote(ev.note));
        break;
      case 'note.moved': {
        const n = ev.id ? this.notes.get(ev.id) : undefined;
        if (n) this.notes.set(n.id, { ...n, x: Number(ev.x), y: Number(ev.y) });
        break;
      }
      case 'notes.arranged':
      case 'cluster.moved':
        // a whole group (or a tidy-up) in one event: each member's resulting position (only those you may see)
        for (const p of Array.isArray(ev.positions) ? ev.positions : []) {
          const n = p && typeof p.id === 'string' ? this.notes.get(p.id) : undefined;
          if (n && Number.isFinite(Number(p.x)) && Number.isFinite(Number(p.y))) {
            this.notes.set(p.id, { ...n, x: Number(p.x), y: Number(p.y) });
          }
        }
        break;
      case 'note.deleted':
        if (ev.id) this.notes.delete(ev.id);
        break;
      case 'participant.joined':
        if (ev.participant && typeof ev.participant.id === 'string') {
          const old = this.participants.get(ev.participant.id);
          this.participants.set(ev.participant.id, { ...old, ...ev.participant });
        }
        break;
      case 'participant.role': {
        const p = this.participants.get(ev.participantId);
        if (p && typeof ev.role === 'string') this.participants.set(p.id, { ...p, role: ev.role });
        if (this.you && ev.participantId === this.you.participantId && typeof ev.role === 'string') {
          this.you = { ...this.you, role: ev.role };
        }
        break;
      }
      case 'participants.erased': {
        // People erased (PROTOCOL.md, "Retention and data-subject requests"): they leave the list; which notes lost
        // their author or went is not in the event, so the board is loaded again from a snapshot.
        const ids = Array.isArray(ev.participantIds) ? ev.participantIds : [];
        for (const id of ids) {
          this.participants.delete(id);
          this.online.delete(id);
          this.ready.delete(id);
          this.hands.delete(id);
        }
        if (this.you && ids.includes(this.you.participantId)) {
          this.removedYou = true;
          this.erasedYou = true;
        }
        this.needsSnapshot = true;
        break;
      }
      case 'participant.removed': {
        const p = this.participants.get(ev.participantId);
        if (p) this.participants.set(p.id, { ...p, removed: true, online: false });
        this.online.delete(ev.participantId);
        this.ready.delete(ev.participantId);
        this.hands.delete(ev.participantId);
        if (this.you && ev.participantId === this.you.participantId) this.removedYou = true;
        break;
      }
      case 'settings.changed':
        this.settings = normaliseSettings(ev.settings);
        break;
      case 'notes.revealed':
        // every hidden note is visible now (the event carries the ones we did not have)
        for (const [id, n] of this.notes) if (n.hidden) this.notes.set(id, { ...n, hidden: false });
        for (const n of Array.isArray(ev.notes) ? ev.notes : []) {
          if (n && typeof n.id === 'string') this.notes.set(n.id, normaliseNote({ ...n, hidden: false }));
        }
        break;
      case 'phases.changed':
        this.setPhases(ev.phases, ev.currentPhaseId);
        break;
      case 'timer.changed':
        // only a live event tells the clock offset; a caught-up one carries an old serverTime
        if (opts.live !== false && typeof ev.serverTime === 'number') this.clockOffset = ev.serverTime - now;
        this.timer = normaliseTimer(ev.timer);
        break;
      case 'view.changed':
        this.view = normaliseView(ev.view);
        break;
      case 'cluster.changed':
        if (ev.cluster && typeof ev.cluster.id === 'string') {
          this.clusters.set(ev.cluster.id, {
            id: ev.cluster.id,
            title: typeof ev.cluster.title === 'string' ? ev.cluster.title : '',
          });
        }
        break;
      case 'cluster.removed':
        if (ev.id) this.clusters.delete(ev.id);
        for (const [id, n] of this.notes) if (n.clusterId === ev.id) this.notes.set(id, { ...n, clusterId: null });
        break;
      case 'vote.opened': {
        const previous = this.vote && ev.vote && this.vote.id === ev.vote.id ? this.vote : null;
        this.vote = ev.vote ? normaliseVote({ ...ev.vote, state: 'open' }, previous) : null;
        const opened = this.vote;
        if (opened && !opened.secret && !opened.tally && previous && previous.results) {
          // a closed vote opened again keeps its dots: an open vote's tally is its results until the next dot
          opened.tally = new Map(previous.results.filter((r) => r.votes > 0).map((r) => [r.targetId, r.votes]));
        }
        if (opened) this.votes = this.votes.filter((v) => v.id !== opened.id);
        break;
      }
      case 'vote.cast':
      case 'vote.retracted':
        this.applyVoteChange(ev);
        break;
      case 'vote.closed':
        if (ev.vote) {
          const previous = this.vote && this.vote.id === ev.vote.id ? this.vote : null;
          this.vote = normaliseVote({ ...ev.vote, state: 'closed' }, previous);
          if (this.vote.results) this.rememberClosed(this.vote);
        }
        break;
      case 'outcome.changed':
      case 'outcome.removed':
        applyOutcomeEvent(this.outcomes, ev);
        break;
      case 'noop':
      default:
        // an event we may not see, or a type this client does not know yet: the seq still moves on
        break;
    }
    this.seq = ev.seq;
    return true;
  }

  /** @param {BoardEvent} ev vote.cast or vote.retracted */
  applyVoteChange(ev) {
    const v = this.vote;
    if (!v || (ev.voteId && ev.voteId !== v.id)) return;
    const next = { ...v, myVotes: new Map(v.myVotes) };
    if (typeof ev.cast === 'number') next.cast = ev.cast;
    const tally = toCountMap(ev.tally);
    if (tally) next.tally = tally;
    // PROTOCOL: your own dots' events carry "mine": true in every vote (a secret vote's carry targetId only for
    // yours): counted from events, a reconnect's catch-up and a second tab know them too
    if (typeof ev.targetId === 'string' && (ev.mine === true || v.secret)) {
      const before = next.myVotes.get(ev.targetId) || 0;
      const after = ev.type === 'vote.cast' ? before + 1 : Math.max(0, before - 1);
      if (after) next.myVotes.set(ev.targetId, after);
      else next.myVotes.delete(ev.targetId);
    }
    this.vote = next;
  }

  /** @returns {number} dots you have used in the current vote */
  myDotsUsed() {
    let n = 0;
    if (this.vote) for (const c of this.vote.myVotes.values()) n += c;
    return n;
  }

  /** @returns {number} dots you have left in the current vote */
  myDotsLeft() {
    return this.vote ? Math.max(0, this.vote.budget - this.myDotsUsed()) : 0;
  }

  /**
   * Whether notes or clusters can get dots in the current open vote.
   * @param {'note' | 'cluster'} kind
   */
  voteTargets(kind) {
    const v = this.vote;
    if (!v || v.state !== 'open') return false;
    return v.targets === 'both' || v.targets === kind + 's';
  }

  /** @param {any} body presence body {type:'presence', online:[...], ready?:[...], hands?:[...]} */
  applyPresence(body) {
    if (!body || !Array.isArray(body.online)) return;
    this.presenceSeen = true;
    const ids = (/** @type {any} */ list) =>
      new Set((Array.isArray(list) ? list : []).filter((x) => typeof x === 'string'));
    this.online = ids(body.online);
    if (Array.isArray(body.ready)) this.ready = ids(body.ready);
    if (Array.isArray(body.hands)) this.hands = ids(body.hands);
  }

  /** @returns {Participant[]} everyone who has not been removed, yourself first, then by name */
  activeParticipants() {
    const me = this.you?.participantId;
    const list = Array.from(this.participants.values())
      .filter((p) => !p.removed)
      .map((p) => ({ ...p, online: this.online.has(p.id) || p.id === me }));
    list.sort((a, b) => (a.id === me ? -1 : b.id === me ? 1 : (a.name || '').localeCompare(b.name || '')));
    return list;
  }

  /**
   * Notes of each cluster, in list order.
   * @param {Iterable<ViewNote>} notes
   * @returns {{clusters: {cluster: Cluster, notes: ViewNote[]}[], loose: ViewNote[]}}
   */
  groupNotes(notes) {
    return groupByCluster(notes, this.clusters);
  }

  /** @param {string | undefined} id */
  participantName(id) {
    return (id && this.participants.get(id)?.name) || '';
  }

  /** @returns {Participant[]} online participants, sorted by name, yourself first */
  onlineParticipants() {
    const me = this.you?.participantId;
    /** @type {Participant[]} */
    const list = [];
    for (const id of this.online) {
      const p = this.participants.get(id);
      if (p && p.removed) continue;
      list.push(p ? { ...p, online: true } : { id, name: '', online: true });
    }
    if (me && !this.online.has(me) && this.participants.has(me)) {
      // we are online by definition when we look at the board
      const p = this.participants.get(me);
      if (p) list.push({ ...p, online: true });
    }
    list.sort((a, b) => (a.id === me ? -1 : b.id === me ? 1 : a.name.localeCompare(b.name)));
    return list;
  }
}

/** @param {any} s @returns {Settings} */
function normaliseSettings(s) {
  const out = defaultSettings();
  if (s && typeof s === 'object')
    for (const k of /** @type {(keyof Settings)[]} */ (Object.keys(out))) out[k] = s[k] === true;
  return out;
}

/** @param {any} t @returns {Timer} */
function normaliseTimer(t) {
  if (!t || typeof t !== 'object') return stoppedTimer();
  const state = t.state === 'running' || t.state === 'paused' ? t.state : 'stopped';
  return {
    state,
    endsAt: typeof t.endsAt === 'number' ? t.endsAt : null,
    remainingMs: Number(t.remainingMs) || 0,
    durationMs: Number(t.durationMs) || 0,
  };
}

/** @param {any} v @returns {ViewState} */
function normaliseView(v) {
  const follow =
    v && v.follow && Number.isFinite(Number(v.follow.x)) && Number.isFinite(Number(v.follow.y))
      ? {
          x: Number(v.follow.x),
          y: Number(v.follow.y),
          zoom: Number(v.follow.zoom) || 1,
          by: typeof v.follow.by === 'string' ? v.follow.by : undefined,
        }
      : null;
  let focus = null;
  if (v && v.focus && typeof v.focus.noteId === 'string') focus = { noteId: v.focus.noteId };
  else if (v && v.focus && typeof v.focus.clusterId === 'string') focus = { clusterId: v.focus.clusterId };
  return { follow, focus };
}

/**
 * {"a":2} or [{"targetId":"a","votes":2}] or ["a","a"] -> Map a->2
 * @param {any} x
 * @returns {Map<string, number> | null}
 */
export function toCountMap(x) {
  if (!x) return null;
  const m = new Map();
  if (Array.isArray(x)) {
    for (const item of x) {
      if (typeof item === 'string') m.set(item, (m.get(item) || 0) + 1);
      else if (item && typeof item.targetId === 'string')
        m.set(item.targetId, (m.get(item.targetId) || 0) + (Number(item.votes ?? item.count) || 0));
    }
  } else if (typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) if (Number(v) > 0) m.set(k, Number(v));
  }
  return m;
}

/**
 * @param {any} v
 * @param {Vote | null} previous the same vote as known before (its own dots are kept when the event lacks them)
 * @returns {Vote}
 */
function normaliseVote(v, previous) {
  const results = Array.isArray(v.results)
    ? v.results
        .filter((/** @type {any} */ r) => r && typeof r.targetId === 'string')
        .map((/** @type {any} */ r, /** @type {number} */ i) => ({
          targetId: String(r.targetId),
          kind: r.kind === 'cluster' ? 'cluster' : 'note',
          votes: Number(r.votes) || 0,
          rank: Number(r.rank) || i + 1,
        }))
        .sort((/** @type {VoteResult} */ a, /** @type {VoteResult} */ b) => a.rank - b.rank || b.votes - a.votes)
    : null;
  return {
    id: String(v.id || ''),
    state: v.state === 'closed' ? 'closed' : 'open',
    targets: v.targets === 'clusters' || v.targets === 'both' ? v.targets : 'notes',
    budget: Number(v.budget) || 0,
    maxPerItem: Number(v.maxPerItem) || 0,
    secret: v.secret !== false,
    endsAt: typeof v.endsAt === 'number' ? v.endsAt : null,
    cast: typeof v.cast === 'number' ? v.cast : previous ? previous.cast : 0,
    myVotes: toCountMap(v.myVotes) || (previous ? previous.myVotes : new Map()),
    tally: toCountMap(v.tally) || (previous && v.state !== 'closed' ? previous.tally : null),
    results,
  };
}

/**
 * @param {Iterable<ViewNote>} notes
 * @param {Map<string, Cluster>} clusters
 * @returns {{clusters: {cluster: Cluster, notes: ViewNote[]}[], loose: ViewNote[]}}
 */
export function groupByCluster(notes, clusters) {
  /** @type {Map<string, ViewNote[]>} */
  const by = new Map();
  const loose = [];
  for (const n of listOrder(notes)) {
    if (n.clusterId && clusters.has(n.clusterId)) {
      const list = by.get(n.clusterId);
      if (list) list.push(n);
      else by.set(n.clusterId, [n]);
    } else {
      loose.push(n);
    }
  }
  const out = [];
  for (const c of clusters.values()) {
    const list = by.get(c.id);
    if (list) out.push({ cluster: c, notes: list });
  }
  return { clusters: out, loose };
}

/** @param {any} n @returns {Note} */
function normaliseNote(n) {
  return {
    ...n,
    text: typeof n.text === 'string' ? n.text : '',
    x: Number.isFinite(Number(n.x)) ? Number(n.x) : 0,
    y: Number.isFinite(Number(n.y)) ? Number(n.y) : 0,
    color: typeof n.color === 'string' ? n.color : 'yellow',
  };
}

/**
 * The notes as the user should see them: the confirmed notes with the local, not yet confirmed commands on top.
 * @param {Map<string, Note>} notes confirmed notes
 * @param {Command[]} pending commands in the order they were made
 * @param {string} [authorId] the local participant (author of pending new notes)
 * @returns {Map<string, ViewNote>}
 */
export function applyPending(notes, pending, authorId) {
  /** @type {Map<string, ViewNote>} */
  const view = new Map(notes);
  for (const cmd of pending) {
    if (!cmd || typeof cmd.id !== 'string') continue;
    const current = view.get(cmd.id);
    switch (cmd.op) {
      case 'note.add':
        if (!current) {
          view.set(cmd.id, {
            id: cmd.id,
            text: cmd.text || '',
            x: cmd.x ?? 0,
            y: cmd.y ?? 0,
            color: cmd.color || 'yellow',
            authorId,
            mine: true,
            pending: true,
          });
        }
        break;
      case 'note.update':
        if (current) {
          const next = { ...current, pending: true };
          if (cmd.text !== undefined) next.text = cmd.text;
          if (cmd.color !== undefined) next.color = cmd.color;
          view.set(cmd.id, next);
        }
        break;
      case 'note.move':
        if (current && typeof cmd.x === 'number' && typeof cmd.y === 'number')
          view.set(cmd.id, { ...current, x: cmd.x, y: cmd.y, pending: true });
        break;
      case 'note.delete':
        view.delete(cmd.id);
        break;
      case 'cluster.move':
        for (const [id, n] of view) {
          if (n.clusterId === cmd.id)
            view.set(id, { ...n, x: n.x + (cmd.dx || 0), y: n.y + (cmd.dy || 0), pending: true });
        }
        break;
      default:
        break;
    }
  }
  return view;
}

/**
 * What the local person's notes take of the per-person quotas (PROTOCOL: Limits): how many there are and how many
 * characters (code points) they hold. Notes you wrote carry `mine: true`, or your id as `authorId`.
 * @param {Iterable<ViewNote>} notes the notes as shown (confirmed and pending)
 * @param {string} me your participant id
 * @returns {{notes: number, characters: number}}
 */
export function ownUsage(notes, me) {
  let count = 0;
  let characters = 0;
  for (const n of notes) {
    if (!n || !(n.mine === true || (me && n.authorId === me))) continue;
    count++;
    characters += Array.from(n.text || '').length;
  }
  return { notes: count, characters };
}

/**
 * The refusal the server would give a new note of this text from you, so the form can say so at once: '' when it
 * fits, else the error code (`note_quota_exceeded`, `text_quota_exceeded`).
 * @param {Iterable<ViewNote>} notes
 * @param {string} me
 * @param {string} text
 * @param {{maxNotesPerParticipant?: number, maxTextPerParticipant?: number}} limits from /api/config (absent: no check)
 */
export function quotaRefusal(notes, me, text, limits) {
  const used = ownUsage(notes, me);
  if (typeof limits.maxNotesPerParticipant === 'number' && used.notes >= limits.maxNotesPerParticipant) {
    return 'note_quota_exceeded';
  }
  if (
    typeof limits.maxTextPerParticipant === 'number' &&
    used.characters + Array.from(text).length > limits.maxTextPerParticipant
  ) {
    return 'text_quota_exceeded';
  }
  return '';
}

/**
 * Notes in reading order for the list view: creation time, then id; pending new notes last.
 * @param {Iterable<ViewNote>} notes
 * @returns {ViewNote[]}
 */
export function listOrder(notes) {
  return Array.from(notes).sort((a, b) => {
    const ca = a.createdAt || '\uffff';
    const cb = b.createdAt || '\uffff';
    if (ca !== cb) return ca < cb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * A position for a new note near the centre of what is visible, stepping aside so notes don't stack exactly.
 * @param {{x: number, y: number}} centre the board coordinate at the centre of the visible area
 * @param {Iterable<{x: number, y: number}>} existing
 * @param {{width: number, height: number}} noteSize
 * @param {number} max the coordinate limit (PROTOCOL: ±100,000)
 */
export function placeNewNote(centre, existing, noteSize, max = 100000) {
  const taken = new Set();
  for (const n of existing) taken.add(Math.round(n.x) + ',' + Math.round(n.y));
  const baseX = Math.round(centre.x - noteSize.width / 2);
  const baseY = Math.round(centre.y - noteSize.height / 2);
  for (let i = 0; i < 200; i++) {
    // a small spiral-ish cascade: 24 px diagonal steps, wrapping into new columns
    const x = baseX + (i % 8) * 24 + Math.floor(i / 8) * 36;
    const y = baseY + (i % 8) * 24;
    if (!taken.has(x + ',' + y)) return { x: clamp(x, max), y: clamp(y, max) };
  }
  return { x: clamp(baseX, max), y: clamp(baseY, max) };
}

/** @param {number} v @param {number} max */
export function clamp(v, max = 100000) {
  return Math.max(-max, Math.min(max, v));
}
