// The facilitator's tools for journey maps: name and kind, stages and lanes (add; rename, move and remove through
// each one's menu, item-menu.js),
// removing a map, and creating one (standard structure, a copy, or empty).
import { t, tError, byId, showMessage, el, lang } from '../lib/page.js';
import { LANE_KINDS } from '../lib/journey-model.js';
import { limits } from '../lib/limits.js';

/**
 * @typedef {import('../lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('./shared.js').JourneyState} JourneyState
 * @typedef {import('./shared.js').Helpers} Helpers
 * @typedef {import('./shared.js').Place} Place
 * @typedef {import('../lib/journey-model.js').Journey} Journey
 * @typedef {import('../lib/journey-model.js').Stage} Stage
 * @typedef {import('../lib/journey-model.js').Lane} Lane
 */

/**
 * @param {JourneyState} s
 * @param {Helpers} h
 * @param {ReturnType<typeof import('./item-menu.js').createItemMenu>} menus
 */
export function createMapTools(s, h, menus) {
  const { ctx, model, errorEl } = s;
  const { want, button, label, send } = h;
  const { itemMenu, renameForm, isRenaming, confirmBox } = menus;
  const create = /** @type {HTMLDetailsElement} */ (byId('journey-create'));
  const createForm = /** @type {HTMLFormElement} */ (byId('journey-create-form'));
  const createTitle = /** @type {HTMLInputElement} */ (byId('journey-new-title'));
  const createKind = /** @type {HTMLSelectElement} */ (byId('journey-new-kind'));
  const createStart = /** @type {HTMLSelectElement} */ (byId('journey-new-start'));

  // ---- facilitator's tools ---------------------------------------------------------------------------------
  /** @param {Journey} j */
  function buildTools(j) {
    const out = [];
    // name and kind
    const form = el('form', { className: 'journey-map-form' });
    form.noValidate = true;
    const titleIn = el('input');
    titleIn.type = 'text';
    titleIn.id = 'journey-edit-title';
    titleIn.maxLength = limits.maxTitleLength;
    titleIn.value = j.title;
    titleIn.dataset.fk = 'map-title';
    const kindSel = kindSelect('journey-edit-kind', j.kind);
    kindSel.dataset.fk = 'map-kind';
    const save = el('button', { className: 'small primary', text: t('journey.map.save') });
    save.type = 'submit';
    save.dataset.fk = 'map-save';
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const title = titleIn.value.trim();
      if (!title) {
        showMessage(errorEl, tError('invalid_title'));
        titleIn.focus();
        return;
      }
      /** @type {any} */
      const cmd = { op: 'journey.update', id: j.id };
      if (title !== j.title) cmd.title = title;
      if (kindSel.value !== j.kind) cmd.kind = kindSel.value;
      if (cmd.title !== undefined || cmd.kind !== undefined) await send(cmd);
    });
    const f1 = el('div', { className: 'field' });
    f1.append(label(t('journey.map.title'), titleIn.id), titleIn);
    const f2 = el('div', { className: 'field' });
    f2.append(label(t('journey.map.kind'), kindSel.id), kindSel);
    form.append(f1, f2, save);
    out.push(form);
    if (s.confirmRemove && s.confirmRemove.kind === 'map' && s.confirmRemove.id === j.id) {
      out.push(
        confirmBox(t('journey.map.confirmRemove', { title: j.title }), 'map', async () => {
          if (await send({ op: 'journey.remove', id: j.id })) s.selectedId = null;
        }),
      );
    } else {
      const rm = button(t('journey.map.remove'), 'small danger', 'map-remove');
      rm.addEventListener('click', () => {
        s.confirmRemove = { kind: 'map', id: j.id };
        want('confirm-no|map');
        ctx.scheduleRender();
      });
      out.push(rm);
    }
    out.push(...itemSection(j, 'stage'), ...itemSection(j, 'lane'));
    return out;
  }

  /** @param {string} id @param {string} value */
  function kindSelect(id, value) {
    const sel = el('select');
    sel.id = id;
    for (const k of ['current', 'future']) {
      const o = el('option', { text: t('journey.kind.' + k) });
      o.value = k;
      sel.append(o);
    }
    sel.value = value;
    return sel;
  }

  /**
   * The list of stages or lanes with rename / move / remove, and the form to add one.
   * @param {Journey} j
   * @param {'stage' | 'lane'} kind
   */
  function itemSection(j, kind) {
    const items = kind === 'stage' ? j.stages : j.lanes;
    const heading = el('h3', {
      className: 'journey-tools-heading',
      text: t(kind === 'stage' ? 'journey.stages' : 'journey.lanes'),
    });
    const ol = el('ol', { className: 'journey-items' });
    items.forEach((item) => {
      const li = el('li', { className: 'journey-item' });
      li.dataset.itemId = item.id;
      if (isRenaming(kind, item.id, 'tools')) {
        li.append(renameForm(j, kind, item, 'tools'));
        ol.append(li);
        return;
      }
      const line = el('p', { className: 'journey-item-title', text: item.title });
      if (kind === 'lane')
        line.append(
          ' ',
          el('span', { className: 'hint', text: '(' + t('journey.laneKind.' + /** @type {Lane} */ (item).kind) + ')' }),
        );
      li.append(line, itemMenu(j, kind, item, 'tools'));
      ol.append(li);
    });
    // add a stage / a lane
    const form = el('form', { className: 'journey-add-item' });
    form.noValidate = true;
    const input = el('input');
    input.type = 'text';
    input.id = 'journey-new-' + kind;
    input.maxLength = limits.maxTitleLength;
    input.dataset.fk = 'new-' + kind;
    input.dataset.keep = '';
    const f1 = el('div', { className: 'field' });
    f1.append(label(t(`journey.${kind}.title`), input.id), input);
    form.append(f1);
    /** @type {HTMLSelectElement | null} */
    let laneKind = null;
    if (kind === 'lane') {
      laneKind = el('select');
      laneKind.id = 'journey-new-lane-kind';
      laneKind.dataset.fk = 'new-lane-kind';
      laneKind.dataset.keep = '';
      for (const k of LANE_KINDS) {
        const o = el('option', { text: t('journey.laneKind.' + k) });
        o.value = k;
        laneKind.append(o);
      }
      const f2 = el('div', { className: 'field' });
      f2.append(label(t('journey.lane.kind'), laneKind.id), laneKind);
      form.append(f2);
    }
    const submit = el('button', { className: 'small secondary', text: t(`journey.${kind}.add`) });
    submit.type = 'submit';
    submit.id = 'journey-add-' + kind;
    submit.dataset.fk = 'add-' + kind;
    form.append(submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const title = input.value.trim();
      if (!title) {
        showMessage(errorEl, tError('invalid_title'));
        input.focus();
        return;
      }
      /** @type {any} */
      const cmd = { op: `journey.${kind}.add`, journeyId: j.id, title };
      if (laneKind) cmd.kind = laneKind.value;
      if (await send(cmd)) {
        input.value = '';
        input.focus();
      }
    });
    return [heading, ol, form];
  }

  // ---- creating a map --------------------------------------------------------------------------------------
  function standardStructure() {
    return {
      stages: [1, 2, 3, 4, 5, 6].map((i) => t('journey.default.stage' + i)),
      lanes: [
        { title: t('journey.default.doing'), kind: 'notes' },
        { title: t('journey.default.channels'), kind: 'channel' },
        { title: t('journey.default.thinking'), kind: 'notes' },
        { title: t('journey.default.feelings'), kind: 'emotion' },
        { title: t('journey.default.pain'), kind: 'notes' },
        { title: t('journey.default.ideas'), kind: 'notes' },
      ],
    };
  }

  function renderCreateStart() {
    const list = model.journeyState.list();
    const sig = JSON.stringify([lang(), list.map((j) => [j.id, j.title])]);
    if (createStart.dataset.signature === sig) return;
    createStart.dataset.signature = sig;
    const previous = createStart.value;
    createStart.replaceChildren();
    /** @param {string} value @param {string} text */
    const opt = (value, text) => {
      const o = el('option', { text });
      o.value = value;
      createStart.append(o);
    };
    opt('standard', t('journey.create.standard'));
    for (const j of list) opt('copy:' + j.id, t('journey.create.copy', { title: j.title }));
    opt('empty', t('journey.create.empty'));
    if (Array.from(createStart.options).some((o) => o.value === previous)) createStart.value = previous;
  }

  createForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const title = createTitle.value.trim() || t('journey.default.title');
    /** @type {any} */
    const cmd = { op: 'journey.create', title, kind: createKind.value === 'future' ? 'future' : 'current' };
    const start = createStart.value;
    if (start === 'standard') Object.assign(cmd, standardStructure());
    else if (start.startsWith('copy:')) {
      const from = model.journeyState.journeys.get(start.slice(5));
      if (from) {
        cmd.stages = from.stages.map((s) => s.title);
        cmd.lanes = from.lanes.map((l) => ({ title: l.title, kind: l.kind }));
      }
    }
    const reply = await send(cmd);
    if (reply && typeof reply.journeyId === 'string') {
      s.selectedId = reply.journeyId;
      createTitle.value = '';
      create.open = false;
      ctx.scheduleRender();
    }
  });

  /** Re-translates the static parts after a language change. */
  function relabel() {
    createStart.dataset.signature = '';
  }

  return { buildTools, renderCreateStart, relabel };
}
