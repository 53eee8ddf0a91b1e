// Small menus of a note or group (colour, more…): a menu button (aria-haspopup, aria-expanded) and a role=menu
// list of menu items, moved through with the arrow keys; Escape closes the menu and puts focus back on the note.
import { el } from '../lib/page.js';

/** @type {{ownerKey: string, kind: string} | null} the menu open now (kept over re-renders) */
let open = null;

/** @param {string} ownerKey @param {string} kind */
export function isMenuOpen(ownerKey, kind) {
  return !!open && open.ownerKey === ownerKey && open.kind === kind;
}

/** The open menu, for the re-render check of its owner. @param {string} ownerKey */
export function openMenuOf(ownerKey) {
  return open && open.ownerKey === ownerKey ? open.kind : null;
}

export function closeMenus() {
  open = null;
}

/**
 * @typedef {{action: string, text: string, run: () => void, checked?: boolean, danger?: boolean}} MenuItem
 */

/**
 * A menu button with its menu (rendered only while open).
 * @param {{ownerKey: string, kind: string, text: string, label?: string, className?: string, menuLabel: string,
 *   items: MenuItem[], rerender: () => void, returnFocus: () => void}} opts
 * @returns {HTMLElement}
 */
export function menuButton(opts) {
  const wrap = el('div', { className: 'menu-wrap' });
  const isOpen = isMenuOpen(opts.ownerKey, opts.kind);
  const btn = el('button', { className: 'small menu-button ' + (opts.className || ''), text: opts.text });
  btn.type = 'button';
  btn.dataset.action = 'menu-' + opts.kind;
  btn.setAttribute('aria-haspopup', 'menu');
  btn.setAttribute('aria-expanded', String(isOpen));
  if (opts.label) btn.setAttribute('aria-label', opts.label);
  const menuId = 'menu-' + opts.kind + '-' + opts.ownerKey.replace(/[^a-zA-Z0-9_-]/g, '_');
  btn.setAttribute('aria-controls', menuId);
  btn.addEventListener('click', () => {
    open = isOpen ? null : { ownerKey: opts.ownerKey, kind: opts.kind };
    opts.rerender();
    if (!isOpen) {
      requestAnimationFrame(() => {
        const first = /** @type {HTMLElement | null} */ (
          document.getElementById(menuId)?.querySelector('[role^=menuitem]')
        );
        first?.focus({ preventScroll: true });
      });
    }
  });
  wrap.append(btn);
  // the menu element is always there (aria-controls points at it), its items only while open
  const menu = el('div', { className: 'note-menu', attrs: { role: 'menu', 'aria-label': opts.menuLabel } });
  menu.id = menuId;
  menu.hidden = !isOpen;
  if (isOpen) {
    for (const item of opts.items) {
      const b = el('button', { className: 'menu-item' + (item.danger ? ' danger-text' : ''), text: item.text });
      b.type = 'button';
      b.tabIndex = -1;
      b.dataset.action = item.action;
      if (item.checked !== undefined) {
        b.setAttribute('role', 'menuitemradio');
        b.setAttribute('aria-checked', String(item.checked));
      } else {
        b.setAttribute('role', 'menuitem');
      }
      b.addEventListener('click', () => {
        open = null;
        item.run();
      });
      menu.append(b);
    }
    menu.addEventListener('keydown', (e) => {
      const items = /** @type {HTMLElement[]} */ (Array.from(menu.querySelectorAll('[role^=menuitem]')));
      const i = items.indexOf(/** @type {HTMLElement} */ (document.activeElement));
      let next = -1;
      if (e.key === 'ArrowDown') next = (i + 1) % items.length;
      else if (e.key === 'ArrowUp') next = (i - 1 + items.length) % items.length;
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = items.length - 1;
      else if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        open = null;
        opts.rerender();
        opts.returnFocus();
        return;
      } else if (e.key === 'Tab') {
        open = null;
        menu.hidden = true;
        btn.setAttribute('aria-expanded', 'false');
        return;
      }
      if (next >= 0) {
        e.preventDefault();
        items[next]?.focus();
      }
    });
  }
  wrap.append(menu);
  return wrap;
}

// a click anywhere outside an open menu closes it
document.addEventListener(
  'pointerdown',
  (e) => {
    if (!open) return;
    const target = /** @type {HTMLElement} */ (e.target);
    if (target.closest?.('.menu-wrap')) return;
    open = null;
    for (const m of Array.from(document.querySelectorAll('.note-menu'))) /** @type {HTMLElement} */ (m).hidden = true;
    for (const b of Array.from(document.querySelectorAll('.menu-button[aria-expanded=true]')))
      b.setAttribute('aria-expanded', 'false');
  },
  true,
);
