// The page around the board: the header (title, join code) and the switch between canvas, list and journey views.
import { t, byId } from '../lib/page.js';
import { writeString, KEYS } from '../lib/storage.js';
import { model, state, scheduleRender, canvas } from './context.js';
import { applyPan } from './canvas-view.js';

const titleEl = byId('board-title');
const joinCodeEl = byId('join-code-display');
const facJoinCodeCurrent = byId('fac-join-code-current');
const facJoinCodeStatus = byId('fac-join-code-status');
const viewToggle = /** @type {HTMLButtonElement} */ (byId('view-toggle'));
const listView = byId('list-view');

export const header = {
  /** @type {string | null} the code this facilitator made here, shown with its link until the page reloads */
  newJoinCode: null,
};

export function renderHeader() {
  titleEl.textContent = model.title || t('board.titleFallback');
  document.title = (model.title ? model.title + ' – ' : '') + t('page.title.board');
  joinCodeEl.hidden = !model.joinCode;
  joinCodeEl.textContent = model.joinCode ? t('board.joinCode', { code: model.joinCode }) : '';
  facJoinCodeCurrent.textContent = model.joinCode ? t('fac.joinCode.current', { code: model.joinCode }) : '';
  facJoinCodeStatus.textContent = header.newJoinCode ? t('fac.joinCode.changed', { code: header.newJoinCode }) : '';
}

export function renderView() {
  const listOn = state.currentView === 'list';
  viewToggle.setAttribute('aria-pressed', String(listOn));
  canvas.hidden = state.currentView !== 'canvas';
  listView.hidden = !listOn;
  byId('journey-view').hidden = state.currentView !== 'journey';
  byId('zoom-controls').hidden = state.currentView !== 'canvas';
  applyPan();
}

/** @param {'canvas' | 'list' | 'journey'} v */
export function setView(v) {
  state.currentView = v;
  writeString(KEYS.view, state.currentView);
  state.editing = null;
  state.confirming = null;
  renderView();
  scheduleRender();
}

// ---- view toggle ---------------------------------------------------------------------------------------
viewToggle.addEventListener('click', () => setView(state.currentView === 'list' ? 'canvas' : 'list'));
