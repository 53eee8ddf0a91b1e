import { test } from 'node:test';
import assert from 'node:assert/strict';
import { must } from './must.js';
import { BoardModel } from '../src/lib/board-model.js';
import {
  JourneyState,
  normaliseJourney,
  findCell,
  notesInCell,
  emotionPoints,
  curveGeometry,
  pathData,
  placeTargets,
  encodePlace,
  decodePlace,
  stepIndex,
  areaRegions,
  signedScore,
} from '../src/lib/journey-model.js';

const journey = (extra = {}) => ({
  id: 'j1',
  title: 'Palvelupolku nyt',
  kind: 'current',
  stages: [
    { id: 's1', title: 'Tarpeen huomaaminen' },
    { id: 's2', title: 'Avun hakeminen' },
    { id: 's3', title: 'Seuranta' },
  ],
  lanes: [
    { id: 'l1', title: 'Mitä asiakas tekee', kind: 'notes' },
    { id: 'l2', title: 'Kanavat', kind: 'channel' },
    { id: 'l3', title: 'Tunnekäyrä', kind: 'emotion' },
  ],
  cells: [
    { stageId: 's1', laneId: 'l2', text: 'Puhelin' },
    { stageId: 's2', laneId: 'l3', score: -2, why: 'Jono' },
  ],
  ...extra,
});

const snap = (extra = {}) => ({
  id: 'w1',
  title: 'T',
  seq: 5,
  notes: [
    {
      id: 'n1',
      text: 'a',
      x: 0,
      y: 0,
      color: 'yellow',
      createdAt: '2025-01-01T10:00:00Z',
      cell: { journeyId: 'j1', stageId: 's1', laneId: 'l1' },
    },
    { id: 'n2', text: 'b', x: 0, y: 0, color: 'yellow', createdAt: '2025-01-01T09:00:00Z', cell: null },
  ],
  participants: [],
  you: { participantId: 'p1', role: 'participant' },
  journeys: [journey()],
  areas: [{ id: 'a1', title: 'Seuraavat askeleet', hint: 'Kuka, mitä, milloin' }],
  defaults: { voteBudget: 3 },
  ...extra,
});

test('normalise keeps known fields, clamps scores and fixes unknown kinds', () => {
  const j = must(
    normaliseJourney({
      id: 'x',
      title: 5,
      kind: 'weird',
      stages: [{ id: 's', title: 'S' }, null],
      lanes: [{ id: 'l', title: 'L', kind: 'magic' }],
      cells: [{ stageId: 's', laneId: 'l', score: 7 }, { stageId: 1 }],
    }),
  );
  assert.equal(j.title, '');
  assert.equal(j.kind, 'current');
  assert.equal(j.stages.length, 1);
  assert.equal(j.lanes[0].kind, 'notes');
  assert.deepEqual(j.cells, [{ stageId: 's', laneId: 'l', score: 2 }]);
  assert.equal(normaliseJourney(null), null);
});

test('the board model loads journeys, areas and defaults from the snapshot and applies journey events', () => {
  const m = new BoardModel();
  m.loadSnapshot(snap());
  const js = m.journeyState;
  assert.equal(js.list().length, 1);
  assert.equal(js.areas[0].title, 'Seuraavat askeleet');
  assert.equal(js.defaults.voteBudget, 3);
  assert.ok(js.isOnMap(m.notes.get('n1')));
  assert.ok(!js.isOnMap(m.notes.get('n2')));
  assert.equal(must(js.placeOf(m.notes.get('n1'))).stage.title, 'Tarpeen huomaaminen');

  assert.ok(
    m.applyEvent({
      type: 'journey.changed',
      seq: 6,
      journey: journey({ title: 'Uusi nimi', stages: [{ id: 's2', title: 'Avun hakeminen' }] }),
    }),
  );
  assert.equal(must(js.journeys.get('j1')).title, 'Uusi nimi');
  // the stage of n1 is gone: the note is shown on the canvas
  assert.ok(!js.isOnMap(m.notes.get('n1')));

  assert.ok(
    m.applyEvent({
      type: 'note.updated',
      seq: 7,
      note: {
        id: 'n2',
        text: 'b',
        x: 0,
        y: 0,
        color: 'yellow',
        cell: { journeyId: 'j1', stageId: 's2', laneId: 'l1' },
      },
    }),
  );
  assert.ok(js.isOnMap(m.notes.get('n2')));
  assert.ok(m.applyEvent({ type: 'journey.removed', seq: 8, id: 'j1' }));
  assert.equal(js.list().length, 0);
  assert.ok(!js.isOnMap(m.notes.get('n2')));
});

test('a snapshot without journey fields gives empty lists', () => {
  const s = new JourneyState();
  s.loadSnapshot({});
  assert.deepEqual(s.list(), []);
  assert.deepEqual(s.areas, []);
});

test('cells, notes in a cell (oldest first) and emotion points', () => {
  const j = must(normaliseJourney(journey()));
  assert.equal(must(findCell(j, 's1', 'l2')).text, 'Puhelin');
  assert.equal(findCell(j, 's3', 'l2'), null);
  const cell = { journeyId: 'j1', stageId: 's1', laneId: 'l1' };
  const notes = [
    { id: 'b', createdAt: '2025-01-02', cell },
    { id: 'a', createdAt: '2025-01-01', cell },
    { id: 'c', createdAt: '2025-01-01', cell: null },
  ];
  assert.deepEqual(
    notesInCell(notes, 'j1', 's1', 'l1').map((n) => n.id),
    ['a', 'b'],
  );
  assert.deepEqual(emotionPoints(j, 'l3'), [
    { stageId: 's1', score: null, why: '' },
    { stageId: 's2', score: -2, why: 'Jono' },
    { stageId: 's3', score: null, why: '' },
  ]);
});

test('the feelings curve: +2 at the top, gaps break the line', () => {
  const g = curveGeometry([{ score: 2 }, { score: -2 }, { score: null }, { score: 0 }], 100, 120, 10);
  assert.equal(g.segments.length, 2);
  assert.deepEqual(g.segments[0], [
    { x: 50, y: 10 },
    { x: 150, y: 110 },
  ]);
  assert.deepEqual(g.segments[1], [{ x: 350, y: 60 }]);
  assert.deepEqual(
    g.dots.map((d) => d.index),
    [0, 1, 3],
  );
  assert.equal(pathData(g.segments[0]), 'M50 10 L150 110');
});

test('place targets are the notes lanes only; values round-trip', () => {
  const targets = placeTargets([must(normaliseJourney(journey()))]);
  assert.equal(targets.length, 3);
  assert.ok(targets.every((t) => t.lane.id === 'l1'));
  const c = decodePlace(targets[1].value);
  assert.deepEqual(c, { journeyId: 'j1', stageId: 's2', laneId: 'l1' });
  assert.equal(encodePlace(c), targets[1].value);
  assert.equal(decodePlace(''), null);
  assert.equal(decodePlace('a||c'), null);
});

test('step index stops at the edges', () => {
  const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  assert.equal(stepIndex(items, 'a', -1), null);
  assert.equal(stepIndex(items, 'a', 1), 1);
  assert.equal(stepIndex(items, 'c', 1), null);
  assert.equal(stepIndex(items, 'x', 1), null);
});

test('areas become side-by-side regions; scores read with a sign', () => {
  const r = areaRegions(
    [
      { id: 'a', title: 'A', hint: '' },
      { id: 'b', title: 'B', hint: '' },
    ],
    { width: 100, gap: 10, x: 0, y: 0, height: 50 },
  );
  assert.deepEqual(
    r.map((x) => [x.x, x.y, x.width]),
    [
      [0, 0, 100],
      [110, 0, 100],
    ],
  );
  assert.equal(signedScore(2), '+2');
  assert.equal(signedScore(0), '0');
  assert.equal(signedScore(-1), '−1');
});
