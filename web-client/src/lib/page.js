// DOM helpers shared by all pages: translating the static HTML, the language switch, alerts.
import { pickLanguage, translate, errorText, LANGUAGES } from './i18n.js';
import { readString, writeString, KEYS } from './storage.js';

/** @type {string} */
let currentLang = pickLanguage(
  readString(KEYS.lang),
  globalThis.navigator ? navigator.languages || [navigator.language] : [],
);
/** @type {Array<(lang: string) => void>} */
const listeners = [];

export function lang() {
  return currentLang;
}

/**
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 */
export function t(key, params) {
  return translate(currentLang, key, params);
}

/** @param {string | undefined} code */
export function tError(code) {
  return errorText(currentLang, code);
}

/**
 * Fills every [data-i18n] element's text and [data-i18n-attr="attr:key;attr2:key2"] attributes.
 * @param {ParentNode} [root]
 */
export function translatePage(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n || '');
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    // The cast on a line of its own: Prettier moves a JSDoc cast inside parentheses onto the wrong expression.
    const pairs = /** @type {HTMLElement} */ (el).dataset.i18nAttr || '';
    for (const pair of pairs.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  }
  const titleKey = document.body?.dataset.titleKey;
  if (titleKey) document.title = t(titleKey);
}

/**
 * Sets up the page: html[lang], translations and the language switch select#lang.
 * @param {(lang: string) => void} [onChange] re-render dynamic parts after a language change
 */
export function initPage(onChange) {
  if (onChange) listeners.push(onChange);
  document.documentElement.lang = currentLang;
  translatePage();
  const select = /** @type {HTMLSelectElement | null} */ (document.getElementById('lang'));
  if (select) {
    select.value = currentLang;
    select.addEventListener('change', () => {
      if (!LANGUAGES.includes(/** @type {any} */ (select.value))) return;
      currentLang = select.value;
      writeString(KEYS.lang, currentLang);
      document.documentElement.lang = currentLang;
      translatePage();
      for (const fn of listeners) fn(currentLang);
    });
  }
}

/**
 * Shows (or clears, with an empty text) a message in an alert/status element.
 * @param {HTMLElement | null} el
 * @param {string} text
 */
export function showMessage(el, text) {
  if (!el) return;
  el.textContent = text;
  el.hidden = !text;
}

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error('missing #' + id);
  return /** @type {T} */ (el);
}

/**
 * Creates an element with optional class and text (text is set with textContent, never as HTML).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {{className?: string, text?: string, attrs?: Record<string, string>}} [opts]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, opts = {}) {
  const node = document.createElement(tag);
  if (opts.className) node.className = opts.className;
  if (opts.text !== undefined) node.textContent = opts.text;
  if (opts.attrs) for (const [k, v] of Object.entries(opts.attrs)) node.setAttribute(k, v);
  return node;
}

/**
 * A date in the current language, e.g. for "Created …".
 * @param {string} iso
 */
export function formatDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const locale = currentLang === 'fi' ? 'fi-FI' : currentLang === 'sv' ? 'sv-FI' : 'en-GB';
  try {
    return d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    return d.toISOString();
  }
}

/**
 * A plain (type="button") button that carries data-action.
 * @param {string} text
 * @param {string} className
 * @param {string} action
 */
export function button(text, className, action) {
  const b = el('button', { className, text });
  b.type = 'button';
  b.dataset.action = action;
  return b;
}

/**
 * Escape inside an editor closes it; optionally Ctrl/Cmd+Enter submits the form.
 * @param {HTMLElement} box
 * @param {() => void} close
 * @param {boolean} [submitOnCtrlEnter] only for forms
 */
export function closeOnEscape(box, close, submitOnCtrlEnter = false) {
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (submitOnCtrlEnter && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      /** @type {HTMLFormElement} */ (box).requestSubmit();
    }
  });
}
