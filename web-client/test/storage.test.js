import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deviceId, KEYS } from '../src/lib/storage.js';
import { randomId } from '../src/lib/ids.js';

/** A stand-in for window.localStorage. */
function fakeStorage() {
  /** @type {Map<string, string>} */
  const data = new Map();
  return {
    getItem: (/** @type {string} */ k) => (data.has(k) ? data.get(k) : null),
    setItem: (/** @type {string} */ k, /** @type {unknown} */ v) => data.set(k, String(v)),
    removeItem: (/** @type {string} */ k) => data.delete(k),
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
    assert.equal(
      deviceId(() => 'x'.repeat(22)),
      first,
    );
  } finally {
    const global = /** @type {{localStorage?: Storage}} */ (globalThis); // a cast Prettier keeps in place
    delete global.localStorage;
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
    const global = /** @type {{localStorage?: Storage}} */ (globalThis); // a cast Prettier keeps in place
    delete global.localStorage;
  }
});

test('without storage a device id is still made (and not kept)', () => {
  assert.match(deviceId(randomId), /^[A-Za-z0-9_-]{22}$/);
});
