// Test helper (not a test): a value the test expects to be there, or a failed assertion.
import assert from 'node:assert/strict';

/**
 * @template T
 * @param {T | null | undefined} value
 * @param {string} [what]
 * @returns {T}
 */
export function must(value, what = 'a value') {
  assert.ok(value !== null && value !== undefined, 'expected ' + what);
  return value;
}
