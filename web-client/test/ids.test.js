import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomId, ID_PATTERN } from '../src/lib/ids.js';

test('random ids match the protocol pattern and are 22 characters', () => {
  const seen = new Set();
  for (let i = 0; i < 2000; i++) {
    const id = randomId();
    assert.match(id, ID_PATTERN);
    assert.equal(id.length, 22);
    seen.add(id);
  }
  assert.equal(seen.size, 2000);
  assert.match(randomId(9), ID_PATTERN);
  assert.equal(randomId(9).length, 12);
});
