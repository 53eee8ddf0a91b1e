import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidates, normaliseCode, MAX_CHECKED } from '../src/lib/rejoin.js';

test('join codes are compared as the server matches them', () => {
  assert.equal(normaliseCode(' k7m-3qx '), 'K7M3QX');
  assert.equal(normaliseCode('K7M 3QX'), 'K7M3QX');
  assert.equal(normaliseCode(''), '');
});

test('memberships joined with the same code come first, then the most recent', () => {
  /** @param {string} id @param {string | undefined} code @param {number | undefined} joinedAt */
  const m = (id, code, joinedAt) => ({
    key: 'paja.member.' + id,
    token: 't' + id,
    workshopId: id,
    participantId: 'p',
    name: 'n',
    code,
    joinedAt,
  });
  const list = [m('a', 'AAAAAA', 5), m('b', 'K7M3QX', 1), m('c', undefined, 9), m('d', 'BBBBBB', undefined)];
  assert.deepEqual(
    candidates(list, 'k7m-3qx').map((x) => x.workshopId),
    ['b', 'c', 'a', 'd'],
  );
});

test('at most a few memberships are asked about', () => {
  const many = Array.from({ length: 20 }, (_, i) => ({
    key: 'k' + i,
    token: 't',
    workshopId: 'w' + i,
    participantId: 'p',
    name: 'n',
    joinedAt: i,
  }));
  const picked = candidates(many, 'ZZZZZZ');
  assert.equal(picked.length, MAX_CHECKED);
  assert.equal(picked[0].workshopId, 'w19');
});
