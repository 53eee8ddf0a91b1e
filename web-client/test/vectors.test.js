// The shared protocol vectors (protocol-vectors/ at the repository root, see its README): each vector's events, as the
// server sends them to the vector's viewer, applied by board-model.js give the state the vector expects. The server's
// Board applies the same vectors (ProtocolVectorsTest), so the browser and the server cannot drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BoardModel, toCountMap } from '../src/lib/board-model.js';
import { normaliseJourney } from '../src/lib/journey-model.js';

const dir = fileURLToPath(new URL('../../protocol-vectors/', import.meta.url));
const vectors = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...JSON.parse(readFileSync(dir + file, 'utf8')) }));

/** @param {any} item @returns {any} the event as the server sends it to the viewer */
function sent(item) {
  if (item.sent) return item.sent;
  const { _v, ...rest } = item;
  return rest;
}

/** @param {any} v */
const str = (v) => (typeof v === 'string' ? v : '');

/** @param {Map<string, number> | null} m */
function counts(m) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const k of Array.from((m || new Map()).keys()).sort()) {
    const n = (m || new Map()).get(k) || 0;
    if (n > 0) out[k] = n;
  }
  return out;
}

/** @template {{id: string}} T @param {T[]} list */
const byId = (list) => list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * The model in the normalised form of protocol-vectors/README.md (ProtocolVectorsTest builds the same from the
 * server's snapshot).
 * @param {BoardModel} m
 */
function normalise(m) {
  /** @param {any} v */
  const vote = (v) => {
    const out = {
      id: v.id,
      state: v.state,
      targets: v.targets,
      budget: v.budget,
      maxPerItem: v.maxPerItem,
      secret: v.secret,
      endsAt: v.endsAt,
      cast: v.cast,
      myVotes: counts(v.myVotes),
    };
    return v.state === 'closed' ? { ...out, results: v.results || [] } : { ...out, tally: counts(v.tally) };
  };
  return {
    seq: m.seq,
    participants: byId(
      Array.from(m.participants.values()).map((p) => ({
        id: p.id,
        name: str(p.name),
        role: str(p.role),
        removed: p.removed === true,
      })),
    ),
    notes: byId(
      Array.from(m.notes.values()).map((n) => ({
        id: n.id,
        text: n.text,
        x: n.x,
        y: n.y,
        color: n.color,
        authorId: n.authorId ?? null,
        hidden: n.hidden === true,
        clusterId: n.clusterId ?? null,
        cell: n.cell ? { journeyId: n.cell.journeyId, stageId: n.cell.stageId, laneId: n.cell.laneId } : null,
      })),
    ),
    settings: m.settings,
    phases: m.phases,
    currentPhaseId: m.currentPhaseId,
    timer: m.timer,
    view: {
      follow: m.view.follow
        ? { x: m.view.follow.x, y: m.view.follow.y, zoom: m.view.follow.zoom, by: m.view.follow.by ?? null }
        : null,
      focus: m.view.focus,
    },
    clusters: Array.from(m.clusters.values()),
    vote: m.vote ? vote(m.vote) : null,
    votes: byId(m.votes.map((v) => ({ id: v.id, results: v.results || [] }))),
    journeys: m.journeyState.list().map((j) => normaliseJourney(j)),
    outcomes: byId(
      Array.from(m.outcomes.values()).map((o) => ({
        id: o.id,
        kind: o.kind,
        title: o.title,
        description: o.description,
        owner: o.owner,
        due: o.due,
        status: o.status,
        explanation: o.explanation,
        source: o.source,
        votes: o.votes,
        replyBy: o.replyBy,
      })),
    ),
  };
}

for (const vector of vectors) {
  test(`vector ${vector.file}: ${vector.description}`, () => {
    const model = new BoardModel();
    model.loadSnapshot({ seq: 0, ...(vector.snapshot || {}), you: vector.viewer }, 0);
    for (const item of vector.events) {
      const ev = sent(item);
      assert.ok(model.applyEvent(ev, { now: 0 }), `event ${ev.seq} applied`);
    }
    assert.equal(model.needsSnapshot, vector.reload === true, 'whether the browser must load a new snapshot');
    /** @type {Record<string, any>} */
    const actual = normalise(model);
    for (const key of Object.keys(vector.expected).sort()) {
      assert.deepEqual(actual[key], vector.expected[key], `${vector.file}: ${key}`);
    }
  });
}

test('every event type board-model.js handles has a vector', () => {
  const source = readFileSync(fileURLToPath(new URL('../src/lib/board-model.js', import.meta.url)), 'utf8');
  const body = source.slice(source.indexOf('applyEvent(ev'), source.indexOf('applyVoteChange(ev) {'));
  const handled = new Set(Array.from(body.matchAll(/case '([a-z.]+)':/g), (m) => m[1]));
  handled.delete('noop');
  for (const t of ['journey.changed', 'journey.removed']) handled.add(t); // journey-model.js, called by applyEvent
  assert.ok(handled.size > 20, 'found the cases of applyEvent');
  const covered = new Set(
    vectors.flatMap((v) => v.events.map((/** @type {any} */ item) => (item.stored || item).type)),
  );
  assert.deepEqual(
    Array.from(handled).filter((t) => !covered.has(t)),
    [],
  );
});

test('counts of a vote ignore zero entries, as the server tally does', () => {
  assert.deepEqual(counts(toCountMap({ a: 2, b: 0 })), { a: 2 });
});
