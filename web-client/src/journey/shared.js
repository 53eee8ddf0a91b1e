// What the journey-map parts share: the view's state, and small helpers (focus keys, rebuilds, labels, commands).
import { t, el, closeOnEscape, byId } from '../lib/page.js';
import { readString } from '../lib/storage.js';
import { signedScore } from '../lib/journey-model.js';

/**
 * @typedef {import('../lib/journey-model.js').Journey} Journey
 * @typedef {import('../lib/journey-model.js').Stage} Stage
 * @typedef {import('../lib/journey-model.js').Lane} Lane
 * @typedef {'grid' | 'table' | 'loose' | 'list'} Place
 * @typedef {'grid' | 'tools'} MenuPlace where a stage's or lane's menu is: a grid header, or the list under "Edit the map"
 * @typedef {{
 *   model: import('../lib/board-model.js').BoardModel,
 *   command: (cmd: any, errorEl?: HTMLElement) => Promise<any>,
 *   announce: (text: string) => void,
 *   scheduleRender: () => void,
 *   setView: (view: 'canvas' | 'list' | 'journey') => void,
 *   currentView: () => string,
 *   newNotePosition: () => {x: number, y: number},
 *   newNoteId: () => string,
 *   defaultColor: () => string,
 *   maxNoteText: () => number,
 *   workshopId: string,
 *   token: string,
 * }} JourneyContext
 * @typedef {{
 *   ctx: JourneyContext,
 *   model: JourneyContext['model'],
 *   errorEl: HTMLElement,
 *   selectedId: string | null,
 *   tableMode: boolean,
 *   editing: {key: string, where: Place} | null,
 *   placing: {noteId: string, where: Place} | null,
 *   adding: {key: string, where: Place} | null,
 *   renamingItem: {kind: 'stage' | 'lane', id: string, where: MenuPlace} | null,
 *   menu: {kind: 'stage' | 'lane', id: string, where: MenuPlace} | null,
 *   confirmRemove: {kind: 'map' | 'stage' | 'lane', id: string} | null,
 *   focusNext: string | null,
 *   focusUntil: number,
 *   dragNoteId: string | null,
 *   lastNotes: Map<string, import('../lib/board-model.js').ViewNote>,
 * }} JourneyState
 * @typedef {ReturnType<typeof createHelpers>} Helpers
 */

export const TABLE_KEY = 'paja.journey.table';

/**
 * @param {JourneyContext} ctx
 * @returns {JourneyState}
 */
export function createJourneyState(ctx) {
  return {
    ctx,
    model: ctx.model,
    errorEl: byId('journey-error'),
    /** the map shown */
    selectedId: null,
    tableMode: readString(TABLE_KEY) === 'true',
    /** an open cell editor */
    editing: null,
    /** a note whose "Move to…" form is open */
    placing: null,
    /** a cell where a new note is being written */
    adding: null,
    renamingItem: null,
    /** the open menu of a stage or a lane */
    menu: null,
    confirmRemove: null,
    /** a control to focus after the next rebuild (for a few seconds at most) */
    focusNext: null,
    focusUntil: 0,
    /** the note being dragged */
    dragNoteId: null,
    /** the notes of the last render */
    lastNotes: new Map(),
  };
}

/** @param {JourneyState} s */
export function createHelpers(s) {
  const { ctx, model, errorEl } = s;

  /** @param {string | null} fk */
  function want(fk) {
    s.focusNext = fk;
    s.focusUntil = Date.now() + 3000;
  }

  /** @returns {Journey | null} */
  function current() {
    const list = model.journeyState.list();
    if (!list.length) return null;
    if (!s.selectedId || !model.journeyState.journeys.has(s.selectedId)) s.selectedId = list[0].id;
    return model.journeyState.journeys.get(s.selectedId) || null;
  }

  function available() {
    return model.journeyState.list().length > 0 || model.isFacilitator;
  }

  /** @param {number} score */
  function scoreWord(score) {
    return t('journey.score.' + (score < 0 ? 'm' + Math.abs(score) : score > 0 ? 'p' + score : '0'));
  }

  /** @param {number} score */
  function scoreText(score) {
    return t('journey.score.text', { score: signedScore(score), label: scoreWord(score) });
  }

  /**
   * "Stage – lane" (with the map's name when there are several maps).
   * @param {{journey: Journey, stage: Stage, lane: Lane}} p
   */
  function placeName(p) {
    const several = model.journeyState.list().length > 1;
    return several
      ? t('journey.place.optionMap', { map: p.journey.title, stage: p.stage.title, lane: p.lane.title })
      : t('journey.place.option', { stage: p.stage.title, lane: p.lane.title });
  }

  /**
   * @param {string} text
   * @param {string} className
   * @param {string} fk focus key: the same control after a rebuild gets the focus back
   */
  function button(text, className, fk) {
    const b = el('button', { className, text });
    b.type = 'button';
    b.dataset.fk = fk;
    return b;
  }

  /**
   * Rebuilds a part when its signature changed, keeping typed text and the focus.
   * @param {HTMLElement} container
   * @param {string} sig
   * @param {() => Node[]} build
   */
  function rebuild(container, sig, build) {
    if (s.focusNext && Date.now() > s.focusUntil) s.focusNext = null;
    if (container.dataset.signature === sig && !s.focusNext) return;
    const changed = container.dataset.signature !== sig;
    container.dataset.signature = sig;
    const active = /** @type {HTMLElement | null} */ (document.activeElement);
    let fk = null;
    /** @type {[number, number] | null} */
    let selection = null;
    if (active && container.contains(active) && active.dataset.fk) {
      fk = active.dataset.fk;
      const f = /** @type {HTMLInputElement} */ (active);
      if (typeof f.selectionStart === 'number' && (f.tagName === 'TEXTAREA' || f.type === 'text'))
        selection = [f.selectionStart, f.selectionEnd ?? f.selectionStart];
    }
    if (changed) {
      /** @type {Map<string, string>} */
      const kept = new Map();
      for (const f of container.querySelectorAll('[data-keep]')) {
        const key = /** @type {HTMLElement} */ (f).dataset.fk;
        if (key) kept.set(key, /** @type {HTMLInputElement} */ (f).value);
      }
      container.replaceChildren(...build());
      for (const [key, value] of kept) {
        const f = /** @type {HTMLInputElement | null} */ (
          container.querySelector(`[data-keep][data-fk="${cssEscape(key)}"]`)
        );
        if (f) f.value = value;
      }
    }
    const wanted = s.focusNext || fk;
    if (!wanted) return;
    const again = /** @type {HTMLInputElement | null} */ (container.querySelector(`[data-fk="${cssEscape(wanted)}"]`));
    if (!again) return;
    if (s.focusNext === wanted) s.focusNext = null;
    if (document.activeElement !== again) again.focus({ preventScroll: wanted === fk });
    if (selection && wanted === fk) {
      try {
        again.setSelectionRange(selection[0], selection[1]);
      } catch {
        /* not a text field */
      }
    }
  }

  /**
   * @param {Journey} j
   * @param {Stage} stage
   * @param {Lane} lane
   */
  function cellKey(j, stage, lane) {
    return [j.id, stage.id, lane.id].join('|');
  }

  /** @param {string} label @param {string} forId @param {string} [className] */
  function label(label, forId, className) {
    const l = el('label', { text: label, className });
    l.htmlFor = forId;
    return l;
  }

  /** @param {string} prefix @param {string} id ids safe for the DOM */
  function domId(prefix, id) {
    return prefix + '-' + String(id).replace(/[^A-Za-z0-9_-]/g, '_');
  }

  // ---- commands --------------------------------------------------------------------------------------------
  /**
   * @param {any} cmd
   * @returns {Promise<any>}
   */
  function send(cmd) {
    return ctx.command(cmd, errorEl);
  }

  /**
   * The Save (submit) and Cancel buttons of an editor form: Cancel and Escape close it, Ctrl/Cmd+Enter submits.
   * @param {HTMLFormElement} form
   * @param {string} saveText
   * @param {string | null} saveFk
   * @param {string} cancelFk
   * @param {() => void} close
   */
  function formActions(form, saveText, saveFk, cancelFk, close) {
    const save = el('button', { className: 'small primary', text: saveText });
    save.type = 'submit';
    if (saveFk) save.dataset.fk = saveFk;
    const cancel = button(t('note.cancel'), 'small secondary', cancelFk);
    cancel.addEventListener('click', close);
    closeOnEscape(form, close, true);
    const actions = el('div', { className: 'note-actions' });
    actions.append(save, cancel);
    return actions;
  }

  function targetsSignature() {
    return model.journeyState.list().map((j) => [j.id, j.title, j.stages, j.lanes.filter((l) => l.kind === 'notes')]);
  }

  return {
    want,
    current,
    available,
    scoreWord,
    scoreText,
    placeName,
    button,
    rebuild,
    cellKey,
    label,
    domId,
    send,
    formActions,
    targetsSignature,
  };
}

/** @param {string} s */
function cssEscape(s) {
  return globalThis.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&');
}
