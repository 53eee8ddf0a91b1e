import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retentionInfo, retentionConfig, retentionText } from '../src/lib/retention.js';

test('an open workshop, or retention off, tells nothing', () => {
  assert.equal(retentionInfo({ closedAt: null, anonymisedAt: null }, { retentionDays: 90 }), null);
  assert.equal(retentionInfo({ closedAt: '2026-01-01T10:00:00Z' }, { retentionDays: null }), null);
});

test('a closed workshop: erased closedAt + days; anonymisedAt once done', () => {
  const cfg = retentionConfig({ retentionDays: 30, deleteAfterDays: null });
  assert.deepEqual(retentionInfo({ closedAt: '2026-01-01T10:00:00Z' }, cfg), {
    state: 'due',
    at: '2026-01-31T10:00:00.000Z',
    deleteAt: '',
  });
  assert.deepEqual(retentionInfo({ closedAt: '2026-01-01T10:00:00Z', anonymisedAt: '2026-02-01T00:00:00Z' }, cfg), {
    state: 'done',
    at: '2026-02-01T00:00:00Z',
    deleteAt: '',
  });
  const both = retentionConfig({ retentionDays: 30, deleteAfterDays: 365 });
  const info = retentionInfo({ closedAt: '2026-01-01T10:00:00Z' }, both);
  assert.equal(info?.deleteAt, '2027-01-01T10:00:00.000Z');
  const text = retentionText(
    /** @type {any} */ (info),
    (k, p) => k + ':' + (p ? p.date : ''),
    (iso) => iso.slice(0, 10),
  );
  assert.equal(text, 'privacy.retention.due:2026-01-31 privacy.retention.delete:2027-01-01');
});

test('the config answer: only positive numbers count', () => {
  assert.deepEqual(retentionConfig({ retentionDays: 0, deleteAfterDays: 'x' }), {
    retentionDays: null,
    deleteAfterDays: null,
  });
  assert.deepEqual(retentionConfig(null), { retentionDays: null, deleteAfterDays: null });
});
