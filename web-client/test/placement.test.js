import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, freeSpot, freeSpots, overlapsAny, boundsOf, fitView } from '../src/board/placement.js';

/** @param {{x: number, y: number}[]} notes */
function noTwoOverlap(notes) {
  for (let i = 0; i < notes.length; i++) {
    for (let j = i + 1; j < notes.length; j++) {
      assert.ok(
        !overlapsAny(notes[i].x, notes[i].y, [notes[j]]),
        `notes ${i} and ${j} overlap: ${JSON.stringify([notes[i], notes[j]])}`,
      );
    }
  }
}

test('a free wished-for spot is taken as it is', () => {
  assert.deepEqual(freeSpot([], { x: 100, y: 50 }), { x: 100, y: 50 });
  assert.deepEqual(freeSpot([{ x: 1000, y: 1000 }], { x: 100.4, y: 49.6 }), { x: 100, y: 50 });
});

test('a taken spot gives the nearest free one, which overlaps nothing', () => {
  const notes = [{ x: 0, y: 0 }];
  const p = freeSpot(notes, { x: 0, y: 0 });
  assert.ok(!overlapsAny(p.x, p.y, notes));
  // the nearest free spot is just beside or below the note, not far away
  assert.ok(Math.hypot(p.x, p.y) <= NOTE.width + 60, JSON.stringify(p));
});

test('many notes asked at the same spot never land on each other', () => {
  const spots = freeSpots([], { x: 500, y: 500 }, 30);
  assert.equal(spots.length, 30);
  noTwoOverlap(spots);
  // and stay near the wished-for spot: within a few note sizes
  for (const s of spots)
    assert.ok(Math.abs(s.x - 500) < 6 * NOTE.width && Math.abs(s.y - 500) < 8 * NOTE.height, JSON.stringify(s));
});

test('a spot among existing notes overlaps none of them', () => {
  const existing = [];
  for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) existing.push({ x: i * 210, y: j * 130 });
  const p = freeSpot(existing, { x: 400, y: 250 });
  noTwoOverlap([...existing, p]);
});

test('overlap counts only real overlap, touching edges do not', () => {
  assert.ok(overlapsAny(10, 10, [{ x: 0, y: 0 }]));
  assert.ok(!overlapsAny(NOTE.width, 0, [{ x: 0, y: 0 }]));
  assert.ok(!overlapsAny(0, NOTE.height, [{ x: 0, y: 0 }]));
  assert.ok(overlapsAny(NOTE.width, 0, [{ x: 0, y: 0 }], NOTE, 1));
});

test('the spot stays inside the coordinates the server accepts', () => {
  const p = freeSpot([], { x: 999999, y: -999999 }, NOTE, 100000);
  assert.ok(p.x + NOTE.width <= 100000 && p.y >= -100000, JSON.stringify(p));
});

test('bounds and fit show every note', () => {
  assert.equal(boundsOf([]), null);
  const notes = [
    { x: -300, y: 100 },
    { x: 900, y: 700 },
  ];
  const box = boundsOf(notes);
  assert.deepEqual(box, { x: -300, y: 100, width: 1400, height: 720 });
  const view = { width: 1000, height: 500 };
  const { zoom, pan } = fitView(/** @type {any} */ (box), view, { margin: 20 });
  for (const n of notes) {
    const left = n.x * zoom + pan.x;
    const top = n.y * zoom + pan.y;
    assert.ok(
      left >= 19 &&
        top >= 19 &&
        left + NOTE.width * zoom <= view.width - 19 &&
        top + NOTE.height * zoom <= view.height - 19,
      JSON.stringify({ left, top, zoom }),
    );
  }
  // one note is not blown up beyond the largest zoom
  assert.equal(fitView(/** @type {any} */ (boundsOf([{ x: 0, y: 0 }])), view).zoom, 1.5);
});
