// Pure translation helpers (no DOM): language choice, lookup and {placeholder} filling.
import { CATALOGS } from './catalogs.js';

export const LANGUAGES = /** @type {const} */ (['fi', 'sv', 'en']);
export const DEFAULT_LANGUAGE = 'fi';

/**
 * Picks the language: the stored choice if valid, else the first browser language we support, else Finnish.
 * @param {string | null | undefined} stored
 * @param {readonly string[] | undefined} browserLanguages e.g. navigator.languages
 * @returns {string}
 */
export function pickLanguage(stored, browserLanguages) {
  if (stored && LANGUAGES.includes(/** @type {any} */ (stored))) return stored;
  for (const tag of browserLanguages || []) {
    const base = String(tag).toLowerCase().split(/[-_]/)[0];
    if (base === 'fi' || base === 'sv' || base === 'en') return base;
    if (base === 'nb' || base === 'no' || base === 'nn' || base === 'da') return 'sv';
  }
  return DEFAULT_LANGUAGE;
}

/**
 * Translates a key, filling {name} placeholders. Falls back to Finnish, then English, then the key itself.
 * @param {string} lang
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function translate(lang, key, params) {
  const text = CATALOGS[lang]?.[key] ?? CATALOGS[DEFAULT_LANGUAGE][key] ?? CATALOGS.en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * @param {string} lang
 * @param {string} key
 * @returns {boolean}
 */
export function hasKey(lang, key) {
  return Object.prototype.hasOwnProperty.call(CATALOGS[lang] || {}, key);
}

/**
 * The translated text for an error code from the server (PROTOCOL.md "Error codes").
 * @param {string} lang
 * @param {string | undefined} code
 */
export function errorText(lang, code) {
  const key = 'error.' + (code || 'unexpected');
  return hasKey(lang, key) ? translate(lang, key) : translate(lang, 'error.unexpected');
}

/**
 * The display name of a palette colour (falls back to the colour id for colours we have no name for).
 * @param {string} lang
 * @param {string} color
 */
export function colorName(lang, color) {
  const key = 'color.' + color;
  return hasKey(lang, key) ? translate(lang, key) : color;
}

/**
 * A short one-line excerpt of note text for accessible names ("Edit note: Long waiting times…").
 * @param {string} text
 * @param {number} [max]
 */
export function excerpt(text, max = 40) {
  const oneLine = String(text || '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(oneLine);
  if (chars.length <= max) return oneLine;
  return (
    chars
      .slice(0, max - 1)
      .join('')
      .trimEnd() + '…'
  );
}
