// The translation catalogs, bundled into the page scripts (no extra request, no flash of untranslated text).
import fi from '../i18n/fi.json' with { type: 'json' };
import sv from '../i18n/sv.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };

/** @type {Record<string, Record<string, string>>} */
export const CATALOGS = { fi, sv, en };
