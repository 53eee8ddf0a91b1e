// The facilitator's tools in the drawer: Guide (phases and "next phase", the timer, private mode and reveal,
// follow, spotlight and tidy-up, settings), Vote (the form, filled with the template's defaults) and People
// (roles, hands, removal, a new join code).
import { t, tError, byId, showMessage, el, lang, button, closeOnEscape } from '../lib/page.js';
import { api, ApiError } from '../lib/api.js';
import { clamp } from '../lib/board-model.js';
import {
  model,
  config,
  me,
  command,
  announce,
  whenApplied,
  scheduleRender,
  visibleCentre,
  camera,
  session,
  workshopId,
  token,
} from './context.js';
import { isLeading, sendFollow, follow } from './canvas-view.js';
import { participantText, appendFlags } from './presence.js';
import { renderHeader, header } from './layout.js';
import { personActions } from './privacy.js';
import { limits } from '../lib/limits.js';

const facPanel = byId('facilitator-panel');
const facError = byId('fac-error');
const phaseList = byId('phase-list');
const phaseListEmpty = byId('phase-list-empty');
const phaseForm = /** @type {HTMLFormElement} */ (byId('phase-form'));
const phaseNewTitle = /** @type {HTMLInputElement} */ (byId('phase-new-title'));
const phaseNewInstructions = /** @type {HTMLTextAreaElement} */ (byId('phase-new-instructions'));
const timerMinutes = /** @type {HTMLInputElement} */ (byId('timer-minutes'));
const phaseNext = /** @type {HTMLButtonElement} */ (byId('phase-next'));
const notesArrange = /** @type {HTMLButtonElement} */ (byId('notes-arrange'));
const timerPause = /** @type {HTMLButtonElement} */ (byId('timer-pause'));
const timerAdd = /** @type {HTMLButtonElement} */ (byId('timer-add'));
const timerStop = /** @type {HTMLButtonElement} */ (byId('timer-stop'));
const voteTargetsSel = /** @type {HTMLSelectElement} */ (byId('vote-targets'));
const voteBudget = /** @type {HTMLInputElement} */ (byId('vote-budget'));
const voteMax = /** @type {HTMLInputElement} */ (byId('vote-max'));
const voteMinutes = /** @type {HTMLInputElement} */ (byId('vote-minutes'));
const voteSecret = /** @type {HTMLInputElement} */ (byId('vote-secret'));
const voteOpenBtn = /** @type {HTMLButtonElement} */ (byId('vote-open'));
const voteCloseBtn = /** @type {HTMLButtonElement} */ (byId('vote-close'));
const voteReopenBtn = /** @type {HTMLButtonElement} */ (byId('vote-reopen'));
const followStart = /** @type {HTMLButtonElement} */ (byId('follow-start'));
const followRelease = /** @type {HTMLButtonElement} */ (byId('follow-release'));
const focusEndPanel = /** @type {HTMLButtonElement} */ (byId('focus-end-panel'));
const facParticipants = byId('fac-participants');
const facJoinCodeNew = /** @type {HTMLButtonElement} */ (byId('fac-join-code-new'));
const facJoinCodeConfirm = byId('fac-join-code-confirm');
const facJoinCodeYes = /** @type {HTMLButtonElement} */ (byId('fac-join-code-yes'));
const facJoinCodeNo = /** @type {HTMLButtonElement} */ (byId('fac-join-code-no'));
const facJoinCodeLinkLine = byId('fac-join-code-link-line');
const facJoinCodeLink = /** @type {HTMLAnchorElement} */ (byId('fac-join-code-link'));
const settingBoxes = /** @type {HTMLInputElement[]} */ (Array.from(document.querySelectorAll('input[data-setting]')));

/** @type {string | null} a phase being edited in the panel */
let editingPhase = null;
/** @type {string | null} a participant whose removal waits for confirmation */
let confirmingRemoval = null;
/** whether the removal being confirmed also bars the person's device */
let barOnRemoval = false;
/** the confirmation was just opened: its Cancel button takes the focus once */
let focusRemovalCancel = false;
/** @type {Map<string, {value: boolean, seq: number}>} settings changed here, not yet seen back */
const pendingSettings = new Map();

/**
 * @typedef {import('../lib/board-model.js').ViewNote} ViewNote
 * @typedef {import('../lib/board-model.js').Command} Command
 * @typedef {import('./context.js').Where} Where
 */

export function renderFacilitatorPanel() {
  facPanel.hidden = !model.canRun;
  // a closed workshop still answers a person's request: its people stay listed, with only download and erase
  if (model.isFacilitator) renderFacParticipants();
  if (!model.canRun) return;
  for (const box of settingBoxes) {
    const key = settingKey(box);
    if (!key) continue;
    const pending = pendingSettings.get(key);
    box.checked = pending ? pending.value : !!model.settings[key];
  }
  const t0 = model.timer.state;
  timerPause.textContent = t(t0 === 'paused' ? 'fac.timer.resume' : 'fac.timer.pause');
  timerPause.disabled = t0 === 'stopped';
  timerAdd.disabled = t0 === 'stopped';
  timerStop.disabled = t0 === 'stopped';
  const v = model.vote;
  voteCloseBtn.disabled = !v || v.state !== 'open';
  voteReopenBtn.hidden = !v || v.state !== 'closed';
  const leading = isLeading();
  followStart.setAttribute('aria-pressed', String(leading));
  followRelease.disabled = !model.view.follow;
  focusEndPanel.hidden = !model.view.focus;
  renderPhaseList();
  renderPhaseNext();
  applyTemplateDefaults();
}

/** The phase after the current one (the first when none has started), or null. */
function nextPhase() {
  const i = model.phases.findIndex((p) => p.id === model.currentPhaseId);
  return model.phases[i + 1] || null;
}

function renderPhaseNext() {
  const next = nextPhase();
  phaseNext.hidden = !next;
  const text = next
    ? t(model.currentPhaseId ? 'drawer.phase.nextTo' : 'drawer.phase.first', { title: next.title })
    : '';
  if (phaseNext.textContent !== text) phaseNext.textContent = text;
}
phaseNext.addEventListener('click', async () => {
  const next = nextPhase();
  if (!next) return;
  const reply = await command({ op: 'phase.activate', id: next.id }, facError);
  if (reply) announce(t('drawer.phase.started', { title: next.title }));
  // the button stays (naming the phase after), or the focus goes to the phase list when that was the last one
  const keep = () =>
    (phaseNext.hidden
      ? /** @type {HTMLElement | null} */ (phaseList.querySelector('li.is-current button:not(:disabled)')) ||
        timerMinutes
      : phaseNext
    ).focus();
  if (reply && typeof reply.seq === 'number') whenApplied(reply.seq, () => requestAnimationFrame(keep));
});

/** @type {string} the vote defaults last put in the form */
let appliedVoteDefaults = '';
/** @type {string} the phase whose planned minutes were last put in the timer field */
let appliedPhaseMinutes = '';
/** @param {unknown} n */
const wholeInRange = (n) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 1440;

/**
 * The workshop's template defaults (snapshot `defaults`) fill the vote form (budget, most dots on one) and the timer
 * minutes (the current phase's planned length) — once per change, never while the facilitator is typing there.
 */
function applyTemplateDefaults() {
  const d = model.journeyState.defaults || {};
  const active = document.activeElement;
  const voteSig = JSON.stringify([d.voteBudget, d.voteMaxPerItem]);
  if (voteSig !== appliedVoteDefaults && active !== voteBudget && active !== voteMax) {
    appliedVoteDefaults = voteSig;
    if (wholeInRange(d.voteBudget) && /** @type {number} */ (d.voteBudget) <= 100)
      voteBudget.value = String(d.voteBudget);
    const max = wholeInRange(d.voteMaxPerItem) ? d.voteMaxPerItem : d.voteBudget;
    if (wholeInRange(max) && /** @type {number} */ (max) <= 100) voteMax.value = String(max);
  }
  const phaseId = model.currentPhaseId || '';
  const minutes = phaseId && d.phaseMinutes ? d.phaseMinutes[phaseId] : undefined;
  const phaseSig = phaseId + ':' + String(minutes);
  if (phaseSig !== appliedPhaseMinutes && active !== timerMinutes) {
    appliedPhaseMinutes = phaseSig;
    if (wholeInRange(minutes)) timerMinutes.value = String(minutes);
  }
}

notesArrange.addEventListener('click', async () => {
  const reply = await command({ op: 'notes.arrange', by: 'group' }, facError);
  if (reply) announce(t('drawer.arrange.done'));
});

/**
 * The setting a checkbox stands for (data-setting), or null when it names none.
 * @param {HTMLInputElement} box
 * @returns {keyof import('../lib/board-model.js').Settings | null}
 */
function settingKey(box) {
  const key = box.dataset.setting;
  return key && Object.prototype.hasOwnProperty.call(model.settings, key)
    ? /** @type {keyof import('../lib/board-model.js').Settings} */ (key)
    : null;
}

for (const box of settingBoxes) {
  box.addEventListener('change', async () => {
    const key = settingKey(box);
    if (!key) return;
    const value = box.checked;
    pendingSettings.set(key, { value, seq: Infinity });
    const reply = await command({ op: 'settings.update', [key]: value }, facError);
    const done = () => {
      if (pendingSettings.get(key)?.value === value) pendingSettings.delete(key);
      scheduleRender();
    };
    if (reply && typeof reply.seq === 'number') whenApplied(reply.seq, done);
    else done();
  });
}

byId('reveal-notes').addEventListener('click', () => command({ op: 'notes.reveal' }, facError));

/**
 * A whole number from an input, or null (and a message) when it is not in range.
 * @param {HTMLInputElement} input
 * @param {number} min
 * @param {number} max
 */
function readInt(input, min, max) {
  const n = Number(input.value);
  if (!input.value.trim() || !Number.isInteger(n) || n < min || n > max) {
    showMessage(facError, tError('invalid_number'));
    input.focus();
    return null;
  }
  return n;
}

byId('timer-start').addEventListener('click', () => {
  const minutes = readInt(timerMinutes, 1, 1440);
  if (minutes !== null) command({ op: 'timer.start', seconds: minutes * 60 }, facError);
});
timerPause.addEventListener('click', () =>
  command({ op: model.timer.state === 'paused' ? 'timer.resume' : 'timer.pause' }, facError),
);
timerAdd.addEventListener('click', () => command({ op: 'timer.add', seconds: 60 }, facError));
timerStop.addEventListener('click', () => command({ op: 'timer.stop' }, facError));

voteOpenBtn.addEventListener('click', () => {
  const budget = readInt(voteBudget, 1, 100);
  if (budget === null) return;
  const maxPerItem = readInt(voteMax, 1, 100);
  if (maxPerItem === null) return;
  /** @type {Command} */
  const cmd = { op: 'vote.open', targets: voteTargetsSel.value, budget, maxPerItem, secret: voteSecret.checked };
  if (voteMinutes.value.trim()) {
    const minutes = readInt(voteMinutes, 1, 1440);
    if (minutes === null) return;
    cmd.seconds = minutes * 60;
  }
  command(cmd, facError);
});
voteCloseBtn.addEventListener('click', () => command({ op: 'vote.close' }, facError));
voteReopenBtn.addEventListener('click', () => {
  if (model.vote) command({ op: 'vote.reopen', voteId: model.vote.id }, facError);
});

followStart.addEventListener('click', () => {
  if (isLeading()) return;
  follow.startedHere = true;
  const c = visibleCentre();
  command(
    { op: 'view.follow', x: clamp(c.x, config.maxCoordinate), y: clamp(c.y, config.maxCoordinate), zoom: camera.zoom },
    facError,
  );
});
followRelease.addEventListener('click', () => {
  follow.startedHere = false;
  sendFollow.cancel();
  command({ op: 'view.release' }, facError);
});

phaseForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const title = phaseNewTitle.value.trim();
  if (!title) {
    showMessage(facError, tError('invalid_title'));
    phaseNewTitle.focus();
    return;
  }
  /** @type {Command} */
  const cmd = { op: 'phase.add', title };
  if (phaseNewInstructions.value.trim()) cmd.instructions = phaseNewInstructions.value.trim();
  if (await command(cmd, facError)) {
    phaseNewTitle.value = '';
    phaseNewInstructions.value = '';
    phaseNewTitle.focus();
  }
});

function renderPhaseList() {
  const sig = JSON.stringify([lang(), model.phases, model.currentPhaseId, editingPhase]);
  if (phaseList.dataset.signature === sig) return;
  phaseList.dataset.signature = sig;
  const focused = /** @type {HTMLElement | null} */ (document.activeElement);
  const refocus =
    focused && phaseList.contains(focused) ? [focused.closest('li')?.dataset.phaseId, focused.dataset.action] : null;
  phaseList.replaceChildren();
  phaseListEmpty.hidden = model.phases.length > 0;
  model.phases.forEach((phase, i) => {
    const li = el('li', { className: 'phase-item' });
    li.dataset.phaseId = phase.id;
    const current = phase.id === model.currentPhaseId;
    li.classList.toggle('is-current', current);
    if (editingPhase === phase.id) {
      li.append(phaseEditor(phase));
      phaseList.append(li);
      return;
    }
    const title = el('p', { className: 'phase-item-title', text: phase.title });
    if (current)
      title.append(' ', el('strong', { className: 'phase-current', text: '(' + t('fac.phase.current') + ')' }));
    li.append(title);
    if (phase.instructions) li.append(el('p', { className: 'hint', text: phase.instructions }));
    const actions = el('div', { className: 'note-actions' });
    /** @param {string} text @param {string} label @param {string} action @param {() => void} fn */
    const add = (text, label, action, fn) => {
      const b = button(t(text), 'small', action);
      b.setAttribute('aria-label', t(label, { title: phase.title }));
      b.addEventListener('click', fn);
      actions.append(b);
      return b;
    };
    const start = add('fac.phase.activate', 'fac.phase.activateLabel', 'activate', () =>
      command({ op: 'phase.activate', id: phase.id }, facError),
    );
    start.disabled = current;
    add('fac.phase.edit', 'fac.phase.editLabel', 'edit', () => {
      editingPhase = phase.id;
      renderPhaseList();
    });
    const up = add('fac.phase.up', 'fac.phase.upLabel', 'up', () =>
      command({ op: 'phase.move', id: phase.id, index: i - 1 }, facError),
    );
    up.disabled = i === 0;
    const down = add('fac.phase.down', 'fac.phase.downLabel', 'down', () =>
      command({ op: 'phase.move', id: phase.id, index: i + 1 }, facError),
    );
    down.disabled = i === model.phases.length - 1;
    add('fac.phase.remove', 'fac.phase.removeLabel', 'remove', () =>
      command({ op: 'phase.remove', id: phase.id }, facError),
    );
    li.append(actions);
    phaseList.append(li);
  });
  if (refocus) {
    const li = Array.from(phaseList.children).find(
      (x) => /** @type {HTMLElement} */ (x).dataset.phaseId === refocus[0],
    );
    const target = /** @type {HTMLElement | null} */ (
      li?.querySelector(`[data-action="${refocus[1]}"]:not(:disabled)`) || li?.querySelector('button:not(:disabled)')
    );
    (target || phaseNewTitle).focus();
  }
}

/** @param {import('../lib/board-model.js').Phase} phase */
function phaseEditor(phase) {
  const form = el('form', { className: 'phase-editor' });
  form.noValidate = true;
  const tId = 'phase-edit-title-' + phase.id;
  const iId = 'phase-edit-instructions-' + phase.id;
  const tl = el('label', { text: t('fac.phase.title') });
  tl.htmlFor = tId;
  const ti = el('input');
  ti.type = 'text';
  ti.id = tId;
  ti.maxLength = limits.maxTitleLength;
  ti.value = phase.title;
  const il = el('label', { text: t('fac.phase.instructions') });
  il.htmlFor = iId;
  const ii = el('textarea');
  ii.id = iId;
  ii.rows = 3;
  ii.maxLength = limits.maxNoteText;
  ii.value = phase.instructions;
  const save = el('button', { className: 'small primary', text: t('note.save') });
  save.type = 'submit';
  const cancel = button(t('note.cancel'), 'small secondary', 'cancel');
  const close = () => {
    editingPhase = null;
    renderPhaseList();
  };
  cancel.addEventListener('click', close);
  closeOnEscape(form, close);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const title = ti.value.trim();
    if (!title) {
      showMessage(facError, tError('invalid_title'));
      ti.focus();
      return;
    }
    /** @type {Command} */
    const cmd = { op: 'phase.update', id: phase.id };
    if (title !== phase.title) cmd.title = title;
    if (ii.value.trim() !== phase.instructions) cmd.instructions = ii.value.trim();
    if (cmd.title === undefined && cmd.instructions === undefined) return close();
    if (await command(cmd, facError)) close();
  });
  const actions = el('div', { className: 'note-actions' });
  actions.append(save, cancel);
  form.append(tl, ti, il, ii, actions);
  requestAnimationFrame(() => ti.focus());
  return form;
}

function renderFacParticipants() {
  const list = model.activeParticipants();
  // people removed from the workshop still have data here: a request to see or erase it can come from them too
  const removed = Array.from(model.participants.values()).filter((p) => p.removed && p.role !== 'facilitator');
  const running = model.canRun;
  const sig = JSON.stringify([
    lang(),
    running,
    list.map((p) => [p.id, p.name, p.role, p.online, model.ready.has(p.id), model.hands.has(p.id)]),
    removed.map((p) => [p.id, p.name]),
    confirmingRemoval,
  ]);
  if (facParticipants.dataset.signature === sig) return;
  facParticipants.dataset.signature = sig;
  const focused = /** @type {HTMLElement | null} */ (document.activeElement);
  const refocus =
    focused && facParticipants.contains(focused)
      ? [focused.closest('li')?.dataset.participantId, focused.dataset.action]
      : null;
  facParticipants.replaceChildren();
  for (const p of list) {
    const li = el('li', { className: 'fac-participant' });
    li.dataset.participantId = p.id;
    const name = p.name || t('note.unknownAuthor');
    const line = el('p', { className: 'fac-participant-name' });
    line.append(
      el('span', { text: participantText(p) }),
      ' ',
      el('span', {
        className: 'hint',
        text: '(' + t(p.online ? 'fac.participant.online' : 'fac.participant.offline') + ')',
      }),
    );
    appendFlags(line, p.id);
    li.append(line);
    const actions = el('div', { className: 'note-actions' });
    if (confirmingRemoval === p.id && running) {
      li.append(el('p', { className: 'confirm-text', text: t('fac.participant.confirmRemove', { name }) }));
      // the choice to keep this person's browser out for good (PROTOCOL.md, participant.remove with bar)
      const barLabel = el('label', { className: 'check' });
      const bar = /** @type {HTMLInputElement} */ (el('input'));
      bar.type = 'checkbox';
      bar.id = 'bar-' + p.id;
      bar.dataset.action = 'bar';
      bar.checked = barOnRemoval;
      bar.setAttribute('aria-describedby', 'bar-hint-' + p.id);
      bar.addEventListener('change', () => {
        barOnRemoval = bar.checked;
      });
      barLabel.htmlFor = bar.id;
      barLabel.append(bar, ' ', el('span', { text: t('fac.participant.bar') }));
      const barHint = el('p', { className: 'hint', text: t('fac.participant.barHint') });
      barHint.id = 'bar-hint-' + p.id;
      li.append(barLabel, barHint);
      const yes = button(t('fac.participant.confirmYes'), 'small danger', 'confirm-remove');
      yes.addEventListener('click', async () => {
        const barred = barOnRemoval;
        confirmingRemoval = null;
        barOnRemoval = false;
        const reply = await command({ op: 'participant.remove', participantId: p.id, bar: barred }, facError);
        if (reply && barred)
          announce(t(reply.barredDevices ? 'fac.participant.barred' : 'fac.participant.barredNone', { name }));
        renderFacParticipants();
      });
      const no = button(t('note.cancel'), 'small secondary', 'cancel-remove');
      no.addEventListener('click', () => {
        confirmingRemoval = null;
        barOnRemoval = false;
        renderFacParticipants();
        /** @type {HTMLElement | null} */ (
          facParticipants.querySelector(`li[data-participant-id="${CSS.escape(p.id)}"] [data-action=remove]`)
        )?.focus();
      });
      actions.append(yes, no);
      li.append(actions);
      facParticipants.append(li);
      if (focusRemovalCancel) {
        focusRemovalCancel = false;
        requestAnimationFrame(() => no.focus());
      }
      continue;
    }
    if (running && p.role !== 'facilitator' && p.id !== me()) {
      const selId = 'role-' + p.id;
      const label = el('label', { className: 'visually-hidden', text: t('fac.participant.role', { name }) });
      label.htmlFor = selId;
      const sel = el('select', { className: 'role-select' });
      sel.id = selId;
      sel.dataset.action = 'role';
      for (const r of ['cofacilitator', 'participant', 'observer']) {
        const o = el('option', { text: t('role.' + r) });
        o.value = r;
        sel.append(o);
      }
      sel.value = p.role && p.role !== 'facilitator' ? p.role : 'participant';
      sel.addEventListener('change', () =>
        command({ op: 'participant.role', participantId: p.id, role: sel.value }, facError),
      );
      li.append(label, sel);
    }
    if (running && model.hands.has(p.id)) {
      const lower = button(t('fac.participant.lowerHand'), 'small', 'lower-hand');
      lower.setAttribute('aria-label', t('fac.participant.lowerHandLabel', { name }));
      lower.addEventListener('click', () =>
        command({ op: 'presence.hand', raised: false, participantId: p.id }, facError),
      );
      actions.append(lower);
    }
    if (running && p.role !== 'facilitator' && p.id !== me()) {
      const rm = button(t('fac.participant.remove'), 'small', 'remove');
      rm.setAttribute('aria-label', t('fac.participant.removeLabel', { name }));
      rm.addEventListener('click', () => {
        confirmingRemoval = p.id;
        barOnRemoval = false;
        focusRemovalCancel = true;
        renderFacParticipants();
      });
      actions.append(rm);
    }
    actions.append(...personActions(p, name, facError));
    if (actions.children.length) li.append(actions);
    facParticipants.append(li);
  }
  for (const p of removed) {
    const li = el('li', { className: 'fac-participant is-removed' });
    li.dataset.participantId = p.id;
    const name = p.name || t('note.unknownAuthor');
    const line = el('p', { className: 'fac-participant-name' });
    line.append(
      el('span', { text: name }),
      ' ',
      el('span', { className: 'hint', text: '(' + t('fac.participant.removedState') + ')' }),
    );
    li.append(line);
    const actions = el('div', { className: 'note-actions' });
    actions.append(...personActions(p, name, facError));
    if (actions.children.length) li.append(actions);
    facParticipants.append(li);
  }
  if (refocus) {
    const li = Array.from(facParticipants.children).find(
      (x) => /** @type {HTMLElement} */ (x).dataset.participantId === refocus[0],
    );
    /** @type {HTMLElement | null} */ (
      li?.querySelector(`[data-action="${refocus[1]}"]`) || li?.querySelector('button, select')
    )?.focus();
  }
}

// ---- join code -----------------------------------------------------------------------------------------
/** @param {boolean} confirming */
function showJoinCodeConfirm(confirming) {
  facJoinCodeConfirm.hidden = !confirming;
  facJoinCodeNew.hidden = confirming;
  (confirming ? facJoinCodeNo : facJoinCodeNew).focus();
}

facJoinCodeNew.addEventListener('click', () => showJoinCodeConfirm(true));
facJoinCodeNo.addEventListener('click', () => showJoinCodeConfirm(false));
closeOnEscape(facJoinCodeConfirm, () => showJoinCodeConfirm(false));
facJoinCodeYes.addEventListener('click', async () => {
  facJoinCodeYes.disabled = true;
  try {
    const res = await api('/api/workshops/' + encodeURIComponent(workshopId) + '/join-code', {
      method: 'POST',
      body: {},
      token,
    });
    header.newJoinCode = String(res.joinCode || '');
    model.joinCode = header.newJoinCode;
    const link = new URL(String(res.joinUrl || '/?code=' + encodeURIComponent(header.newJoinCode)), location.href).href;
    facJoinCodeLink.href = link;
    facJoinCodeLink.textContent = link;
    facJoinCodeLinkLine.hidden = false;
    showMessage(facError, '');
    renderHeader();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) session.handleSyncError(err);
    else showMessage(facError, tError(err instanceof ApiError ? err.code : 'network_error'));
  } finally {
    facJoinCodeYes.disabled = false;
    showJoinCodeConfirm(false);
  }
});
