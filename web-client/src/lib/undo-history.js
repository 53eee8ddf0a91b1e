// Undo and redo of one's own board actions, sent as ordinary commands (everyone sees them; no special server undo).
// Pure: no DOM, no network, so it is unit-tested in Node. board/undo.js wires it in.
//
// An entry is {do, undo, label, count}: `undo` are the steps that take the action back, `do` the steps that make
// it again (redo). Both are built from the board as it was *before* the command was sent (prepareEntry), and
// checked against the board as it is when they are taken (resolveSteps): a step whose note or group is gone, or
// whose note someone else changed since, is left out, so an undo never overwrites someone else's change.
//
// A step is a command, or the pseudo-command `cluster.join {id, noteId, title}` ("put the note back into group id,
// making the group again with that id and title if it is gone"), with an optional `expect` (fields the note must
// still have, e.g. where my move put it) that is checked and never sent.

/**
 * @typedef {import('./board-model.js').Command} Command
 * @typedef {{x: number, y: number, text?: string, color?: string, clusterId?: string | null}} NoteState
 * @typedef {{notes: Map<string, NoteState>, clusters: Map<string, {title: string}>}} World
 * @typedef {{x?: number, y?: number, text?: string, color?: string, clusterId?: string | null}} Expect
 * @typedef {Command & {expect?: Expect}} Step
 * @typedef {'add' | 'edit' | 'recolour' | 'move' | 'delete' | 'restore' | 'group' | 'ungroup' | 'dissolve' |
 *   'rename' | 'groupMove' | 'arrange'} Label
 * @typedef {{do: Step[], undo: Step[], label: Label, count: number, batch?: number}} Entry
 * @typedef {{commands: Command[], gone: number, changed: number}} Resolved
 * @typedef {{entry: Entry, commands: Command[], gone: number, changed: number}} Taken
 */

export const UNDO_LIMIT = 100;
/** cluster.create takes 1–100 note ids (PROTOCOL) */
const MAX_CREATE = 100;

/** The commands that can be undone; everything else (votes, timer, phases…) is not recorded. */
export const UNDOABLE_OPS = new Set([
  'note.add',
  'note.update',
  'note.move',
  'note.delete',
  'note.restore',
  'cluster.create',
  'cluster.add',
  'note.ungroup',
  'cluster.dissolve',
  'cluster.rename',
  'cluster.move',
  'notes.arrange',
]);

/**
 * Builds the undo entry of a command from the board as the user sees it before it is sent.
 * @param {Command} cmd
 * @param {World} before
 * @param {() => string} makeId makes a client id where the command needs one to be undone (note.add, cluster.create)
 * @returns {{cmd: Command, finish: (reply: any) => Entry | null} | null} the command to send (perhaps with an id
 *   added) and what makes the entry from the server's reply; null when the command cannot be undone
 */
export function prepareEntry(cmd, before, makeId) {
  if (!cmd || !UNDOABLE_OPS.has(cmd.op)) return null;
  /** @param {Entry | null} entry */
  const fixed = (entry, sent = cmd) => (entry ? { cmd: sent, finish: () => entry } : null);
  const note = typeof cmd.id === 'string' ? before.notes.get(cmd.id) : undefined;
  switch (cmd.op) {
    case 'note.add': {
      const sent = typeof cmd.id === 'string' && cmd.id ? cmd : { ...cmd, id: makeId() };
      const id = /** @type {string} */ (sent.id);
      // redo after an undo: the id is kept as a tombstone, so the note comes back with note.restore
      return fixed(
        { do: [{ op: 'note.restore', id }], undo: [{ op: 'note.delete', id }], label: 'add', count: 1 },
        sent,
      );
    }
    case 'note.update': {
      if (!note || typeof cmd.id !== 'string') return null;
      /** @type {Step} */
      const back = { op: 'note.update', id: cmd.id };
      /** @type {Step} */
      const again = { op: 'note.update', id: cmd.id };
      /** @type {Expect} */
      const after = {};
      /** @type {Expect} */
      const was = {};
      if (cmd.text !== undefined && cmd.text !== note.text) {
        back.text = note.text;
        again.text = cmd.text;
        after.text = cmd.text;
        was.text = note.text;
      }
      if (cmd.color !== undefined && cmd.color !== note.color) {
        back.color = note.color;
        again.color = cmd.color;
        after.color = cmd.color;
        was.color = note.color;
      }
      if (back.text === undefined && back.color === undefined) return null;
      back.expect = after;
      again.expect = was;
      return fixed({ do: [again], undo: [back], label: back.text !== undefined ? 'edit' : 'recolour', count: 1 });
    }
    case 'note.move': {
      if (!note || typeof cmd.id !== 'string' || typeof cmd.x !== 'number' || typeof cmd.y !== 'number') return null;
      if (note.x === cmd.x && note.y === cmd.y) return null;
      return fixed({
        do: [{ op: 'note.move', id: cmd.id, x: cmd.x, y: cmd.y, expect: { x: note.x, y: note.y } }],
        undo: [{ op: 'note.move', id: cmd.id, x: note.x, y: note.y, expect: { x: cmd.x, y: cmd.y } }],
        label: 'move',
        count: 1,
      });
    }
    case 'note.delete': {
      if (!note || typeof cmd.id !== 'string') return null;
      // the server keeps the note (with its group and dots) for note.restore
      return fixed({
        do: [{ op: 'note.delete', id: cmd.id }],
        undo: [{ op: 'note.restore', id: cmd.id }],
        label: 'delete',
        count: 1,
      });
    }
    case 'note.restore': {
      if (typeof cmd.id !== 'string') return null;
      return fixed({
        do: [{ op: 'note.restore', id: cmd.id }],
        undo: [{ op: 'note.delete', id: cmd.id }],
        label: 'restore',
        count: 1,
      });
    }
    case 'cluster.create': {
      const ids = Array.isArray(cmd.noteIds)
        ? cmd.noteIds.filter((/** @type {unknown} */ n) => typeof n === 'string')
        : [];
      if (!ids.length) return null;
      const sent = typeof cmd.id === 'string' && cmd.id ? cmd : { ...cmd, id: makeId() };
      const id = /** @type {string} */ (sent.id);
      /** @type {Step[]} */
      const undo = [{ op: 'cluster.dissolve', id }];
      for (const noteId of ids) {
        const old = before.notes.get(noteId)?.clusterId;
        if (old && old !== id) undo.push(joinStep(old, noteId, before));
      }
      /** @type {Step} */
      const again = { op: 'cluster.create', id, noteIds: ids.slice() };
      if (typeof cmd.title === 'string') again.title = cmd.title;
      return fixed({ do: [again], undo, label: 'group', count: ids.length }, sent);
    }
    case 'cluster.add': {
      const noteId = cmd.noteId;
      const n = typeof noteId === 'string' ? before.notes.get(noteId) : undefined;
      if (!n || typeof cmd.id !== 'string' || typeof noteId !== 'string') return null;
      const old = n.clusterId || null;
      if (old === cmd.id) return null;
      /** @type {Step} */
      const back = old
        ? { ...joinStep(old, noteId, before), expect: { clusterId: cmd.id } }
        : { op: 'note.ungroup', noteId, expect: { clusterId: cmd.id } };
      return fixed({
        do: [{ ...joinStep(cmd.id, noteId, before), expect: { clusterId: old } }],
        undo: [back],
        label: 'group',
        count: 1,
      });
    }
    case 'note.ungroup': {
      const noteId = cmd.noteId;
      const n = typeof noteId === 'string' ? before.notes.get(noteId) : undefined;
      const old = n?.clusterId;
      if (!n || !old || typeof noteId !== 'string') return null;
      return fixed({
        do: [{ op: 'note.ungroup', noteId, expect: { clusterId: old } }],
        undo: [{ ...joinStep(old, noteId, before), expect: { clusterId: null } }],
        label: 'ungroup',
        count: 1,
      });
    }
    case 'cluster.dissolve': {
      if (typeof cmd.id !== 'string') return null;
      const cluster = before.clusters.get(cmd.id);
      const members = [];
      for (const [noteId, n] of before.notes) if (n.clusterId === cmd.id) members.push(noteId);
      if (!cluster || !members.length) return null;
      /** @type {Step[]} */
      const undo = [{ op: 'cluster.create', id: cmd.id, noteIds: members.slice(0, MAX_CREATE), title: cluster.title }];
      for (const noteId of members.slice(MAX_CREATE)) undo.push({ op: 'cluster.add', id: cmd.id, noteId });
      return fixed({ do: [{ op: 'cluster.dissolve', id: cmd.id }], undo, label: 'dissolve', count: members.length });
    }
    case 'cluster.rename': {
      const cluster = typeof cmd.id === 'string' ? before.clusters.get(cmd.id) : undefined;
      if (!cluster || typeof cmd.id !== 'string' || typeof cmd.title !== 'string' || cmd.title === cluster.title)
        return null;
      return fixed({
        do: [{ op: 'cluster.rename', id: cmd.id, title: cmd.title }],
        undo: [{ op: 'cluster.rename', id: cmd.id, title: cluster.title }],
        label: 'rename',
        count: 1,
      });
    }
    case 'cluster.move': {
      if (typeof cmd.id !== 'string' || !before.clusters.has(cmd.id)) return null;
      const dx = Number(cmd.dx) || 0;
      const dy = Number(cmd.dy) || 0;
      if (!dx && !dy) return null;
      let count = 0;
      for (const n of before.notes.values()) if (n.clusterId === cmd.id) count++;
      return fixed({
        do: [{ op: 'cluster.move', id: cmd.id, dx, dy }],
        undo: [{ op: 'cluster.move', id: cmd.id, dx: -dx, dy: -dy }],
        label: 'groupMove',
        count,
      });
    }
    case 'notes.arrange': {
      // where every note was; the reply says where the tidy-up put them
      /** @type {Map<string, {x: number, y: number}>} */
      const was = new Map();
      for (const [id, n] of before.notes) was.set(id, { x: n.x, y: n.y });
      return {
        cmd,
        finish: (reply) => {
          const positions = reply && Array.isArray(reply.positions) ? reply.positions : [];
          /** @type {Step[]} */
          const undo = [];
          /** @type {Step[]} */
          const again = [];
          for (const p of positions) {
            const old = p && typeof p.id === 'string' ? was.get(p.id) : undefined;
            if (!old || typeof p.x !== 'number' || typeof p.y !== 'number' || (old.x === p.x && old.y === p.y))
              continue;
            undo.push({ op: 'note.move', id: p.id, x: old.x, y: old.y, expect: { x: p.x, y: p.y } });
            again.push({ op: 'note.move', id: p.id, x: p.x, y: p.y, expect: { x: old.x, y: old.y } });
          }
          return undo.length ? { do: again, undo, label: 'arrange', count: undo.length } : null;
        },
      };
    }
    default:
      return null;
  }
}

/**
 * @param {string} clusterId
 * @param {string} noteId
 * @param {World} world
 * @returns {Step}
 */
function joinStep(clusterId, noteId, world) {
  return { op: 'cluster.join', id: clusterId, noteId, title: world.clusters.get(clusterId)?.title ?? '' };
}

/**
 * @param {NoteState | undefined} note
 * @param {Expect | undefined} expect
 */
function matches(note, expect) {
  if (!note || !expect) return true;
  for (const [key, value] of Object.entries(expect)) {
    const actual = key === 'clusterId' ? note.clusterId || null : /** @type {any} */ (note)[key];
    if (actual !== (key === 'clusterId' ? value || null : value)) return false;
  }
  return true;
}

/**
 * The commands to send for steps, checked against the board as it is now. Expectations are checked against this
 * one state of the board (before any of the steps is sent).
 * @param {Step[]} steps
 * @param {World} now
 * @returns {Resolved} gone: steps left out because their note or group no longer exists; changed: because
 *   someone changed the note since
 */
export function resolveSteps(steps, now) {
  /** @type {Command[]} */
  const commands = [];
  let gone = 0;
  let changed = 0;
  /** groups this list makes again (a later join adds to it) */
  const made = new Set();
  /** groups this list dissolves */
  const dissolved = new Set();
  const clusterThere = (/** @type {string} */ id) => made.has(id) || (now.clusters.has(id) && !dissolved.has(id));
  for (let i = 0; i < steps.length; i++) {
    const { expect, ...cmd } = steps[i];
    const noteId = typeof cmd.noteId === 'string' ? cmd.noteId : cmd.id;
    switch (cmd.op) {
      case 'note.restore':
        // back already (someone restored it): nothing to do
        if (typeof cmd.id === 'string' && !now.notes.has(cmd.id)) commands.push(cmd);
        continue;
      case 'cluster.dissolve':
      case 'cluster.rename':
      case 'cluster.move':
        if (typeof cmd.id !== 'string' || !clusterThere(cmd.id)) {
          gone++;
          continue;
        }
        if (cmd.op === 'cluster.dissolve') dissolved.add(cmd.id);
        commands.push(cmd);
        continue;
      case 'cluster.create': {
        const ids = (Array.isArray(cmd.noteIds) ? cmd.noteIds : []).filter((/** @type {string} */ n) =>
          now.notes.has(n),
        );
        if (!ids.length || typeof cmd.id !== 'string') {
          gone++;
          continue;
        }
        if (clusterThere(cmd.id)) {
          for (const n of ids) commands.push({ op: 'cluster.add', id: cmd.id, noteId: n });
        } else {
          commands.push({ ...cmd, noteIds: ids.slice(0, MAX_CREATE) });
          for (const n of ids.slice(MAX_CREATE)) commands.push({ op: 'cluster.add', id: cmd.id, noteId: n });
          made.add(cmd.id);
        }
        continue;
      }
      case 'cluster.join': {
        const note = typeof noteId === 'string' ? now.notes.get(noteId) : undefined;
        if (!note || typeof cmd.id !== 'string') {
          gone++;
          continue;
        }
        if (!matches(note, expect)) {
          changed++;
          continue;
        }
        if (clusterThere(cmd.id)) {
          commands.push({ op: 'cluster.add', id: cmd.id, noteId });
        } else {
          // the group is gone (it was removed when it was left empty): make it again with its id and title,
          // together with the other notes of these steps that go back into it
          const members = [noteId];
          for (let j = i + 1; j < steps.length; j++) {
            const s = steps[j];
            if (
              s.op === 'cluster.join' &&
              s.id === cmd.id &&
              typeof s.noteId === 'string' &&
              now.notes.has(s.noteId) &&
              matches(now.notes.get(s.noteId), s.expect) &&
              !members.includes(s.noteId) &&
              members.length < MAX_CREATE
            ) {
              members.push(s.noteId);
            }
          }
          /** @type {Command} */
          const create = { op: 'cluster.create', id: cmd.id, noteIds: members };
          if (cmd.title) create.title = cmd.title;
          commands.push(create);
          made.add(cmd.id);
        }
        continue;
      }
      default: {
        // note.update, note.move, note.delete, note.ungroup, cluster.add: the note must still be there
        const note = typeof noteId === 'string' ? now.notes.get(noteId) : undefined;
        if (!note) {
          gone++;
          continue;
        }
        if (!matches(note, expect)) {
          changed++;
          continue;
        }
        if (cmd.op === 'cluster.add' && typeof cmd.id === 'string' && !clusterThere(cmd.id)) {
          gone++;
          continue;
        }
        // a note already in the group (made again above with it) needs no add
        if (
          cmd.op === 'cluster.add' &&
          made.has(cmd.id) &&
          commands.some((c) => c.op === 'cluster.create' && c.id === cmd.id && c.noteIds.includes(noteId))
        )
          continue;
        commands.push(cmd);
      }
    }
  }
  return { commands, gone, changed };
}

/** A bounded undo stack and its redo stack. */
export class UndoHistory {
  /** @param {number} [limit] */
  constructor(limit = UNDO_LIMIT) {
    this.limit = limit;
    /** @type {Entry[]} */
    this.undoStack = [];
    /** @type {Entry[]} */
    this.redoStack = [];
  }

  /**
   * A new action of one's own: on top of the undo stack, and nothing left to redo. Entries with the same `batch`
   * as the top one (commands of one user action, e.g. a selection moved or deleted) become one entry.
   * @param {Entry} entry
   */
  record(entry) {
    this.redoStack = [];
    const top = this.undoStack[this.undoStack.length - 1];
    if (top && entry.batch !== undefined && top.batch === entry.batch) {
      top.do = top.do.concat(entry.do);
      // the later command is taken back first
      top.undo = entry.undo.concat(top.undo);
      if (top.label === entry.label) top.count += entry.count;
      else {
        top.label = entry.label;
        top.count = entry.count;
      }
      return;
    }
    this.undoStack.push({ ...entry, do: entry.do.slice(), undo: entry.undo.slice() });
    if (this.undoStack.length > this.limit) this.undoStack.splice(0, this.undoStack.length - this.limit);
  }

  get canUndo() {
    return this.undoStack.length > 0;
  }

  get canRedo() {
    return this.redoStack.length > 0;
  }

  /** @returns {Entry | null} what undo() would take back */
  peekUndo() {
    return this.undoStack[this.undoStack.length - 1] || null;
  }

  /** @returns {Entry | null} what redo() would make again */
  peekRedo() {
    return this.redoStack[this.redoStack.length - 1] || null;
  }

  /**
   * Takes the last action back: the commands to send, checked against the board now. The entry moves to the redo
   * stack; when none of its steps can be taken any more (its notes are gone or changed by someone else) it is
   * dropped and `commands` is empty.
   * @param {World} now
   * @returns {Taken | null} null when there is nothing to undo
   */
  undo(now) {
    return this.take(this.undoStack, this.redoStack, 'undo', now);
  }

  /**
   * Makes the last undone action again (as undo(), the other way).
   * @param {World} now
   * @returns {Taken | null}
   */
  redo(now) {
    return this.take(this.redoStack, this.undoStack, 'do', now);
  }

  /**
   * @param {Entry[]} from
   * @param {Entry[]} to
   * @param {'undo' | 'do'} side
   * @param {World} now
   * @returns {Taken | null}
   */
  take(from, to, side, now) {
    const entry = from.pop();
    if (!entry) return null;
    const resolved = resolveSteps(entry[side], now);
    if (resolved.commands.length || (!resolved.gone && !resolved.changed)) {
      // an entry moved between the stacks is no longer merged with new actions
      to.push({ ...entry, batch: undefined });
      if (to.length > this.limit) to.splice(0, to.length - this.limit);
    }
    return { entry, ...resolved };
  }

  /**
   * Forgets the newest entry of a stack (an undo or redo that could not be sent at all).
   * @param {'undo' | 'redo'} stack
   */
  dropLast(stack) {
    (stack === 'undo' ? this.undoStack : this.redoStack).pop();
  }

  clear() {
    this.undoStack = [];
    this.redoStack = [];
  }
}
