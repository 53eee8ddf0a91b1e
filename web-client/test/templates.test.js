import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupByLevel, suggestTemplateId, TEMPLATE_ID } from '../src/lib/templates.js';

test('templates are grouped by level in the order of the house, blank first', () => {
  const groups = groupByLevel([
    { id: 'customer-journey', level: 'co-development', name: 'Palvelupolkutyöpaja' },
    { id: 'panel', level: 'dialogue', name: 'Asiakasraati' },
    { id: 'zeta', level: 'any', name: 'Zeta' },
    { id: 'blank', level: 'any', name: 'Tyhjä taulu' },
    { id: 'odd', level: 'weird', name: 'Alpha' },
    { id: 'co-dev', level: 'co-development', name: 'Kehittämispaja' },
  ]);
  assert.deepEqual(
    groups.map((g) => g.level),
    ['dialogue', 'co-development', 'any'],
  );
  assert.deepEqual(
    groups[1].templates.map((x) => x.id),
    ['co-dev', 'customer-journey'],
  );
  assert.deepEqual(
    groups[2].templates.map((x) => x.id),
    ['blank', 'odd', 'zeta'],
  );
});

test('a template id is suggested from the title', () => {
  assert.equal(suggestTemplateId('Palvelupolku – Ylä-Savo'), 'palvelupolku-yla-savo');
  assert.equal(suggestTemplateId('Åbo: klientpanel 2025!'), 'abo-klientpanel-2025');
  assert.equal(suggestTemplateId('   '), '');
  assert.ok(TEMPLATE_ID.test(suggestTemplateId('x'.repeat(100))));
  assert.ok(!TEMPLATE_ID.test('Iso'));
});
