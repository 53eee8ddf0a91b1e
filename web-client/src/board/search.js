// Search notes by text: a field over the board (the Search button, Ctrl+F or "/"); matches are highlighted on the
// canvas and the others dimmed, the list view shows only the matches; Enter and the arrow keys go from match to match.
import { t, byId } from '../lib/page.js';
import { state, announce, scheduleRender, viewNotes } from './context.js';

const box = byId('search-box');
const input = /** @type {HTMLInputElement} */ (byId('search-input'));
const countEl = byId('search-count');
const toggle = byId('search-toggle');
const closeBtn = byId('search-close');

/** @type {{query: string, current: number, onJump: (id: string) => void}} */
const search = { query: '', current: -1, onJump: () => {} };

/** @param {string} s */
function normal(s) {
  return s.normalize('NFKC').toLocaleLowerCase();
}

/** Whether a search is on (a non-empty query). */
export function searchActive() {
  return !box.hidden && search.query.trim() !== '';
}

/**
 * Whether a note's text matches the search (every note matches when there is no search).
 * @param {{text: string}} note
 */
export function matchesSearch(note) {
  if (!searchActive()) return true;
  return normal(note.text).includes(normal(search.query.trim()));
}

/**
 * The ids of the matching notes in reading order (top to bottom, left to right).
 * @param {Iterable<import('../lib/board-model.js').ViewNote>} notes
 */
export function matchingIds(notes) {
  return Array.from(notes)
    .filter((n) => matchesSearch(n))
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((n) => n.id);
}

/** @param {(id: string) => void} fn shows and focuses a matching note (the view decides how) */
export function onSearchJump(fn) {
  search.onJump = fn;
}

export function openSearch() {
  box.hidden = false;
  toggle.setAttribute('aria-expanded', 'true');
  input.focus();
  input.select();
  scheduleRender();
}

export function closeSearch() {
  box.hidden = true;
  toggle.setAttribute('aria-expanded', 'false');
  search.query = '';
  input.value = '';
  search.current = -1;
  countEl.textContent = '';
  scheduleRender();
  toggle.focus();
}

/** The ids of the notes of the view being searched. */
function currentMatches() {
  return matchingIds(viewNotes().values());
}

function updateCount() {
  if (!searchActive()) {
    countEl.textContent = '';
    return;
  }
  const n = currentMatches().length;
  countEl.textContent = t('search.count', { count: n });
}

/** @param {number} step */
function jump(step) {
  const ids = currentMatches();
  if (!ids.length || !searchActive()) return;
  search.current = (search.current + step + ids.length) % ids.length;
  search.onJump(ids[search.current]);
}

let announceTimer = /** @type {ReturnType<typeof setTimeout> | null} */ (null);
input.addEventListener('input', () => {
  search.query = input.value;
  search.current = -1;
  updateCount();
  scheduleRender();
  if (announceTimer) clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    if (searchActive()) announce(t('search.count', { count: currentMatches().length }));
  }, 600);
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === 'ArrowDown') {
    e.preventDefault();
    jump(e.shiftKey ? -1 : 1);
  } else if (e.key === 'ArrowUp') {
    e.preventDefault();
    jump(-1);
  } else if (e.key === 'Escape') {
    e.preventDefault();
    closeSearch();
  }
});
toggle.addEventListener('click', () => (box.hidden ? openSearch() : closeSearch()));
closeBtn.addEventListener('click', closeSearch);
byId('search-next').addEventListener('click', () => jump(1));
byId('search-prev').addEventListener('click', () => jump(-1));

document.addEventListener('keydown', (e) => {
  if (state.currentView === 'journey') return;
  const target = /** @type {HTMLElement} */ (e.target);
  const typing = target.closest?.('input, textarea, select, [contenteditable]');
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
    if (byId('board-app').hidden) return;
    e.preventDefault();
    openSearch();
  } else if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey && !byId('board-app').hidden) {
    e.preventDefault();
    openSearch();
  }
});

/** Refreshes the count after the notes changed. */
export function renderSearch() {
  updateCount();
}
