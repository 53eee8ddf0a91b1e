// The page around the board: the slim header (title, join code chip with copy, the phone menu, "my workshops") and
// the switch between canvas, list and journey views.
import { t, byId, el } from '../lib/page.js';
import { writeString, KEYS } from '../lib/storage.js';
import { model, state, scheduleRender, canvas, announce } from './context.js';
import { applyPan } from './canvas-view.js';

const titleEl = byId('board-title');
const joinCodeEl = byId('join-code-display');
const joinCodeText = byId('join-code-text');
const joinCodeCopy = /** @type {HTMLButtonElement} */ (byId('join-code-copy'));
const facJoinCodeCurrent = byId('fac-join-code-current');
const presenterLink = /** @type {HTMLAnchorElement} */ (byId('fac-presenter-link'));
const facJoinCodeStatus = byId('fac-join-code-status');
const viewToggle = /** @type {HTMLButtonElement} */ (byId('view-toggle'));
const listView = byId('list-view');
const menuToggle = /** @type {HTMLButtonElement} */ (byId('header-menu-toggle'));
const headerMore = byId('header-more');
const myWorkshops = byId('my-workshops-item');
const homeItem = byId('home-item');

export const header = {
  /** @type {string | null} the code this facilitator made here, shown with its link until the page reloads */
  newJoinCode: null,
};

export function renderHeader() {
  titleEl.textContent = model.title || t('board.titleFallback');
  titleEl.title = titleEl.textContent;
  document.title = (model.title ? model.title + ' – ' : '') + t('page.title.board');
  // the chip is for facilitators (participants joined with the code already)
  const showCode = !!model.joinCode && model.canRun;
  joinCodeEl.hidden = !showCode;
  if (showCode) {
    joinCodeText.replaceChildren(
      el('span', { className: 'chip-label', text: t('layout.joinCode') }),
      ' ',
      el('strong', { text: model.joinCode }),
    );
    byId('join-code-copy-text').textContent = t('layout.joinCode.copyLabel', { code: model.joinCode });
  }
  myWorkshops.hidden = !model.isFacilitator;
  homeItem.hidden = model.isFacilitator;
  presenterLink.href = 'presenter.html?w=' + encodeURIComponent(model.id || '');
  facJoinCodeCurrent.textContent = model.joinCode ? t('fac.joinCode.current', { code: model.joinCode }) : '';
  facJoinCodeStatus.textContent = header.newJoinCode ? t('fac.joinCode.changed', { code: header.newJoinCode }) : '';
}

joinCodeCopy.addEventListener('click', async () => {
  const code = model.joinCode;
  if (!code) return;
  try {
    await navigator.clipboard.writeText(code);
    announce(t('layout.joinCode.copied', { code }));
  } catch {
    announce(t('layout.joinCode.copyFailed', { code }));
  }
});

// ---- the phone menu (on a wide screen its contents are simply in the header) --------------------------------
/** @param {boolean} open */
function setMenu(open) {
  headerMore.classList.toggle('is-open', open);
  menuToggle.setAttribute('aria-expanded', String(open));
}
menuToggle.addEventListener('click', () => setMenu(menuToggle.getAttribute('aria-expanded') !== 'true'));
headerMore.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && menuToggle.getAttribute('aria-expanded') === 'true') {
    e.preventDefault();
    setMenu(false);
    menuToggle.focus();
  }
});
// a choice in the menu closes it; so does a click elsewhere
headerMore.addEventListener('click', (e) => {
  const target = /** @type {HTMLElement} */ (e.target);
  if (
    menuToggle.getAttribute('aria-expanded') === 'true' &&
    target.closest('button, a') &&
    !target.closest('#chime-toggle')
  ) {
    setMenu(false);
  }
});
document.addEventListener('pointerdown', (e) => {
  const target = /** @type {Node} */ (e.target);
  if (
    menuToggle.getAttribute('aria-expanded') === 'true' &&
    !headerMore.contains(target) &&
    !menuToggle.contains(target)
  )
    setMenu(false);
});

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
