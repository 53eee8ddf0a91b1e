import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deviceId, KEYS } from '../src/lib/storage.js';
import { randomId } from '../src/lib/ids.js';

/** A stand-in for window.localStorage. */
function fakeStorage() {
  const data = new Map();
  return {
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k),
    data,
  };
}

test('the device id is made once per browser and kept', () => {
  const storage = fakeStorage();
  globalThis.localStorage = /** @type {any} */ (storage);
  try {
    const first = deviceId(randomId);
    assert.match(first, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(storage.data.get(KEYS.device), first);
    assert.equal(deviceId(() => 'x'.repeat(22)), first);
  } finally {
    delete globalThis.localStorage;
  }
});

test('a damaged stored device id is replaced', () => {
  const storage = fakeStorage();
  storage.setItem(KEYS.device, '<script>');
  globalThis.localStorage = /** @type {any} */ (storage);
  try {
    const id = deviceId(randomId);
    assert.match(id, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(storage.data.get(KEYS.device), id);
  } finally {
    delete globalThis.localStorage;
  }
});

test('without storage a device id is still made (and not kept)', () => {
  assert.match(deviceId(randomId), /^[A-Za-z0-9_-]{22}$/);
});
