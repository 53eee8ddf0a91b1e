import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UndoHistory, prepareEntry, resolveSteps, UNDO_LIMIT } from '../src/lib/undo-history.js';
import { must } from './must.js';

/**
 * @typedef {import('../src/lib/undo-history.js').World} World
 * @typedef {import('../src/lib/undo-history.js').NoteState} NoteState
 */

/**
 * @param {Record<string, Partial<NoteState>>} notes
 * @param {Record<string, string>} [clusters] id -> title
 * @returns {World}
 */
function world(notes, clusters = {}) {
  return {
    notes: new Map(
      Object.entries(notes).map(([id, n]) => [id, { x: 0, y: 0, text: 't', color: 'yellow', clusterId: null, ...n }]),
    ),
    clusters: new Map(Object.entries(clusters).map(([id, title]) => [id, { title }])),
  };
}

let counter = 0;
const makeId = () => 'made' + String(++counter).padStart(6, '0');

/**
 * @param {import('../src/lib/board-model.js').Command} cmd
 * @param {World} before
 * @param {any} [reply]
 */
function entryOf(cmd, before, reply = {}) {
  const prepared = must(prepareEntry(cmd, before, makeId), 'an undoable command');
  return { sent: prepared.cmd, entry: must(prepared.finish(reply), 'an entry') };
}

test('note.add: undo deletes the id the client made (one is added when missing); redo restores it', () => {
  const { sent, entry } = entryOf({ op: 'note.add', id: 'note0001', text: 'hi', x: 1, y: 2 }, world({}));
  assert.equal(sent.id, 'note0001');
  assert.deepEqual(entry.undo, [{ op: 'note.delete', id: 'note0001' }]);
  assert.deepEqual(entry.do, [{ op: 'note.restore', id: 'note0001' }]);
  assert.equal(entry.label, 'add');
  const noId = entryOf({ op: 'note.add', text: 'hi' }, world({}));
  assert.match(String(noId.sent.id), /^made/);
  assert.deepEqual(noId.entry.undo, [{ op: 'note.delete', id: noId.sent.id }]);
});

test('note.update: text and colour back, labelled edit or recolour; nothing changed is not recorded', () => {
  const before = world({ a: { text: 'old', color: 'yellow' } });
  const edit = entryOf({ op: 'note.update', id: 'a', text: 'new' }, before).entry;
  assert.equal(edit.label, 'edit');
  assert.deepEqual(resolveSteps(edit.undo, world({ a: { text: 'new' } })).commands, [
    { op: 'note.update', id: 'a', text: 'old' },
  ]);
  const colour = entryOf({ op: 'note.update', id: 'a', color: 'pink' }, before).entry;
  assert.equal(colour.label, 'recolour');
  assert.deepEqual(resolveSteps(colour.undo, world({ a: { color: 'pink' } })).commands, [
    { op: 'note.update', id: 'a', color: 'yellow' },
  ]);
  assert.deepEqual(resolveSteps(colour.do, world({ a: { color: 'yellow' } })).commands, [
    { op: 'note.update', id: 'a', color: 'pink' },
  ]);
  assert.equal(prepareEntry({ op: 'note.update', id: 'a', text: 'old' }, before, makeId), null);
  assert.equal(prepareEntry({ op: 'note.update', id: 'missing', text: 'x' }, before, makeId), null);
});

test('note.move back; note.delete -> note.restore; note.restore -> note.delete', () => {
  const before = world({ a: { x: 10, y: 20 } });
  const move = entryOf({ op: 'note.move', id: 'a', x: 300, y: 400 }, before).entry;
  assert.equal(move.label, 'move');
  assert.deepEqual(resolveSteps(move.undo, world({ a: { x: 300, y: 400 } })).commands, [
    { op: 'note.move', id: 'a', x: 10, y: 20 },
  ]);
  assert.deepEqual(resolveSteps(move.do, world({ a: { x: 10, y: 20 } })).commands, [
    { op: 'note.move', id: 'a', x: 300, y: 400 },
  ]);
  assert.equal(prepareEntry({ op: 'note.move', id: 'a', x: 10, y: 20 }, before, makeId), null, 'no move');
  const del = entryOf({ op: 'note.delete', id: 'a' }, before).entry;
  assert.deepEqual(del.undo, [{ op: 'note.restore', id: 'a' }]);
  assert.deepEqual(del.do, [{ op: 'note.delete', id: 'a' }]);
  assert.deepEqual(resolveSteps(del.undo, world({})).commands, [{ op: 'note.restore', id: 'a' }]);
  // someone restored it already: nothing to send, and not an error
  assert.deepEqual(resolveSteps(del.undo, before), { commands: [], gone: 0, changed: 0 });
  const restore = entryOf({ op: 'note.restore', id: 'a' }, world({})).entry;
  assert.deepEqual(restore.undo, [{ op: 'note.delete', id: 'a' }]);
});

test('cluster.create -> cluster.dissolve of the id the client made, notes back into their old groups', () => {
  const before = world({ a: {}, b: { clusterId: 'old00001' } }, { old00001: 'Old group' });
  const { sent, entry } = entryOf({ op: 'cluster.create', noteIds: ['a', 'b'], title: 'New' }, before);
  const id = String(sent.id);
  assert.match(id, /^made/);
  assert.equal(entry.label, 'group');
  assert.equal(entry.count, 2);
  // after the create the old group was left empty and removed by the server
  const after = world({ a: { clusterId: id }, b: { clusterId: id } }, { [id]: 'New' });
  assert.deepEqual(resolveSteps(entry.undo, after).commands, [
    { op: 'cluster.dissolve', id },
    { op: 'cluster.create', id: 'old00001', noteIds: ['b'], title: 'Old group' },
  ]);
  // the old group is still there: b is added back to it
  const afterKept = world(
    { a: { clusterId: id }, b: { clusterId: id }, c: { clusterId: 'old00001' } },
    { [id]: 'New', old00001: 'Old group' },
  );
  assert.deepEqual(resolveSteps(entry.undo, afterKept).commands.slice(1), [
    { op: 'cluster.add', id: 'old00001', noteId: 'b' },
  ]);
  // redo makes the same group again with the same id
  assert.deepEqual(resolveSteps(entry.do, before).commands, [
    { op: 'cluster.create', id, noteIds: ['a', 'b'], title: 'New' },
  ]);
  // a client id given is kept
  assert.equal(entryOf({ op: 'cluster.create', id: 'given001', noteIds: ['a'] }, before).sent.id, 'given001');
});

test('cluster.add -> note.ungroup (or back to the old group); note.ungroup -> back to the group, made again if gone', () => {
  const before = world({ a: {}, b: { clusterId: 'g0000001' } }, { g0000001: 'G' });
  const add = entryOf({ op: 'cluster.add', id: 'g0000001', noteId: 'a' }, before).entry;
  const grouped = world({ a: { clusterId: 'g0000001' }, b: { clusterId: 'g0000001' } }, { g0000001: 'G' });
  assert.deepEqual(resolveSteps(add.undo, grouped).commands, [{ op: 'note.ungroup', noteId: 'a' }]);
  assert.deepEqual(resolveSteps(add.do, before).commands, [{ op: 'cluster.add', id: 'g0000001', noteId: 'a' }]);

  const fromOther = world({ a: { clusterId: 'h0000001' } }, { h0000001: 'H', g0000001: 'G' });
  const move = entryOf({ op: 'cluster.add', id: 'g0000001', noteId: 'a' }, fromOther).entry;
  // h was left empty and removed: made again with its id and title
  assert.deepEqual(resolveSteps(move.undo, world({ a: { clusterId: 'g0000001' } }, { g0000001: 'G' })).commands, [
    { op: 'cluster.create', id: 'h0000001', noteIds: ['a'], title: 'H' },
  ]);

  const ungroup = entryOf({ op: 'note.ungroup', noteId: 'b' }, before).entry;
  assert.equal(ungroup.label, 'ungroup');
  assert.deepEqual(resolveSteps(ungroup.undo, world({ a: {}, b: {} })).commands, [
    { op: 'cluster.create', id: 'g0000001', noteIds: ['b'], title: 'G' },
  ]);
  assert.deepEqual(
    resolveSteps(ungroup.undo, world({ b: {}, c: { clusterId: 'g0000001' } }, { g0000001: 'G' })).commands,
    [{ op: 'cluster.add', id: 'g0000001', noteId: 'b' }],
  );
  assert.deepEqual(resolveSteps(ungroup.do, before).commands, [{ op: 'note.ungroup', noteId: 'b' }]);
  assert.equal(prepareEntry({ op: 'note.ungroup', noteId: 'a' }, before, makeId), null, 'not in a group');
});

test('cluster.dissolve -> the group made again with its members; rename back; cluster.move by -dx/-dy', () => {
  const before = world({ a: { clusterId: 'g0000001' }, b: { clusterId: 'g0000001' }, c: {} }, { g0000001: 'Ideas' });
  const dissolve = entryOf({ op: 'cluster.dissolve', id: 'g0000001' }, before).entry;
  assert.equal(dissolve.label, 'dissolve');
  assert.deepEqual(resolveSteps(dissolve.undo, world({ a: {}, b: {}, c: {} })).commands, [
    { op: 'cluster.create', id: 'g0000001', noteIds: ['a', 'b'], title: 'Ideas' },
  ]);
  assert.deepEqual(resolveSteps(dissolve.do, before).commands, [{ op: 'cluster.dissolve', id: 'g0000001' }]);

  const rename = entryOf({ op: 'cluster.rename', id: 'g0000001', title: 'Better' }, before).entry;
  assert.deepEqual(resolveSteps(rename.undo, before).commands, [
    { op: 'cluster.rename', id: 'g0000001', title: 'Ideas' },
  ]);

  const move = entryOf({ op: 'cluster.move', id: 'g0000001', dx: 50, dy: -30 }, before).entry;
  assert.equal(move.label, 'groupMove');
  assert.equal(move.count, 2);
  assert.deepEqual(resolveSteps(move.undo, before).commands, [{ op: 'cluster.move', id: 'g0000001', dx: -50, dy: 30 }]);
  // the group is gone: nothing to move
  assert.deepEqual(resolveSteps(move.undo, world({ a: {} })), { commands: [], gone: 1, changed: 0 });
});

test('a dissolved group of more than 100 notes comes back as one create and adds', () => {
  /** @type {Record<string, Partial<NoteState>>} */
  const notes = {};
  for (let i = 0; i < 103; i++) notes['n' + String(i).padStart(7, '0')] = { clusterId: 'g0000001' };
  const entry = entryOf({ op: 'cluster.dissolve', id: 'g0000001' }, world(notes, { g0000001: 'Big' })).entry;
  /** @type {Record<string, Partial<NoteState>>} */
  const loose = {};
  for (const id of Object.keys(notes)) loose[id] = {};
  const { commands } = resolveSteps(entry.undo, world(loose));
  assert.equal(commands.length, 4);
  assert.equal(commands[0].op, 'cluster.create');
  assert.equal(commands[0].noteIds.length, 100);
  assert.deepEqual(
    commands.slice(1).map((c) => c.op),
    ['cluster.add', 'cluster.add', 'cluster.add'],
  );
});

test('notes.arrange: undo moves back each note the reply says it moved; redo moves them again', () => {
  const before = world({ a: { x: 0, y: 0 }, b: { x: 500, y: 500 }, c: { x: 7, y: 7 } });
  const prepared = must(prepareEntry({ op: 'notes.arrange', by: 'group' }, before, makeId));
  const entry = must(
    prepared.finish({
      arranged: 3,
      positions: [
        { id: 'a', x: 0, y: 0 },
        { id: 'b', x: 220, y: 0 },
        { id: 'c', x: 0, y: 140 },
      ],
    }),
  );
  assert.equal(entry.label, 'arrange');
  assert.equal(entry.count, 2);
  const arranged = world({ a: { x: 0, y: 0 }, b: { x: 220, y: 0 }, c: { x: 0, y: 140 } });
  assert.deepEqual(resolveSteps(entry.undo, arranged).commands, [
    { op: 'note.move', id: 'b', x: 500, y: 500 },
    { op: 'note.move', id: 'c', x: 7, y: 7 },
  ]);
  assert.deepEqual(resolveSteps(entry.do, before).commands, [
    { op: 'note.move', id: 'b', x: 220, y: 0 },
    { op: 'note.move', id: 'c', x: 0, y: 140 },
  ]);
  assert.equal(prepared.finish({ positions: [{ id: 'a', x: 0, y: 0 }] }), null, 'nothing moved');
});

test('commands that cannot be undone are not recorded', () => {
  for (const op of ['vote.cast', 'timer.start', 'phase.activate', 'presence.hand', 'note.place', 'settings.update']) {
    assert.equal(prepareEntry({ op }, world({}), makeId), null, op);
  }
});

test('undo and redo move entries between the stacks; a new action clears redo', () => {
  const h = new UndoHistory();
  const before = world({ a: { x: 0, y: 0 } });
  h.record(entryOf({ op: 'note.move', id: 'a', x: 100, y: 0 }, before).entry);
  assert.ok(h.canUndo);
  assert.ok(!h.canRedo);
  assert.equal(must(h.peekUndo()).label, 'move');
  const undone = must(h.undo(world({ a: { x: 100, y: 0 } })));
  assert.deepEqual(undone.commands, [{ op: 'note.move', id: 'a', x: 0, y: 0 }]);
  assert.ok(!h.canUndo);
  assert.ok(h.canRedo);
  const redone = must(h.redo(world({ a: { x: 0, y: 0 } })));
  assert.deepEqual(redone.commands, [{ op: 'note.move', id: 'a', x: 100, y: 0 }]);
  assert.ok(h.canUndo);
  must(h.undo(world({ a: { x: 100, y: 0 } })));
  assert.ok(h.canRedo);
  h.record(entryOf({ op: 'note.update', id: 'a', color: 'blue' }, before).entry);
  assert.ok(!h.canRedo, 'a new action clears redo');
  assert.equal(h.undo(world({})) && h.undo(world({})), null, 'nothing left');
});

test('the history is bounded', () => {
  const h = new UndoHistory();
  for (let i = 0; i < UNDO_LIMIT + 20; i++)
    h.record({ do: [], undo: [{ op: 'note.delete', id: 'n' + i }], label: 'add', count: 1 });
  assert.equal(h.undoStack.length, UNDO_LIMIT);
  assert.deepEqual(must(h.peekUndo()).undo, [{ op: 'note.delete', id: 'n' + (UNDO_LIMIT + 19) }]);
  assert.deepEqual(h.undoStack[0].undo, [{ op: 'note.delete', id: 'n20' }]);
  const small = new UndoHistory(3);
  for (let i = 0; i < 5; i++) small.record({ do: [], undo: [], label: 'add', count: 1 });
  assert.equal(small.undoStack.length, 3);
});

test('entries of one batch (a selection action) are one entry: one undo takes them all back, last first', () => {
  const h = new UndoHistory();
  const before = world({ a: { x: 0, y: 0 }, b: { x: 10, y: 10 } });
  const m1 = entryOf({ op: 'note.move', id: 'a', x: 100, y: 0 }, before).entry;
  const m2 = entryOf({ op: 'note.move', id: 'b', x: 110, y: 10 }, before).entry;
  h.record({ ...m1, batch: 7 });
  h.record({ ...m2, batch: 7 });
  assert.equal(h.undoStack.length, 1);
  assert.equal(must(h.peekUndo()).count, 2);
  const undone = must(h.undo(world({ a: { x: 100, y: 0 }, b: { x: 110, y: 10 } })));
  assert.deepEqual(undone.commands, [
    { op: 'note.move', id: 'b', x: 10, y: 10 },
    { op: 'note.move', id: 'a', x: 0, y: 0 },
  ]);
  // a drag onto another note: a move and a group in one action is labelled by the group
  const h2 = new UndoHistory();
  h2.record({ ...m1, batch: 8 });
  h2.record({ ...entryOf({ op: 'cluster.create', noteIds: ['b', 'a'] }, before).entry, batch: 8 });
  assert.equal(must(h2.peekUndo()).label, 'group');
  assert.equal(must(h2.peekUndo()).undo[0].op, 'cluster.dissolve');
  assert.equal(must(h2.peekUndo()).undo[1].op, 'note.move');
  // another batch is another entry
  h2.record({ ...m2, batch: 9 });
  assert.equal(h2.undoStack.length, 2);
});

test('a step whose note is gone is skipped; an entry with nothing left is dropped', () => {
  const h = new UndoHistory();
  const before = world({ a: { x: 0, y: 0 }, b: { x: 0, y: 0 } });
  h.record({ ...entryOf({ op: 'note.move', id: 'a', x: 100, y: 0 }, before).entry, batch: 1 });
  h.record({ ...entryOf({ op: 'note.move', id: 'b', x: 100, y: 0 }, before).entry, batch: 1 });
  // b was deleted by someone else: a still goes back
  const partly = must(h.undo(world({ a: { x: 100, y: 0 } })));
  assert.deepEqual(partly.commands, [{ op: 'note.move', id: 'a', x: 0, y: 0 }]);
  assert.equal(partly.gone, 1);
  assert.ok(h.canRedo, 'partly undone: can be redone');

  const h2 = new UndoHistory();
  h2.record(entryOf({ op: 'note.update', id: 'a', text: 'mine' }, world({ a: { text: 'first' } })).entry);
  const none = must(h2.undo(world({})));
  assert.deepEqual(none.commands, []);
  assert.equal(none.gone, 1);
  assert.ok(!h2.canUndo && !h2.canRedo, 'dropped');
});

test("an undo never overwrites someone else's later change", () => {
  const h = new UndoHistory();
  h.record(entryOf({ op: 'note.move', id: 'a', x: 100, y: 0 }, world({ a: { x: 0, y: 0 } })).entry);
  // someone else moved the note after me
  const taken = must(h.undo(world({ a: { x: 555, y: 5 } })));
  assert.deepEqual(taken.commands, []);
  assert.equal(taken.changed, 1);
  assert.ok(!h.canUndo && !h.canRedo);
  // someone else edited the text after my edit: my edit is not taken back
  const h2 = new UndoHistory();
  h2.record(entryOf({ op: 'note.update', id: 'a', text: 'mine' }, world({ a: { text: 'first' } })).entry);
  assert.equal(must(h2.undo(world({ a: { text: 'theirs' } }))).changed, 1);
  // someone else put the note in another group after I grouped it
  const h3 = new UndoHistory();
  h3.record(entryOf({ op: 'cluster.add', id: 'g0000001', noteId: 'a' }, world({ a: {} }, { g0000001: 'G' })).entry);
  assert.equal(must(h3.undo(world({ a: { clusterId: 'h0000001' } }, { g0000001: 'G', h0000001: 'H' }))).changed, 1);
});

test('an entry moved to redo is not merged with a later action of the same batch number', () => {
  const h = new UndoHistory();
  const before = world({ a: { x: 0, y: 0 } });
  h.record({ ...entryOf({ op: 'note.move', id: 'a', x: 100, y: 0 }, before).entry, batch: 3 });
  must(h.undo(world({ a: { x: 100, y: 0 } })));
  must(h.redo(world({ a: { x: 0, y: 0 } })));
  h.record({ ...entryOf({ op: 'note.move', id: 'a', x: 200, y: 0 }, world({ a: { x: 100, y: 0 } })).entry, batch: 3 });
  assert.equal(h.undoStack.length, 2);
});
