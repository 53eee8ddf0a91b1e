import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { CATALOGS } from '../src/lib/catalogs.js';
import { pickLanguage, translate, errorText, colorName, excerpt, LANGUAGES } from '../src/lib/i18n.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const staticDir = path.join(here, '..', 'src', 'static');

/** @param {string} s */
const placeholders = (s) => (s.match(/\{\w+\}/g) || []).sort().join(',');

test('every catalog has exactly the same keys', () => {
  const en = Object.keys(CATALOGS.en).sort();
  for (const lang of LANGUAGES) {
    assert.deepEqual(Object.keys(CATALOGS[lang]).sort(), en, `keys of ${lang}`);
  }
});

test('no empty strings, same placeholders in every language', () => {
  for (const lang of LANGUAGES) {
    for (const [key, value] of Object.entries(CATALOGS[lang])) {
      assert.equal(typeof value, 'string', `${lang} ${key}`);
      assert.ok(value.trim().length > 0, `${lang} ${key} is empty`);
      assert.equal(placeholders(value), placeholders(CATALOGS.en[key]), `${lang} ${key} placeholders`);
    }
  }
});

test('every error code of PROTOCOL.md has a translation', () => {
  const protocol = path.join(here, '..', '..', 'docs', 'PROTOCOL.md');
  const codes = new Set(['network_error', 'unexpected', 'access_denied']);
  if (existsSync(protocol)) {
    const text = readFileSync(protocol, 'utf8');
    const section = text.split('## Error codes')[1]?.split('\n## ')[0] || '';
    for (const m of section.matchAll(/^\| `([a-z_]+)` \|/gm)) codes.add(m[1]);
    assert.ok(codes.size > 20, 'found the error table');
  }
  for (const code of codes) {
    for (const lang of LANGUAGES) assert.ok(CATALOGS[lang]['error.' + code], `${lang} error.${code}`);
  }
});

test('every data-i18n key in the HTML exists, and the HTML fallback text equals the Finnish catalog', () => {
  for (const file of ['index.html', 'facilitator.html', 'board.html', 'outcomes.html', 'account.html']) {
    const html = readFileSync(path.join(staticDir, file), 'utf8');
    for (const m of html.matchAll(/data-i18n="([^"]+)"[^>]*>([^<]*)</g)) {
      const [, key, fallback] = m;
      assert.ok(CATALOGS.fi[key], `${file}: ${key}`);
      if (fallback.trim()) assert.equal(fallback.trim(), CATALOGS.fi[key], `${file}: fallback of ${key}`);
    }
    for (const m of html.matchAll(/data-i18n-attr="([^"]+)"/g)) {
      for (const pair of m[1].split(';')) assert.ok(CATALOGS.fi[pair.split(':')[1]], `${file}: ${pair}`);
    }
    const titleKey = html.match(/data-title-key="([^"]+)"/)?.[1];
    assert.ok(titleKey && CATALOGS.fi[titleKey], `${file} title key`);
    assert.equal(html.match(/<title>([^<]*)<\/title>/)?.[1], CATALOGS.fi[titleKey]);
  }
});

test('language choice: stored, then browser, then Finnish', () => {
  assert.equal(pickLanguage('sv', ['en-GB']), 'sv');
  assert.equal(pickLanguage('de', ['en-GB']), 'en');
  assert.equal(pickLanguage(null, ['de-DE', 'sv-FI']), 'sv');
  assert.equal(pickLanguage(null, ['de-DE']), 'fi');
  assert.equal(pickLanguage(undefined, undefined), 'fi');
  assert.equal(pickLanguage(null, ['FI']), 'fi');
});

test('translate fills placeholders and falls back', () => {
  assert.equal(translate('en', 'announce.newNote', { name: 'Aino' }), 'New note from Aino');
  assert.equal(translate('fi', 'board.joinCode', { code: 'K7M3QX' }), 'Liittymiskoodi: K7M3QX');
  assert.equal(translate('en', 'no.such.key'), 'no.such.key');
  assert.equal(errorText('sv', 'unknown_join_code'), CATALOGS.sv['error.unknown_join_code']);
  assert.equal(errorText('en', 'something_new'), CATALOGS.en['error.unexpected']);
  assert.equal(colorName('fi', 'yellow'), 'Keltainen');
  assert.equal(colorName('fi', 'ultraviolet'), 'ultraviolet');
});

test('excerpt is one short line', () => {
  assert.equal(excerpt('Long   waiting\ntimes'), 'Long waiting times');
  const long = excerpt('a'.repeat(100), 20);
  assert.equal(Array.from(long).length, 20);
  assert.ok(long.endsWith('…'));
});
