import { test } from 'node:test';
import assert from 'node:assert/strict';
import { must } from './must.js';
import { BoardModel } from '../src/lib/board-model.js';
import {
  normaliseOutcome,
  outcomesFromList,
  applyOutcomeEvent,
  groupOutcomes,
  isDay,
  finnishToday,
  isOverdue,
  formatDay,
  outcomePatch,
  createCommand,
  fileNameFrom,
  readWithProgress,
  formatBytes,
  publicPageUrl,
  isPublicId,
  publicChange,
  PublicFeed,
  safeHttpsUrl,
} from '../src/lib/outcomes-model.js';

const item = (/** @type {string} */ id, extra = {}) => ({
  id,
  kind: 'action',
  title: 'Soittoaika aamuun ' + id,
  description: null,
  owner: null,
  due: null,
  status: 'open',
  explanation: null,
  source: { noteId: 'n1' },
  votes: 3,
  replyBy: null,
  github: null,
  createdAt: '2025-03-01T10:00:00Z',
  updatedAt: '2025-03-01T10:00:00Z',
  ...extra,
});

test('an outcome is normalised: nulls become empty, unknown status and kind fall back, bad links are dropped', () => {
  const o = must(
    normaliseOutcome(
      item('o1', {
        status: 'exploded',
        kind: 'weird',
        due: '2025-02-30',
        github: { number: 4, url: 'javascript:alert(1)', state: 'open' },
      }),
    ),
  );
  assert.equal(o.status, 'open');
  assert.equal(o.kind, 'action');
  assert.equal(o.description, '');
  assert.equal(o.owner, '');
  assert.equal(o.due, '', 'not a real date');
  assert.deepEqual(o.source, { noteId: 'n1' });
  assert.deepEqual(o.github, { number: 4, url: '', state: 'open' });
  assert.equal(normaliseOutcome({ title: 'no id' }), null);
  assert.equal(safeHttpsUrl('https://github.com/o/r/issues/4'), 'https://github.com/o/r/issues/4');
  assert.equal(safeHttpsUrl('http://example.org'), '');
});

test('the board model keeps outcomes from the snapshot and the events, and the publicId', () => {
  const m = new BoardModel();
  m.loadSnapshot({
    id: 'w',
    seq: 1,
    notes: [],
    participants: [],
    you: { participantId: 'f', role: 'facilitator' },
    outcomes: [item('o1')],
    publicId: 'AbCdEfGhIjKlMnOpQrStUv',
  });
  assert.equal(m.outcomes.size, 1);
  assert.equal(m.publicId, 'AbCdEfGhIjKlMnOpQrStUv');
  assert.ok(
    m.applyEvent({ type: 'outcome.changed', seq: 2, outcome: item('o1', { status: 'done', explanation: 'Tehty' }) }),
  );
  assert.equal(must(m.outcomes.get('o1')).status, 'done');
  assert.ok(m.applyEvent({ type: 'outcome.changed', seq: 3, outcome: item('o2', { kind: 'decision' }) }));
  assert.equal(m.outcomes.size, 2);
  assert.ok(m.applyEvent({ type: 'outcome.removed', seq: 4, id: 'o1' }));
  assert.deepEqual([...m.outcomes.keys()], ['o2']);
  assert.equal(m.seq, 4);
});

test('events on a plain map; grouping by kind, oldest first', () => {
  const map = outcomesFromList([
    item('b', { createdAt: '2025-03-02T00:00:00Z' }),
    item('a'),
    item('d', { kind: 'decision' }),
  ]);
  const g = groupOutcomes(map.values());
  assert.deepEqual(
    g.action.map((o) => o.id),
    ['a', 'b'],
  );
  assert.deepEqual(
    g.decision.map((o) => o.id),
    ['d'],
  );
  const c = must(applyOutcomeEvent(map, { type: 'outcome.changed', outcome: item('a', { status: 'in_progress' }) }));
  assert.equal(c.kind, 'changed');
  assert.equal(must(c.before).status, 'open');
  assert.equal(applyOutcomeEvent(map, { type: 'note.added' }), null);
  assert.equal(must(applyOutcomeEvent(map, { type: 'outcome.removed', id: 'zz' })).before, null);
});

test('dates: validity, Finnish today, overdue only while open, shown without time-zone shifts', () => {
  assert.ok(isDay('2025-12-31'));
  assert.ok(!isDay('2025-13-01'));
  assert.ok(!isDay('31.12.2025'));
  // 22:30 UTC on 31 Dec is already 1 Jan in Helsinki
  assert.equal(finnishToday(new Date('2025-12-31T22:30:00Z')), '2026-01-01');
  const o = must(normaliseOutcome(item('o', { replyBy: '2025-03-07' })));
  assert.equal(isOverdue(o, '2025-03-07'), false, 'due today is not late yet');
  assert.equal(isOverdue(o, '2025-03-08'), true);
  assert.equal(isOverdue({ ...o, status: 'in_progress' }, '2025-03-08'), true);
  assert.equal(isOverdue({ ...o, status: 'done' }, '2025-03-08'), false);
  assert.equal(isOverdue({ ...o, replyBy: '' }, '2025-03-08'), false);
  assert.equal(formatDay('2025-03-07', 'fi'), '7.3.2025');
  assert.equal(formatDay('nope', 'fi'), '');
});

test('update patches carry only what changed; emptied dates are null', () => {
  const o = must(normaliseOutcome(item('o', { owner: 'Tiimi A', due: '2025-04-01' })));
  assert.deepEqual(outcomePatch(o, { status: 'open', explanation: '' }), {});
  assert.deepEqual(outcomePatch(o, { status: 'done', explanation: ' Soittoaika alkaa nyt klo 8. \r\n' }), {
    status: 'done',
    explanation: 'Soittoaika alkaa nyt klo 8.',
  });
  assert.deepEqual(outcomePatch(o, { title: o.title, owner: 'Tiimi A', due: '', replyBy: '' }), { due: null });
  assert.deepEqual(outcomePatch(o, { owner: '  ' }), { owner: '' });
});

test('the create command leaves out empty fields', () => {
  assert.deepEqual(
    createCommand({
      kind: 'decision',
      title: ' Avataan chat ',
      description: '',
      owner: ' ',
      due: '',
      fromFeedback: false,
    }),
    { op: 'outcome.create', kind: 'decision', title: 'Avataan chat' },
  );
  assert.deepEqual(
    createCommand({
      kind: 'x',
      title: 'T',
      description: 'a\r\nb',
      owner: 'Aino',
      due: '2025-05-01',
      fromFeedback: true,
    }),
    {
      op: 'outcome.create',
      kind: 'action',
      title: 'T',
      description: 'a\nb',
      owner: 'Aino',
      due: '2025-05-01',
      fromFeedback: true,
    },
  );
});

test('file names from Content-Disposition', () => {
  assert.equal(fileNameFrom('attachment; filename="Asiakasraati.md"', 'x.md'), 'Asiakasraati.md');
  assert.equal(fileNameFrom('attachment; filename="a.csv"; filename*=UTF-8\'\'Ty%C3%B6paja.csv', 'x'), 'Työpaja.csv');
  assert.equal(fileNameFrom('attachment; filename=plain.svg', 'x'), 'plain.svg');
  // raw UTF-8 in the header, read by fetch as Latin-1
  const mangled = Array.from(new TextEncoder().encode('Työpaja.md'), (b) => String.fromCharCode(b)).join('');
  assert.equal(fileNameFrom(`attachment; filename="${mangled}"`, 'x'), 'Työpaja.md');
  assert.equal(fileNameFrom('attachment; filename="../../etc/passwd"', 'x'), '.._.._etc_passwd');
  assert.equal(fileNameFrom(null, 'workshop.md'), 'workshop.md');
  assert.equal(fileNameFrom('attachment', 'workshop.md'), 'workshop.md');
});

test('a streamed body is read with progress', async () => {
  const parts = ['# Työpaja\n', 'x'.repeat(5000), '\nloppu'];
  const stream = new ReadableStream({
    start(c) {
      for (const p of parts) c.enqueue(new TextEncoder().encode(p));
      c.close();
    },
  });
  /** @type {[number, number | null][]} */
  const seen = [];
  const blob = await readWithProgress(
    new Response(stream, { headers: { 'Content-Type': 'text/markdown' } }),
    (r, total) => seen.push([r, total]),
  );
  const text = await blob.text();
  assert.equal(text, parts.join(''));
  assert.equal(seen[0][0], 0);
  assert.equal(must(seen.at(-1))[0], new TextEncoder().encode(parts.join('')).byteLength);
  assert.equal(must(seen.at(-1))[1], null, 'no Content-Length on a streamed export');
  assert.ok(blob.type.startsWith('text/markdown'));
  assert.equal(formatBytes(512, 'en'), '512 B');
  assert.equal(formatBytes(12_345, 'en'), '12 kB');
  assert.equal(formatBytes(1_450_000, 'fi'), '1,5 MB');
});

test('public page helpers', () => {
  assert.equal(
    publicPageUrl('AbCdEfGhIjKlMnOpQrStUv', 'http://h:8080/board.html?w=1'),
    'http://h:8080/outcomes.html?p=AbCdEfGhIjKlMnOpQrStUv',
  );
  assert.ok(isPublicId('AbCdEfGhIjKlMnOpQrSt-_'));
  assert.ok(!isPublicId('short'));
  assert.ok(!isPublicId('AbCdEfGhIjKlMnOpQrSt<>'));
  const a = must(normaliseOutcome(item('a')));
  assert.equal(publicChange(null, a), 'new');
  assert.equal(publicChange(a, { ...a, status: 'done' }), 'status');
  assert.equal(publicChange(a, { ...a, explanation: 'Koska' }), 'explanation');
  assert.equal(publicChange(a, { ...a, description: 'x' }), null);
});

test('public feed: events during a reload are applied on top unless the page is newer', () => {
  const f = new PublicFeed();
  f.handle({ type: 'outcome.changed', outcome: item('a') });
  assert.equal(f.outcomes.size, 1, 'before any load, events apply directly');
  f.beginLoad();
  assert.equal(
    f.handle({ type: 'outcome.changed', outcome: item('a', { status: 'done', updatedAt: '2025-03-03T00:00:00Z' }) }),
    null,
  );
  f.handle({
    type: 'outcome.changed',
    outcome: item('b', { status: 'in_progress', updatedAt: '2025-03-01T00:00:00Z' }),
  });
  f.handle({ type: 'outcome.removed', id: 'c' });
  f.handle({ type: 'something.else' });
  const changes = f.finishLoad({
    title: 'Raati',
    lang: 'fi',
    outcomes: [
      item('a', { status: 'in_progress', updatedAt: '2025-03-02T00:00:00Z' }),
      item('b', { status: 'wont_do', updatedAt: '2025-03-04T00:00:00Z' }),
      item('c'),
    ],
  });
  assert.equal(f.title, 'Raati');
  assert.equal(must(f.outcomes.get('a')).status, 'done', 'the newer event wins');
  assert.equal(must(f.outcomes.get('b')).status, 'wont_do', 'the newer page wins');
  assert.ok(!f.outcomes.has('c'));
  assert.equal(changes.length, 2);
  assert.equal(must(f.handle({ type: 'outcome.removed', id: 'a' })).kind, 'removed');
  f.beginLoad();
  f.handle({ type: 'outcome.removed', id: 'b' });
  f.abortLoad();
  assert.equal(f.outcomes.size, 0);
});
