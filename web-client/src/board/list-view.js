// The list view: the notes as a list, one section per group, then the loose notes.
import { t, el, byId } from '../lib/page.js';
import { groupByCluster } from '../lib/board-model.js';
import { model } from './context.js';
import { listEls, fillNote, noteKeydown, openEditor } from './note-card.js';
import { matchesSearch, searchActive } from './search.js';
import { fillClusterHeader } from './clusters.js';

const listView = byId('list-view');
const listEmpty = byId('list-empty');
const noteList = byId('note-list');
const listClusters = byId('list-clusters');
const listLooseHeading = byId('list-loose-heading');

/**
 * @typedef {import('../lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('../lib/board-model.js').Command} Command
 * @typedef {import('./context.js').Where} Where
 */

/** @type {Map<string, HTMLElement>} */
const listClusterEls = new Map();

/**
 * @param {Map<string, ViewNote>} notes
 * @param {Set<string>} unsent
 * @param {HTMLElement | null} focused
 */
export function renderList(notes, unsent, focused) {
  for (const [id, li] of listEls) {
    if (!notes.has(id)) {
      const hadFocus = li.contains(focused);
      li.remove();
      listEls.delete(id);
      if (hadFocus) listView.focus();
    }
  }
  const groups = groupByCluster(notes.values(), model.clusters);
  /** @param {HTMLElement} ul @param {ViewNote[]} list */
  const place = (ul, list) => {
    list.forEach((note, i) => {
      let li = listEls.get(note.id);
      if (!li) {
        li = el('li', { className: 'list-note' });
        li.dataset.noteId = note.id;
        li.tabIndex = 0;
        li.addEventListener('keydown', noteKeydown);
        li.addEventListener('dblclick', (e) => {
          const target = /** @type {HTMLElement} */ (e.target);
          if (target.closest('button, textarea, select, input, a, label, form')) return;
          const id = /** @type {HTMLElement} */ (e.currentTarget).dataset.noteId;
          if (id) openEditor(id, 'list');
        });
        listEls.set(note.id, li);
      }
      fillNote(li, note, 'list', unsent.has(note.id));
      // a search shows only the matching notes
      li.hidden = !matchesSearch(note);
      if (ul.children[i] !== li) {
        const hadFocus = li.contains(focused);
        ul.insertBefore(li, ul.children[i] || null);
        if (hadFocus && focused && document.activeElement !== focused) focused.focus({ preventScroll: true });
      }
    });
  };
  // one section per group: a heading with the group's name, then its notes
  const present = new Set(groups.clusters.map((g) => g.cluster.id));
  for (const [id, section] of listClusterEls) {
    if (!present.has(id)) {
      const hadFocus = section.contains(focused);
      section.remove();
      listClusterEls.delete(id);
      if (hadFocus) {
        listView.tabIndex = -1;
        listView.focus();
      }
    }
  }
  groups.clusters.forEach((g, i) => {
    let section = listClusterEls.get(g.cluster.id);
    if (!section) {
      section = el('section', { className: 'list-cluster' });
      section.dataset.clusterId = g.cluster.id;
      const header = el('div', { className: 'cluster-header' });
      const ul = el('ul', { className: 'note-list cluster-notes' });
      section.append(header, ul);
      listClusterEls.set(g.cluster.id, section);
    }
    fillClusterHeader(/** @type {HTMLElement} */ (section.firstElementChild), g.cluster, 'list', g.notes.length);
    section.hidden = searchActive() && !g.notes.some((n) => matchesSearch(n));
    place(/** @type {HTMLElement} */ (section.lastElementChild), g.notes);
    if (listClusters.children[i] !== section) listClusters.insertBefore(section, listClusters.children[i] || null);
  });
  place(noteList, groups.loose);
  const searching = searchActive();
  listLooseHeading.hidden = !groups.clusters.length || !groups.loose.some((n) => matchesSearch(n));
  const shown = searching ? Array.from(notes.values()).filter((n) => matchesSearch(n)).length : notes.size;
  listEmpty.hidden = shown > 0;
  listEmpty.textContent = t(searching ? 'search.none' : 'notes.empty');
}
