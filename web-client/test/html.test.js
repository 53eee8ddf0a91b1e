// Static checks of the pages for the strict CSP and the ids the spec (and end-to-end tests) rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'static');
const pages = {
  'index.html': [
    'join-form',
    'join-code',
    'join-name',
    'join-error',
    'lang',
    'main',
    'rejoin',
    'rejoin-continue',
    'rejoin-other',
    'rejoin-notice',
  ],
  'facilitator.html': [
    'login-form',
    'login-username',
    'login-password',
    'logout',
    'create-form',
    'workshop-title',
    'workshop-template',
    'created-join-code',
    'workshop-list',
    'import-file',
    'import-status',
    'lang',
    'main',
  ],
  'board.html': [
    'connection-status',
    'participants',
    'new-note-form',
    'new-note-text',
    'new-note-color',
    'canvas',
    'list-view',
    'note-list',
    'view-toggle',
    'lang',
    'main',
    'announcer',
    'phase-bar',
    'phase-title',
    'phase-instructions',
    'timer',
    'toggle-ready',
    'toggle-hand',
    'banner-private',
    'banner-locked',
    'banner-follow',
    'stop-following',
    'facilitator-panel',
    'reveal-notes',
    'vote-open',
    'vote-close',
    'vote-status',
    'vote-error',
    'vote-results',
    'list-clusters',
    'focus-dialog',
    'follow-start',
    'follow-release',
    'timer-start',
    'phase-form',
    'fac-participants',
    'outcomes',
    'outcome-form',
    'outcome-kind',
    'outcome-title',
    'outcome-due',
    'outcome-feedback',
    'github-sync',
    'exports',
    'export-progress',
    'export-status',
    'public-link',
    'public-link-copy',
    'decision-list',
    'action-list',
  ],
  'account.html': [
    'password-form',
    'password-current',
    'password-next',
    'admin-area',
    'create-account-form',
    'new-username',
    'account-list',
    'remove-dialog',
    'lang',
    'main',
  ],
  'accessibility.html': ['a11y-intro', 'a11y-date', 'a11y-contact', 'a11y-external', 'a11y-body', 'lang', 'main'],
  'outcomes.html': [
    'public-workshop',
    'public-live',
    'public-decision-list',
    'public-action-list',
    'public-announcer',
    'lang',
    'main',
  ],
};

for (const [file, ids] of Object.entries(pages)) {
  const html = readFileSync(path.join(dir, file), 'utf8');
  test(`${file}: CSP-safe (no inline script, style or handlers)`, () => {
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'inline script');
    assert.doesNotMatch(html, /\sstyle=/i, 'style attribute');
    assert.doesNotMatch(html, /<style/i, 'style element');
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'event handler attribute');
    assert.doesNotMatch(html, /https?:\/\//i, 'no external resources');
  });
  test(`${file}: ids present and unique, one h1, lang set, landmarks`, () => {
    const all = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(all).size, all.length, 'duplicate id');
    for (const id of ids) assert.ok(all.includes(id), `#${id}`);
    assert.equal((html.match(/<h1[\s>]/g) || []).length, 1);
    assert.match(html, /<html lang="fi">/);
    assert.match(html, /<header/);
    assert.match(html, /<main/);
    assert.match(html, /<nav/);
    assert.match(html, /class="skip-link" href="#main"/);
    // the accessibility statement is one link away from every page (Finnish law: from every page)
    assert.match(html, /<footer[^>]*>[\s\S]*<a href="accessibility\.html"[^>]*data-i18n="a11y\.footer\.link"/);
    // every label points to a control
    for (const m of html.matchAll(/<label for="([^"]+)"/g)) assert.ok(all.includes(m[1]), `label for ${m[1]}`);
  });
}

test('every page links to the accessibility statement from its footer', async () => {
  const { readdirSync } = await import('node:fs');
  const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
  assert.ok(files.length >= 6, files.join());
  for (const file of files) {
    const html = readFileSync(path.join(dir, file), 'utf8');
    assert.match(html, /<footer[^>]*>[\s\S]*<a href="accessibility\.html"[^>]*data-i18n="a11y\.footer\.link"/, file);
  }
});
