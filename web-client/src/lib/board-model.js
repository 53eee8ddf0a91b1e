// The board as the server confirmed it (snapshot + events), and the view with local pending commands on top.
// Pure: no DOM, no network, so it is unit-tested in Node.

/**
 * @typedef {{id: string, text: string, x: number, y: number, color: string, authorId?: string,
 *   createdAt?: string, updatedAt?: string}} Note
 * @typedef {{id: string, name: string, role?: string, online?: boolean}} Participant
 * @typedef {{type: string, seq: number, workshopId?: string, at?: string, by?: string,
 *   note?: Note, participant?: Participant, id?: string, x?: number, y?: number}} BoardEvent
 * @typedef {{op: string, id?: string, text?: string, x?: number, y?: number, color?: string}} Command
 * @typedef {Note & {pending?: boolean}} ViewNote
 */

export class BoardModel {
  constructor() {
    this.loaded = false;
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
  }

  /**
   * Replaces everything with a snapshot (GET /api/workshops/{id}).
   * @param {any} snap
   */
  loadSnapshot(snap) {
    this.loaded = true;
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
      this.online = new Set((snap.participants || []).filter((p) => p && p.online).map((p) => p.id));
    }
  }

  /**
   * Applies one event. The caller makes sure events come in seq order (see sync.js); this only refuses
   * events that are not the next one.
   * @param {BoardEvent} ev
   * @returns {boolean} whether it was applied
   */
  applyEvent(ev) {
    if (!ev || typeof ev.seq !== 'number' || ev.seq !== this.seq + 1) return false;
    switch (ev.type) {
      case 'note.added':
      case 'note.updated':
        if (ev.note && typeof ev.note.id === 'string') this.notes.set(ev.note.id, normaliseNote(ev.note));
        break;
      case 'note.moved': {
        const n = this.notes.get(ev.id);
        if (n) this.notes.set(ev.id, { ...n, x: Number(ev.x), y: Number(ev.y) });
        break;
      }
      case 'note.deleted':
        this.notes.delete(ev.id);
        break;
      case 'participant.joined':
        if (ev.participant && typeof ev.participant.id === 'string') {
          const old = this.participants.get(ev.participant.id);
          this.participants.set(ev.participant.id, { ...old, ...ev.participant });
        }
        break;
      default:
        // an event type this client does not know yet: the seq still moves on (PROTOCOL: ignore unknown things)
        break;
    }
    this.seq = ev.seq;
    return true;
  }

  /** @param {any} body presence body {type:'presence', online:[...]} */
  applyPresence(body) {
    if (!body || !Array.isArray(body.online)) return;
    this.presenceSeen = true;
    this.online = new Set(body.online.filter((x) => typeof x === 'string'));
  }

  /** @param {string | undefined} id */
  participantName(id) {
    return (id && this.participants.get(id)?.name) || '';
  }

  /** @returns {Participant[]} online participants, sorted by name, yourself first */
  onlineParticipants() {
    const me = this.you?.participantId;
    const list = [];
    for (const id of this.online) {
      const p = this.participants.get(id);
      list.push(p ? { ...p, online: true } : { id, name: '', online: true });
    }
    if (me && !this.online.has(me) && this.participants.has(me)) {
      // we are online by definition when we look at the board
      list.push({ ...this.participants.get(me), online: true });
    }
    list.sort((a, b) => (a.id === me ? -1 : b.id === me ? 1 : a.name.localeCompare(b.name)));
    return list;
  }
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
        if (current) view.set(cmd.id, { ...current, x: cmd.x, y: cmd.y, pending: true });
        break;
      case 'note.delete':
        view.delete(cmd.id);
        break;
      default:
        break;
    }
  }
  return view;
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
