// One small menu per stage and per lane, for facilitators: in the grid's column and row headers, and in the list of
// stages and lanes under "Edit the map" (the list path). Rename, move one step, remove (with a confirmation).
// A disclosure button opens it; Escape, the button again or a click elsewhere closes it.
import { t, tError, showMessage, el, closeOnEscape, byId } from '../lib/page.js';
import { stepIndex } from '../lib/journey-model.js';
import { limits } from '../lib/limits.js';

/**
 * @typedef {import('./shared.js').JourneyState} JourneyState
 * @typedef {import('./shared.js').Helpers} Helpers
 * @typedef {import('./shared.js').MenuPlace} MenuPlace
 * @typedef {import('../lib/journey-model.js').Journey} Journey
 * @typedef {import('../lib/journey-model.js').Stage} Stage
 * @typedef {import('../lib/journey-model.js').Lane} Lane
 */

const NS = 'http://www.w3.org/2000/svg';

/** Three dots, drawn (not text), so that the button's name is its label alone. */
function dotsIcon() {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const cx of [5, 12, 19]) {
    const c = document.createElementNS(NS, 'circle');
    c.setAttribute('cx', String(cx));
    c.setAttribute('cy', '12');
    c.setAttribute('r', '2.2');
    c.setAttribute('fill', 'currentColor');
    svg.append(c);
  }
  return svg;
}

/**
 * @param {JourneyState} s
 * @param {Helpers} h
 */
export function createItemMenu(s, h) {
  const { ctx, errorEl } = s;
  const { want, button, label, domId, send, formActions } = h;

  // a click outside an open menu closes it (the focus stays where the click put it)
  document.addEventListener('click', (e) => {
    if (!s.menu) return;
    const target = /** @type {Element | null} */ (e.target instanceof Element ? e.target : null);
    if (target && target.closest('.journey-menu-wrap')) return;
    s.menu = null;
    if (s.confirmRemove && s.confirmRemove.kind !== 'map') s.confirmRemove = null;
    ctx.scheduleRender();
  });

  /**
   * A question with "Yes, remove" and Cancel; Escape cancels.
   * @param {string} text
   * @param {string} what focus-key suffix
   * @param {() => Promise<any>} yes
   * @param {() => void} [cancelled]
   */
  function confirmBox(text, what, yes, cancelled) {
    const box = el('div', { className: 'journey-confirm' });
    box.append(el('p', { className: 'confirm-text', text }));
    const y = button(t('journey.confirmYes'), 'small danger', 'confirm-yes|' + what);
    const n = button(t('note.cancel'), 'small secondary', 'confirm-no|' + what);
    y.addEventListener('click', async () => {
      s.confirmRemove = null;
      await yes();
      ctx.scheduleRender();
    });
    n.addEventListener('click', () => {
      s.confirmRemove = null;
      s.focusNext = null;
      if (cancelled) cancelled();
      ctx.scheduleRender();
    });
    closeOnEscape(box, () => n.click());
    const actions = el('div', { className: 'note-actions' });
    actions.append(y, n);
    box.append(actions);
    return box;
  }

  /** @param {MenuPlace} where @param {'stage' | 'lane'} kind @param {string} id */
  function keyOf(where, kind, id) {
    return where + '|' + kind + '|' + id;
  }

  /** @param {MenuPlace} where @param {'stage' | 'lane'} kind @param {string} id */
  function isOpen(where, kind, id) {
    return !!s.menu && s.menu.where === where && s.menu.kind === kind && s.menu.id === id;
  }

  /** @param {string} key */
  function closeMenu(key) {
    s.menu = null;
    if (s.confirmRemove && s.confirmRemove.kind !== 'map') s.confirmRemove = null;
    want('menu|' + key);
    ctx.scheduleRender();
  }

  /**
   * The menu button of a stage or a lane and, while it is open, its actions.
   * @param {Journey} j
   * @param {'stage' | 'lane'} kind
   * @param {Stage | Lane} item
   * @param {MenuPlace} where
   */
  function itemMenu(j, kind, item, where) {
    const items = /** @type {(Stage | Lane)[]} */ (kind === 'stage' ? j.stages : j.lanes);
    const idField = kind === 'stage' ? 'stageId' : 'laneId';
    const key = keyOf(where, kind, item.id);
    const open = isOpen(where, kind, item.id);
    const wrap = el('div', { className: 'journey-menu-wrap' });
    const trigger = button('', 'journey-menu-button', 'menu|' + key);
    trigger.setAttribute('aria-label', t('journey.menu.' + kind, { title: item.title }));
    trigger.setAttribute('aria-expanded', String(open));
    trigger.append(dotsIcon());
    trigger.addEventListener('click', () => {
      if (isOpen(where, kind, item.id)) {
        closeMenu(key);
        return;
      }
      s.menu = { where, kind, id: item.id };
      s.renamingItem = null;
      if (s.confirmRemove && s.confirmRemove.kind !== 'map') s.confirmRemove = null;
      want('rename|' + key);
      ctx.scheduleRender();
    });
    wrap.append(trigger);
    if (!open) return wrap;

    const panel = el('div', { className: 'journey-menu', attrs: { role: 'group', 'aria-label': item.title } });
    panel.id = domId('journey-menu-' + where + '-' + kind, item.id);
    trigger.setAttribute('aria-controls', panel.id);
    closeOnEscape(panel, () => closeMenu(key));
    wrap.append(panel);

    if (s.confirmRemove && s.confirmRemove.kind === kind && s.confirmRemove.id === item.id) {
      // where the focus goes afterwards: the menu of the neighbour, or the form that adds one
      const at = items.findIndex((x) => x.id === item.id);
      const neighbour = items[at + 1] || items[at - 1] || null;
      panel.append(
        confirmBox(
          t(`journey.${kind}.confirmRemove`, { title: item.title }),
          key,
          async () => {
            s.menu = null;
            const done = await send({ op: `journey.${kind}.remove`, journeyId: j.id, [idField]: item.id });
            if (!done) {
              want('menu|' + key);
              return;
            }
            ctx.announce(t('journey.announce.removed', { title: item.title }));
            if (neighbour) want('menu|' + keyOf(where, kind, neighbour.id));
            else if (where === 'tools') want('new-' + kind);
            else {
              want(null);
              byId('journey-table-toggle').focus();
            }
          },
          () => want('remove|' + key),
        ),
      );
      return wrap;
    }

    /** @param {string} action @param {() => void} fn */
    const add = (action, fn) => {
      const b = button(t('journey.item.' + action), 'small journey-menu-item', action + '|' + key);
      b.setAttribute('aria-label', t('journey.item.' + action + 'Label', { title: item.title }));
      b.addEventListener('click', fn);
      panel.append(b);
    };
    add('rename', () => {
      s.menu = null;
      s.renamingItem = { kind, id: item.id, where };
      want('rename-input|' + key);
      ctx.scheduleRender();
    });
    const [back, forward] = kind === 'stage' ? ['left', 'right'] : ['up', 'down'];
    for (const [dir, delta] of /** @type {[string, number][]} */ ([
      [back, -1],
      [forward, 1],
    ])) {
      const index = stepIndex(items, item.id, delta);
      if (index === null) continue;
      add(dir, async () => {
        s.menu = null;
        want('menu|' + key);
        if (await send({ op: `journey.${kind}.move`, journeyId: j.id, [idField]: item.id, index })) {
          ctx.announce(t('journey.announce.moved', { title: item.title }));
        }
        ctx.scheduleRender();
      });
    }
    add('remove', () => {
      s.confirmRemove = { kind, id: item.id };
      want('confirm-no|' + key);
      ctx.scheduleRender();
    });
    return wrap;
  }

  /**
   * The form that renames a stage or a lane, in place of its title.
   * @param {Journey} j
   * @param {'stage' | 'lane'} kind
   * @param {Stage | Lane} item
   * @param {MenuPlace} where
   */
  function renameForm(j, kind, item, where) {
    const idField = kind === 'stage' ? 'stageId' : 'laneId';
    const key = keyOf(where, kind, item.id);
    const form = el('form', { className: 'journey-rename' });
    form.noValidate = true;
    const input = el('input');
    input.type = 'text';
    input.id = domId('rename-' + where + '-' + kind, item.id);
    input.maxLength = limits.maxTitleLength;
    input.value = item.title;
    input.dataset.fk = 'rename-input|' + key;
    input.dataset.keep = '';
    const close = () => {
      s.renamingItem = null;
      want('menu|' + key);
      ctx.scheduleRender();
    };
    const actions = formActions(form, t('note.save'), null, 'rename-cancel|' + key, close);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const title = input.value.trim();
      if (!title) {
        showMessage(errorEl, tError('invalid_title'));
        input.focus();
        return;
      }
      if (
        title === item.title ||
        (await send({ op: `journey.${kind}.update`, journeyId: j.id, [idField]: item.id, title }))
      )
        close();
    });
    form.append(label(t('journey.item.name'), input.id), input, actions);
    return form;
  }

  /**
   * @param {'stage' | 'lane'} kind
   * @param {string} id
   * @param {MenuPlace} where
   */
  function isRenaming(kind, id, where) {
    const r = s.renamingItem;
    return !!r && r.kind === kind && r.id === id && r.where === where;
  }

  return { itemMenu, renameForm, isRenaming, confirmBox };
}
