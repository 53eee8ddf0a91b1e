// Continuing an earlier visit (PROTOCOL.md, "Rejoining"): which memberships this browser keeps, and in what order
// to ask the server whether one of them belongs to the workshop whose join code is being opened.
import { readJson, remove, storedKeys } from './storage.js';

/** How many of this browser's memberships are asked about at most (the most recent first). */
export const MAX_CHECKED = 8;

/**
 * A join code as the server matches it: spaces and dashes dropped, upper case.
 * @param {string} typed
 */
export function normaliseCode(typed) {
  return String(typed || '')
    .replace(/[\s-]/g, '')
    .toUpperCase();
}

/**
 * @typedef {{key: string, token: string, workshopId: string, participantId: string, name: string,
 *   code?: string, joinedAt?: number}} StoredMembership
 */

/**
 * The memberships to ask about for this code: those that were joined with the same code first (most likely the
 * same workshop), then the rest, each group most recent first; at most MAX_CHECKED.
 * @param {StoredMembership[]} memberships
 * @param {string} code
 * @returns {StoredMembership[]}
 */
export function candidates(memberships, code) {
  const wanted = normaliseCode(code);
  const score = (/** @type {StoredMembership} */ m) => (m.code === wanted ? 1 : 0);
  return [...memberships]
    .sort((a, b) => score(b) - score(a) || (b.joinedAt || 0) - (a.joinedAt || 0))
    .slice(0, MAX_CHECKED);
}

/**
 * Every participant membership this browser keeps (localStorage keys paja.member.<workshopId>).
 * @returns {StoredMembership[]}
 */
export function storedMemberships() {
  /** @type {StoredMembership[]} */
  const out = [];
  for (const key of storedKeys('paja.member.')) {
    const m = readJson(key);
    if (m && typeof m.token === 'string' && typeof m.workshopId === 'string') out.push({ ...m, key });
  }
  return out;
}

/** @param {StoredMembership} m forget a membership the server no longer continues */
export function forget(m) {
  remove(m.key);
}
