// The browser's limits come from GET /api/config (`limits`); its first-paint fallback is Limits.java's numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FALLBACK_LIMITS, limits, applyLimits } from '../src/lib/limits.js';

test('the limits the server serves replace the fallback, and fields get them as maxlength', () => {
  /** @type {{[k: string]: string}} */
  const set = {};
  const field = {
    dataset: { limit: 'maxTitleLength' },
    setAttribute: (/** @type {string} */ k, /** @type {string} */ v) => {
      set[k] = v;
    },
  };
  const root = /** @type {any} */ ({ querySelectorAll: () => [field] });
  applyLimits({ limits: { maxTitleLength: 120, maxNoteText: 900, maxCellText: 'lots' } }, root);
  assert.equal(limits.maxTitleLength, 120);
  assert.equal(limits.maxNoteText, 900);
  assert.equal(limits.maxCellText, FALLBACK_LIMITS.maxCellText, 'a value that is not a number is not taken');
  assert.equal(set.maxlength, '120');
  applyLimits({ limits: FALLBACK_LIMITS });
});

test('an answer without limits keeps the fallback', () => {
  applyLimits({ colors: [] });
  applyLimits(null);
  assert.deepEqual({ ...limits }, { ...FALLBACK_LIMITS });
});

test('the fallback numbers are those of Limits.java', () => {
  const java = readFileSync(new URL('../../server/src/main/java/fi/paja/config/Limits.java', import.meta.url), 'utf8');
  for (const [name, value] of Object.entries(FALLBACK_LIMITS)) {
    const constant = name.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase();
    const m = java.match(new RegExp(`static final (?:int|double) ${constant} = ([0-9_.]+);`));
    assert.ok(m, `${constant} is not in Limits.java`);
    assert.equal(Number(m[1].replaceAll('_', '')), value, constant);
  }
});
