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
  facilitator: 'paja.facilitator',
  view: 'paja.view',
  /** @param {string} workshopId */
  member: (workshopId) => 'paja.member.' + workshopId,
  /** @param {string} workshopId */
  outbox: (workshopId) => 'paja.outbox.' + workshopId,
};

/**
 * @typedef {{token: string, participantId: string, name: string, workshopId: string}} Membership
 * @typedef {{token: string, username: string}} FacilitatorLogin
 */

/** @param {string} workshopId @returns {Membership | null} */
export function getMembership(workshopId) {
  const m = readJson(KEYS.member(workshopId));
  return m && typeof m.token === 'string' ? m : null;
}

/** @returns {FacilitatorLogin | null} */
export function getFacilitator() {
  const f = readJson(KEYS.facilitator);
  return f && typeof f.token === 'string' ? f : null;
}
