// The drawer beside the board: tabs (a WAI-ARIA tablist: arrows, Home, End) for the guide (facilitator tools and
// help), the vote, the people and the decisions. It never pushes the board down; open/closed and the tab are
// remembered per workshop. On a phone it is a full-screen sheet.
import { t, byId } from '../lib/page.js';
import { readJson, writeJson, KEYS } from '../lib/storage.js';
import { model, workshopId } from './context.js';

/** @typedef {'guide' | 'vote' | 'people' | 'decisions'} Tab */
/** @type {Tab[]} */
const TABS = ['guide', 'vote', 'people', 'decisions'];

const drawer = byId('drawer');
const heading = byId('drawer-heading');
const toggle = /** @type {HTMLButtonElement} */ (byId('drawer-toggle'));
const toggleText = byId('drawer-toggle-text');
const closeBtn = /** @type {HTMLButtonElement} */ (byId('drawer-close'));
const tabs = /** @type {Record<Tab, HTMLButtonElement>} */ (Object.fromEntries(TABS.map((x) => [x, byId('tab-' + x)])));
const panels = /** @type {Record<Tab, HTMLElement>} */ (Object.fromEntries(TABS.map((x) => [x, byId('panel-' + x)])));

const stored = workshopId ? readJson(KEYS.drawer(workshopId)) : null;
/** @type {{open: boolean, tab: Tab}} */
const drawerState = {
  open: !!(stored && stored.open),
  tab: stored && TABS.includes(stored.tab) ? stored.tab : 'guide',
};
/** @type {HTMLElement | null} what opened the drawer: it gets the focus back when the drawer closes */
let opener = null;

function save() {
  if (workshopId) writeJson(KEYS.drawer(workshopId), drawerState);
}

/** @param {HTMLElement} x */
export function shown(x) {
  return x.isConnected && x.getClientRects().length > 0;
}

function phone() {
  return matchMedia('(max-width: 700px)').matches;
}

export function renderDrawer() {
  const fac = model.isFacilitator;
  toggle.hidden = !model.loaded;
  const label = t(fac ? 'drawer.toggle.facilitator' : 'drawer.toggle.participant');
  if (toggleText.textContent !== label) toggleText.textContent = label;
  toggle.setAttribute('aria-expanded', String(drawerState.open));
  const headingText = t(fac ? 'drawer.heading.facilitator' : 'drawer.heading.participant');
  if (heading.textContent !== headingText) heading.textContent = headingText;
  const guideLabel = t(fac ? 'drawer.tab.guide' : 'drawer.tab.help');
  if (tabs.guide.textContent !== guideLabel) tabs.guide.textContent = guideLabel;
  const open = drawerState.open;
  if (drawer.hidden === open) drawer.hidden = !open;
  for (const x of TABS) {
    const selected = x === drawerState.tab;
    tabs[x].setAttribute('aria-selected', String(selected));
    tabs[x].tabIndex = selected ? 0 : -1;
    panels[x].hidden = !selected;
  }
  for (const section of /** @type {HTMLElement[]} */ (Array.from(drawer.querySelectorAll('.fac-only'))))
    section.hidden = !model.canRun;
}

/**
 * Opens the drawer on a tab and moves the focus there.
 * @param {Tab} [tab]
 * @param {HTMLElement | null} [from] the control that asked (focus returns to it on close)
 */
export function openDrawer(tab, from) {
  if (tab) drawerState.tab = tab;
  drawerState.open = true;
  opener = from || /** @type {HTMLElement | null} */ (document.activeElement);
  save();
  renderDrawer();
  tabs[drawerState.tab].focus();
}

export function closeDrawer() {
  drawerState.open = false;
  save();
  renderDrawer();
  // back to what opened it; when that is hidden now (the phone menu closed), to the menu button
  const back = [opener, toggle, byId('header-menu-toggle')].find((x) => x && shown(x)) || byId('main');
  opener = null;
  back.focus();
}

/** @param {Tab} tab */
function select(tab) {
  drawerState.tab = tab;
  save();
  renderDrawer();
  tabs[tab].focus();
}

toggle.addEventListener('click', () => (drawerState.open ? closeDrawer() : openDrawer(undefined, toggle)));
closeBtn.addEventListener('click', () => closeDrawer());
drawer.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && phone()) {
    e.preventDefault();
    closeDrawer();
  }
});
for (const x of TABS) {
  tabs[x].addEventListener('click', () => select(x));
  tabs[x].addEventListener('keydown', (e) => {
    const i = TABS.indexOf(x);
    /** @type {Tab | null} */
    let next = null;
    if (e.key === 'ArrowRight') next = TABS[(i + 1) % TABS.length];
    else if (e.key === 'ArrowLeft') next = TABS[(i + TABS.length - 1) % TABS.length];
    else if (e.key === 'Home') next = TABS[0];
    else if (e.key === 'End') next = TABS[TABS.length - 1];
    if (!next) return;
    e.preventDefault();
    select(next);
  });
}
// on a phone the drawer covers the board: a reload starts with the board
if (phone()) drawerState.open = false;
