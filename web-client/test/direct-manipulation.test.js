import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  observableSet,
  boxBetween,
  intersects,
  idsInRect,
  toBoard,
  panKeeping,
  pinch,
  spotBeside,
} from '../src/lib/direct-manipulation.js';

test('the selection set tells its listeners only about real changes', () => {
  const s = observableSet();
  let calls = 0;
  const off = s.subscribe(() => calls++);
  s.toggle('a');
  s.toggle('b');
  assert.deepEqual(s.ids(), ['a', 'b']);
  assert.equal(s.size, 2);
  s.add(['a']);
  assert.equal(calls, 2, 'adding what is there is no change');
  s.toggle('a');
  assert.ok(!s.has('a'));
  s.keepOnly((id) => id !== 'b');
  assert.equal(s.size, 0);
  s.clear();
  assert.equal(calls, 4, 'clearing an empty set is no change');
  off();
  s.set(['x']);
  assert.equal(calls, 4);
});

test('a selection rectangle hits the boxes it touches, from either corner', () => {
  const rect = boxBetween({ x: 300, y: 300 }, { x: 100, y: 100 });
  assert.deepEqual(rect, { x: 100, y: 100, width: 200, height: 200 });
  const boxes = /** @type {[string, {x: number, y: number, width: number, height: number}][]} */ ([
    ['in', { x: 150, y: 150, width: 20, height: 20 }],
    ['edge', { x: 280, y: 290, width: 200, height: 120 }],
    ['touching', { x: 300, y: 100, width: 50, height: 50 }],
    ['out', { x: 400, y: 400, width: 10, height: 10 }],
  ]);
  assert.deepEqual(idsInRect(rect, boxes), ['in', 'edge']);
  assert.ok(!intersects({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 10, height: 10 }));
});

test('zooming around a point keeps the board point under it', () => {
  const pan = { x: 40, y: -20 };
  const screen = { x: 500, y: 300 };
  const before = toBoard(screen, pan, 1);
  const next = panKeeping(screen, pan, 1, 2);
  const after = toBoard(screen, next, 2);
  assert.ok(Math.abs(before.x - after.x) < 1e-9 && Math.abs(before.y - after.y) < 1e-9);
});

test("a pinch zooms by the fingers' distance and keeps the midpoint's board point under the fingers", () => {
  const start = { a: { x: 100, y: 100 }, b: { x: 200, y: 100 }, pan: { x: 0, y: 0 }, zoom: 1 };
  const spread = pinch(start, { a: { x: 50, y: 100 }, b: { x: 250, y: 100 } }, (z) => z);
  assert.equal(spread.zoom, 2);
  assert.deepEqual(toBoard({ x: 150, y: 100 }, spread.pan, spread.zoom), { x: 150, y: 100 });
  const moved = pinch(start, { a: { x: 130, y: 160 }, b: { x: 230, y: 160 } }, (z) => z);
  assert.equal(moved.zoom, 1);
  assert.deepEqual(moved.pan, { x: 30, y: 60 }, 'two fingers moving together pan');
  assert.equal(pinch(start, { a: { x: 0, y: 100 }, b: { x: 1000, y: 100 } }, (z) => Math.min(z, 5)).zoom, 5);
});

test('a note joining another is put beside it, never over a note', () => {
  const size = { width: 200, height: 120 };
  const target = { x: 0, y: 0, ...size };
  assert.deepEqual(spotBeside(target, size, [target]), { x: 216, y: 0 });
  const right = { x: 216, y: 0, ...size };
  assert.deepEqual(spotBeside(target, size, [target, right]), { x: 0, y: 136 });
  const spot = spotBeside(target, size, [target, right, { x: 0, y: 136, ...size }, { x: -216, y: 0, ...size }]);
  assert.deepEqual(spot, { x: 0, y: -136 });
});
