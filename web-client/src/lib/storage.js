// localStorage access that never throws (private mode, full quota, disabled storage).

/** @returns {Storage | null} */
function store() {
  try {
    return globalThis.localStorage || null;
  } catch {
    return null;
  }
}

/**
 * @param {string} key
 * @returns {any}
 */
export function readJson(key) {
  try {
    const raw = store()?.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/**
 * @param {string} key
 * @param {any} value
 */
export function writeJson(key, value) {
  try {
    store()?.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: keep working in memory */
  }
}

/** @param {string} key */
export function remove(key) {
  try {
    store()?.removeItem(key);
  } catch {
    /* ignore */
  }
}

/**
 * The keys in storage that start with a prefix.
 * @param {string} prefix
 * @returns {string[]}
 */
export function storedKeys(prefix) {
  try {
    const s = store();
    if (!s) return [];
    /** @type {string[]} */
    const keys = [];
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (key && key.startsWith(prefix)) keys.push(key);
    }
    return keys;
  } catch {
    return [];
  }
}

/** @param {string} key */
export function readString(key) {
  try {
    return store()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/**
 * @param {string} key
 * @param {string} value
 */
export function writeString(key, value) {
  try {
    store()?.setItem(key, value);
  } catch {
    /* ignore */
  }
}

export const KEYS = {
  lang: 'paja.lang',
  /** one random id per browser, sent when joining (PROTOCOL.md, POST /api/join) */
  device: 'paja.deviceId',
  facilitator: 'paja.facilitator',
  view: 'paja.view',
  /** the chime at the timer's end: 'on' or 'off' (unset: the role's default) */
  chime: 'paja.chime',
  /** @param {string} workshopId the board's drawer: {open, tab} */
  drawer: (workshopId) => 'paja.drawer.' + workshopId,
  /** @param {string} workshopId */
  member: (workshopId) => 'paja.member.' + workshopId,
  /** @param {string} workshopId */
  outbox: (workshopId) => 'paja.outbox.' + workshopId,
};

/**
 * @typedef {{token: string, participantId: string, name: string, workshopId: string, code?: string,
 *   joinedAt?: number}} Membership
 * @typedef {{token: string, username: string}} FacilitatorLogin
 */

/** @param {string} workshopId @returns {Membership | null} */
export function getMembership(workshopId) {
  const m = readJson(KEYS.member(workshopId));
  return m && typeof m.token === 'string' ? m : null;
}

/**
 * This browser's device id: made once (128 random bits) and kept in localStorage. Sent with every join so that a
 * facilitator can bar the device of someone they remove; nothing else is done with it. Where storage is disabled
 * a new one is made each time (such a browser cannot be barred).
 * @param {() => string} makeId
 * @returns {string}
 */
export function deviceId(makeId) {
  const stored = readString(KEYS.device);
  if (stored && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored;
  const fresh = makeId();
  writeString(KEYS.device, fresh);
  return fresh;
}

/** @returns {FacilitatorLogin | null} */
export function getFacilitator() {
  const f = readJson(KEYS.facilitator);
  return f && typeof f.token === 'string' ? f : null;
}
