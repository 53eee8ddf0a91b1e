// The server's limits (fi.paja.config.Limits), as GET /api/config serves them in `limits`. The numbers here are only
// for the first paint, before the answer arrives; test/limits.test.js holds them equal to Limits.java.

/** @typedef {{[name: string]: number}} Limits */

/** @type {Limits} */
export const FALLBACK_LIMITS = Object.freeze({
  maxNoteText: 2000,
  maxCellText: 500,
  maxTitleLength: 200,
  maxOwnerLength: 100,
  maxNameLength: 40,
  maxCoordinate: 100000,
  maxNotesPerBoard: 20000,
  maxVoteBudget: 100,
});

/** The limits in force: the fallback until {@link applyLimits} reads the server's. @type {Limits} */
export const limits = { ...FALLBACK_LIMITS };

/**
 * Takes the numbers of a /api/config answer's `limits` (anything else is ignored, so a broken answer keeps the
 * fallback) and sets them on every `[data-limit]` field of `root` as its maxlength.
 * @param {any} config the /api/config answer
 * @param {ParentNode} [root]
 */
export function applyLimits(config, root) {
  const given = config && typeof config.limits === 'object' ? config.limits : null;
  if (given) {
    for (const [name, value] of Object.entries(given)) {
      if (typeof value === 'number' && Number.isFinite(value)) limits[name] = value;
    }
  }
  if (root) {
    for (const el of root.querySelectorAll('[data-limit]')) {
      const value = limits[/** @type {HTMLElement} */ (el).dataset.limit || ''];
      if (typeof value === 'number') el.setAttribute('maxlength', String(value));
    }
  }
}
