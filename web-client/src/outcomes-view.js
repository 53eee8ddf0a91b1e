// The board page's "Decisions and action items" panel (#outcomes), the facilitators' exports (#exports) and the
// link to the public "what happened to our ideas" page. Everyone sees the items; facilitators (and cofacilitators)
// make, edit, delete and push them. Texts from people are set with textContent only.
import { t, tError, byId, showMessage, el, lang, button, closeOnEscape } from './lib/page.js';
import { excerpt } from './lib/i18n.js';
import { api, ApiError } from './lib/api.js';
import {
  STATUSES,
  groupOutcomes,
  finnishToday,
  isOverdue,
  formatDay,
  outcomePatch,
  createCommand,
  fileNameFrom,
  readWithProgress,
  formatBytes,
  publicPageUrl,
  isDay,
} from './lib/outcomes-model.js';
import { limits } from './lib/limits.js';

/**
 * @typedef {import('./lib/outcomes-model.js').Outcome} Outcome
 * @typedef {{noteId?: string, clusterId?: string}} Source
 * @typedef {{
 *   model: import('./lib/board-model.js').BoardModel,
 *   command: (cmd: any, errorEl?: HTMLElement) => Promise<any>,
 *   whenApplied: (seq: number, run: () => void) => void,
 *   announce: (text: string) => void,
 *   scheduleRender: () => void,
 *   workshopId: string,
 *   token: string,
 * }} Deps
 */

/** @param {Deps} deps */
export function createOutcomesView(deps) {
  const { model, command, whenApplied, announce, scheduleRender, workshopId, token } = deps;
  const section = byId('outcomes');
  const errorEl = byId('outcome-error');
  const tools = byId('outcome-tools');
  const form = /** @type {HTMLFormElement} */ (byId('outcome-form'));
  const formKind = /** @type {HTMLSelectElement} */ (byId('outcome-kind'));
  const formTitle = /** @type {HTMLInputElement} */ (byId('outcome-title'));
  const formDescription = /** @type {HTMLTextAreaElement} */ (byId('outcome-description'));
  const formOwner = /** @type {HTMLInputElement} */ (byId('outcome-owner'));
  const formDue = /** @type {HTMLInputElement} */ (byId('outcome-due'));
  const formFeedback = /** @type {HTMLInputElement} */ (byId('outcome-feedback'));
  const formError = byId('outcome-form-error');
  const syncButton = /** @type {HTMLButtonElement} */ (byId('github-sync'));
  const githubStatus = byId('github-status');
  const empty = byId('outcomes-empty');
  const groups = { decision: byId('decisions'), action: byId('actions') };
  const lists = { decision: byId('decision-list'), action: byId('action-list') };
  const publicBox = byId('public-link-box');
  const publicLink = /** @type {HTMLAnchorElement} */ (byId('public-link'));
  const publicCopy = /** @type {HTMLButtonElement} */ (byId('public-link-copy'));
  const publicStatus = byId('public-link-status');
  const exportsSection = byId('exports');
  const exportLinks = /** @type {HTMLAnchorElement[]} */ (
    Array.from(exportsSection.querySelectorAll('a[data-format]'))
  );
  const progressBox = byId('export-progress-box');
  const progress = /** @type {HTMLProgressElement} */ (byId('export-progress'));
  const progressText = byId('export-progress-text');
  const exportStatus = byId('export-status');
  const exportError = byId('export-error');
  const againLine = byId('export-again-line');
  const again = /** @type {HTMLAnchorElement} */ (byId('export-again'));

  /** @type {Map<string, HTMLElement>} */
  const items = new Map();
  /** items whose details editor is open */
  const editing = new Set();
  /** @type {string | null} an item whose deletion waits for confirmation */
  let confirming = null;
  /** @type {Map<string, Record<string, string>>} what a facilitator typed but has not saved, per item and field */
  const drafts = new Map();
  /** @type {{id: string, selector: string} | null} focus to put somewhere once an item is (re)drawn */
  let focusAfter = null;
  let exporting = false;
  /** @type {string | null} */
  let objectUrl = null;

  const api$ = (/** @type {string} */ path, /** @type {any} */ opts = {}) => api(path, { token, ...opts });
  const base = '/api/workshops/' + encodeURIComponent(workshopId);

  // ---- helpers ---------------------------------------------------------------------------------------------
  /** @param {string} status */
  const statusName = (status) => t('outcome.status.' + status);

  /** @param {Outcome} o */
  function sourceLine(o) {
    if (!o.source) return '';
    if (o.source.noteId) {
      const n = model.notes.get(o.source.noteId);
      return n ? t('outcome.fromNote', { excerpt: excerpt(n.text, 80) }) : '';
    }
    const c = o.source.clusterId ? model.clusters.get(o.source.clusterId) : null;
    return c ? t('outcome.fromCluster', { title: c.title && c.title.trim() ? c.title : t('cluster.untitled') }) : '';
  }

  /**
   * A labelled field; its value comes from the draft when there is one.
   * @param {Outcome} o
   * @param {string} field
   * @param {'input' | 'textarea' | 'date' | 'select'} type
   * @param {string} labelText
   * @param {string} value
   */
  function field(o, field, type, labelText, value) {
    const box = el('div', { className: 'field' });
    const id = `outcome-${field}-${o.id}`;
    const label = el('label', { text: labelText });
    label.htmlFor = id;
    /** @type {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} */
    let control;
    if (type === 'textarea') {
      control = el('textarea');
      control.rows = 3;
    } else if (type === 'select') {
      control = el('select');
      for (const s of STATUSES) {
        const option = el('option', { text: statusName(s) });
        option.value = s;
        control.append(option);
      }
    } else {
      control = el('input');
      control.type = type === 'date' ? 'date' : 'text';
      control.autocomplete = 'off';
    }
    control.id = id;
    control.className = 'outcome-' + field.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
    control.dataset.field = field;
    const draft = drafts.get(o.id);
    control.value = draft && draft[field] !== undefined ? draft[field] : value;
    const remember = () => {
      const d = drafts.get(o.id) || {};
      d[field] = control.value;
      drafts.set(o.id, d);
    };
    control.addEventListener('input', remember);
    control.addEventListener('change', remember);
    box.append(label, control);
    return { box, control, label };
  }

  /** @param {string} id @param {string[]} fields */
  function clearDrafts(id, fields) {
    const d = drafts.get(id);
    if (!d) return;
    for (const f of fields) delete d[f];
    if (!Object.keys(d).length) drafts.delete(id);
  }

  /** @param {string} id @param {string} selector */
  function focusLater(id, selector) {
    focusAfter = { id, selector };
    scheduleRender();
  }

  // ---- one item --------------------------------------------------------------------------------------------
  /**
   * @param {HTMLElement} li
   * @param {Outcome} o
   * @param {string} today
   */
  function fillItem(li, o, today) {
    const fac = model.canRun;
    const overdue = model.isFacilitator && isOverdue(o, today);
    const source = sourceLine(o);
    const sig = JSON.stringify([lang(), o, fac, overdue, source, editing.has(o.id), confirming === o.id]);
    if (li.dataset.signature === sig) return;
    const active = /** @type {HTMLElement | null} */ (document.activeElement);
    const hasFocus = !!active && li.contains(active);
    // never rebuild a field under the typing hands; it is redrawn when focus leaves the item
    if (hasFocus && active.matches('input, textarea, select') && !(focusAfter && focusAfter.id === o.id)) {
      li.dataset.stale = 'true';
      return;
    }
    li.dataset.signature = sig;
    delete li.dataset.stale;
    const refocus = hasFocus ? (active.dataset.action ? `[data-action="${active.dataset.action}"]` : null) : null;

    li.className = 'outcome outcome-' + o.kind + ' status-' + o.status + (overdue ? ' is-overdue' : '');
    li.dataset.status = o.status;
    const parts = [];
    parts.push(el('h4', { className: 'outcome-heading', text: o.title }));
    const statusLine = el('p', { className: 'outcome-status-line' });
    const badge = el('span', {
      className: 'outcome-badge badge-' + o.status,
      text: t('outcome.statusLine', { status: statusName(o.status) }),
    });
    statusLine.append(badge);
    if (overdue)
      statusLine.append(
        ' ',
        el('span', {
          className: 'outcome-overdue',
          text: t('outcome.overdue', { date: formatDay(o.replyBy, lang()) }),
        }),
      );
    parts.push(statusLine);
    if (o.description) parts.push(el('p', { className: 'outcome-description-text', text: o.description }));
    const meta = el('ul', { className: 'outcome-meta' });
    if (o.owner)
      meta.append(el('li', { className: 'outcome-owner-line', text: t('outcome.ownerLine', { owner: o.owner }) }));
    if (o.due)
      meta.append(
        el('li', { className: 'outcome-due-line', text: t('outcome.dueLine', { date: formatDay(o.due, lang()) }) }),
      );
    if (o.replyBy && !overdue && (o.status === 'open' || o.status === 'in_progress')) {
      meta.append(
        el('li', {
          className: 'outcome-reply-by-line',
          text: t('outcome.replyBy', { date: formatDay(o.replyBy, lang()) }),
        }),
      );
    }
    if (o.votes) meta.append(el('li', { className: 'outcome-votes', text: t('outcome.votes', { count: o.votes }) }));
    if (source) meta.append(el('li', { className: 'outcome-source', text: source }));
    if (o.github && o.github.url) {
      const li2 = el('li');
      const a = el('a', { className: 'outcome-github', text: t('outcome.github', { number: o.github.number }) });
      a.href = o.github.url;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      li2.append(a);
      meta.append(li2);
    }
    if (meta.children.length) parts.push(meta);
    if (!fac) {
      if (o.explanation) parts.push(el('p', { className: 'outcome-explanation-text', text: o.explanation }));
      li.replaceChildren(...parts);
      return;
    }

    if (confirming === o.id) {
      parts.push(el('p', { className: 'confirm-text', text: t('outcome.confirmDelete', { title: o.title }) }));
      const yes = button(t('outcome.confirmYes'), 'small danger', 'confirm-delete');
      yes.addEventListener('click', () => removeItem(o));
      const no = button(t('outcome.cancel'), 'small secondary', 'cancel-delete');
      no.addEventListener('click', () => {
        confirming = null;
        focusLater(o.id, '[data-action="delete"]');
      });
      const row = el('div', { className: 'note-actions' });
      row.append(yes, no);
      parts.push(row);
      li.replaceChildren(...parts);
      li.addEventListener('keydown', escapeConfirm);
      no.focus();
      return;
    }

    // status and public explanation, edited in place
    const statusForm = el('form', { className: 'outcome-status-form' });
    statusForm.noValidate = true;
    const status = field(o, 'status', 'select', t('outcome.status'), o.status);
    status.control.setAttribute('aria-label', t('outcome.statusLabel', { title: o.title }));
    const explanation = field(o, 'explanation', 'textarea', t('outcome.explanation'), o.explanation);
    const hintId = 'outcome-explanation-hint-' + o.id;
    explanation.box.append(el('p', { className: 'hint', text: t('outcome.explanationHint'), attrs: { id: hintId } }));
    explanation.control.setAttribute('aria-describedby', hintId);
    /** @type {HTMLTextAreaElement} */ (explanation.control).maxLength = limits.maxCellText;
    const save = el('button', { className: 'small primary outcome-save', text: t('outcome.save') });
    save.type = 'submit';
    save.dataset.action = 'save';
    save.setAttribute('aria-label', t('outcome.saveLabel', { title: o.title }));
    statusForm.append(status.box, explanation.box, save);
    statusForm.addEventListener('submit', (e) => {
      e.preventDefault();
      saveStatus(o.id, /** @type {HTMLSelectElement} */ (status.control).value, explanation.control.value);
    });
    parts.push(statusForm);

    if (editing.has(o.id)) parts.push(detailsEditor(o));

    const actions = el('div', { className: 'note-actions outcome-actions' });
    if (!editing.has(o.id)) {
      const edit = button(t('outcome.edit'), 'small outcome-edit', 'edit');
      edit.setAttribute('aria-label', t('outcome.editLabel', { title: o.title }));
      edit.addEventListener('click', () => {
        editing.add(o.id);
        focusLater(o.id, 'input.outcome-title');
      });
      actions.append(edit);
    }
    if (!o.github) {
      const push = button(t('outcome.push'), 'small outcome-push', 'push');
      push.setAttribute('aria-label', t('outcome.pushLabel', { title: o.title }));
      push.addEventListener('click', () => pushToGithub(o, push));
      actions.append(push);
    }
    const del = button(t('outcome.delete'), 'small outcome-delete', 'delete');
    del.setAttribute('aria-label', t('outcome.deleteLabel', { title: o.title }));
    del.addEventListener('click', () => {
      confirming = o.id;
      scheduleRender();
    });
    actions.append(del);
    parts.push(actions);
    li.replaceChildren(...parts);
    if (refocus) /** @type {HTMLElement | null} */ (li.querySelector(refocus))?.focus({ preventScroll: true });
  }

  /** @param {KeyboardEvent} e */
  function escapeConfirm(e) {
    if (e.key !== 'Escape' || !confirming) return;
    const li = /** @type {HTMLElement} */ (e.currentTarget);
    if (li.dataset.outcomeId !== confirming) return;
    e.preventDefault();
    const id = confirming;
    confirming = null;
    focusLater(id, '[data-action="delete"]');
  }

  /** @param {Outcome} o */
  function detailsEditor(o) {
    const f = el('form', { className: 'outcome-details' });
    f.noValidate = true;
    const title = field(o, 'title', 'input', t('outcome.title'), o.title);
    /** @type {HTMLInputElement} */ (title.control).maxLength = limits.maxTitleLength;
    const description = field(o, 'description', 'textarea', t('outcome.description'), o.description);
    const owner = field(o, 'owner', 'input', t('outcome.owner'), o.owner);
    /** @type {HTMLInputElement} */ (owner.control).maxLength = limits.maxOwnerLength;
    const due = field(o, 'due', 'date', t('outcome.due'), o.due);
    const replyBy = field(o, 'replyBy', 'date', t('outcome.replyByField'), o.replyBy);
    const error = el('p', { className: 'error', attrs: { role: 'alert' } });
    error.hidden = true;
    const save = el('button', { className: 'small primary outcome-details-save', text: t('outcome.saveDetails') });
    save.type = 'submit';
    save.dataset.action = 'save-details';
    const cancel = button(t('outcome.cancel'), 'small secondary', 'cancel-details');
    const fields = ['title', 'description', 'owner', 'due', 'replyBy'];
    const close = () => {
      editing.delete(o.id);
      clearDrafts(o.id, fields);
      focusLater(o.id, '[data-action="edit"]');
    };
    cancel.addEventListener('click', close);
    closeOnEscape(f, close);
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      const current = model.outcomes.get(o.id);
      if (!current) return;
      if (!title.control.value.trim()) {
        showMessage(error, t('outcome.titleMissing'));
        title.control.focus();
        return;
      }
      for (const d of [due, replyBy]) {
        if (d.control.value && !isDay(d.control.value)) {
          showMessage(error, tError('wrong_type'));
          d.control.focus();
          return;
        }
      }
      const patch = outcomePatch(current, {
        title: title.control.value,
        description: description.control.value,
        owner: owner.control.value,
        due: due.control.value,
        replyBy: replyBy.control.value,
      });
      if (!Object.keys(patch).length) return close();
      const reply = await command({ op: 'outcome.update', id: o.id, ...patch }, error);
      if (!reply) return;
      announce(t('outcome.saved', { title: patch.title || current.title, status: statusName(current.status) }));
      whenAppliedOrNow(reply, close);
    });
    const row = el('div', { className: 'note-actions' });
    row.append(save, cancel);
    f.append(title.box, description.box, owner.box, due.box, replyBy.box, error, row);
    return f;
  }

  /** @param {any} reply @param {() => void} run */
  function whenAppliedOrNow(reply, run) {
    if (reply && typeof reply.seq === 'number') whenApplied(reply.seq, run);
    else run();
  }

  /**
   * @param {string} id
   * @param {string} status
   * @param {string} explanation
   */
  async function saveStatus(id, status, explanation) {
    const current = model.outcomes.get(id);
    if (!current) return;
    const patch = outcomePatch(current, { status, explanation });
    if (!Object.keys(patch).length) {
      announce(t('outcome.saved', { title: current.title, status: statusName(current.status) }));
      return;
    }
    const reply = await command({ op: 'outcome.update', id, ...patch }, errorEl);
    if (!reply) return;
    clearDrafts(id, ['status', 'explanation']);
    announce(t('outcome.saved', { title: current.title, status: statusName(patch.status || current.status) }));
    whenAppliedOrNow(reply, () => focusLater(id, '[data-action="save"]'));
  }

  /** @param {Outcome} o */
  async function removeItem(o) {
    confirming = null;
    const reply = await command({ op: 'outcome.delete', id: o.id }, errorEl);
    if (!reply) {
      scheduleRender();
      return;
    }
    drafts.delete(o.id);
    editing.delete(o.id);
    announce(t('outcome.deleted'));
    whenAppliedOrNow(reply, () => {
      scheduleRender();
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (!document.activeElement || document.activeElement === document.body) {
            const heading = byId('outcomes-heading');
            heading.tabIndex = -1;
            heading.focus();
          }
        }),
      );
    });
  }

  /**
   * @param {Outcome} o
   * @param {HTMLButtonElement} b
   */
  async function pushToGithub(o, b) {
    b.disabled = true;
    showMessage(errorEl, '');
    try {
      const res = await api$(base + '/outcomes/' + encodeURIComponent(o.id) + '/github', { method: 'POST' });
      showMessage(githubStatus, '');
      announce(t('outcome.githubPushed', { number: res && res.number }));
    } catch (err) {
      githubError(err);
    } finally {
      b.disabled = false;
    }
  }

  /** @param {any} err */
  function githubError(err) {
    const code = err instanceof ApiError ? err.code : 'network_error';
    if (code === 'not_configured') {
      // not a fault of the facilitator's: said calmly, not as an alert
      showMessage(githubStatus, t('outcome.githubNotConfigured'));
      showMessage(errorEl, '');
    } else {
      showMessage(githubStatus, '');
      showMessage(errorEl, tError(code));
    }
  }

  syncButton.addEventListener('click', async () => {
    syncButton.disabled = true;
    showMessage(errorEl, '');
    showMessage(githubStatus, t('outcome.githubSyncing'));
    try {
      const res = await api$(base + '/github/sync', { method: 'POST' });
      const n = Array.isArray(res && res.synced) ? res.synced.length : 0;
      showMessage(githubStatus, t('outcome.githubSynced', { count: n }));
    } catch (err) {
      githubError(err);
    } finally {
      syncButton.disabled = false;
    }
  });

  // ---- the form for writing one directly -----------------------------------------------------------------
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!formTitle.value.trim()) {
      showMessage(formError, t('outcome.titleMissing'));
      formTitle.focus();
      return;
    }
    if (formDue.value && !isDay(formDue.value)) {
      showMessage(formError, tError('wrong_type'));
      formDue.focus();
      return;
    }
    const cmd = createCommand({
      kind: formKind.value,
      title: formTitle.value,
      description: formDescription.value,
      owner: formOwner.value,
      due: formDue.value,
      fromFeedback: formFeedback.checked,
    });
    const reply = await command(cmd, formError);
    if (!reply) return;
    announce(t(cmd.kind === 'decision' ? 'outcome.createdDecision' : 'outcome.createdAction', { title: cmd.title }));
    for (const c of [formTitle, formDescription, formOwner, formDue]) c.value = '';
    formFeedback.checked = false;
    formTitle.focus();
  });

  // ---- from a note or a group ------------------------------------------------------------------------------
  /**
   * "Make a decision" and "Make an action item" buttons for a note or group (facilitators only).
   * @param {Source} target
   * @param {string} short the note's excerpt or the group's title, for the accessible names
   * @param {HTMLElement} [errorTarget]
   * @returns {HTMLButtonElement[]}
   */
  function makeButtons(target, short, errorTarget) {
    if (!model.canRun) return [];
    return /** @type {const} */ (['decision', 'action']).map((kind) => {
      const b = button(
        t(kind === 'decision' ? 'outcome.makeDecision' : 'outcome.makeAction'),
        'small outcome-make outcome-make-' + kind,
        'make-' + kind,
      );
      b.setAttribute(
        'aria-label',
        t(kind === 'decision' ? 'outcome.makeDecisionLabel' : 'outcome.makeActionLabel', { excerpt: short }),
      );
      b.addEventListener('click', () => makeFrom(kind, target, errorTarget));
      return b;
    });
  }

  /**
   * @param {'decision' | 'action'} kind
   * @param {Source} target
   * @param {HTMLElement} [errorTarget]
   */
  async function makeFrom(kind, target, errorTarget) {
    const reply = await command({ op: 'outcome.create', kind, ...target }, errorTarget);
    if (!reply || typeof reply.outcomeId !== 'string') return;
    const id = reply.outcomeId;
    whenAppliedOrNow(reply, () => {
      const o = model.outcomes.get(id);
      announce(
        t(kind === 'decision' ? 'outcome.createdDecision' : 'outcome.createdAction', { title: o ? o.title : '' }),
      );
      if (kind === 'action') {
        // an action item needs an owner and a due date: open its details there and then
        editing.add(id);
        focusLater(id, 'input.outcome-owner');
      } else {
        focusLater(id, 'select.outcome-status');
      }
    });
  }

  // ---- public link -----------------------------------------------------------------------------------------
  publicCopy.addEventListener('click', async () => {
    const url = publicLink.href;
    try {
      await navigator.clipboard.writeText(url);
      publicStatus.textContent = t('public.link.copied');
    } catch {
      // select the link's text so that Ctrl+C copies it
      const range = document.createRange();
      range.selectNodeContents(publicLink);
      const sel = getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      publicStatus.textContent = t('public.link.copyFailed');
    }
  });

  // ---- exports ---------------------------------------------------------------------------------------------
  for (const link of exportLinks) {
    link.addEventListener('click', (e) => {
      e.preventDefault();
      download(link);
    });
  }

  /** @param {HTMLAnchorElement} link */
  async function download(link) {
    if (exporting) return;
    exporting = true;
    const format = link.dataset.format || 'md';
    const label = link.textContent || format;
    for (const l of exportLinks) l.setAttribute('aria-disabled', 'true');
    showMessage(exportError, '');
    againLine.hidden = true;
    exportStatus.textContent = t('export.preparing', { format: label });
    progressBox.hidden = false;
    progress.removeAttribute('value');
    progressText.textContent = '';
    try {
      let response;
      try {
        response = await fetch(base + '/export?format=' + encodeURIComponent(format), {
          headers: { Authorization: 'Bearer ' + token },
          cache: 'no-store',
          credentials: 'same-origin',
        });
      } catch {
        throw new ApiError(0, 'network_error');
      }
      if (!response.ok) {
        let code = response.status === 401 ? 'unauthorized' : response.status === 403 ? 'forbidden' : 'unexpected';
        try {
          const body = await response.json();
          if (body && body.error && typeof body.error.code === 'string') code = body.error.code;
        } catch {
          /* not JSON */
        }
        throw new ApiError(response.status, code);
      }
      const blob = await readWithProgress(response, (received, total) => {
        if (total) {
          progress.max = total;
          progress.value = Math.min(received, total);
        }
        progressText.textContent = t('export.received', { size: formatBytes(received, lang()) });
      });
      const name = fileNameFrom(response.headers.get('Content-Disposition'), 'workshop.' + format);
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      objectUrl = URL.createObjectURL(blob);
      again.href = objectUrl;
      again.download = name;
      again.textContent = t('export.saveAgain', { file: name });
      againLine.hidden = false;
      progress.max = 1;
      progress.value = 1;
      exportStatus.textContent = t('export.ready', { file: name });
      // start the download; the "save again" link stays for whoever missed it
      const a = el('a');
      a.href = objectUrl;
      a.download = name;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
    } catch (err) {
      progressBox.hidden = true;
      exportStatus.textContent = '';
      showMessage(exportError, tError(err instanceof ApiError ? err.code : 'network_error'));
    } finally {
      exporting = false;
      for (const l of exportLinks) l.removeAttribute('aria-disabled');
    }
  }

  // ---- rendering -------------------------------------------------------------------------------------------
  section.addEventListener('focusout', (e) => {
    const li = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (e.target).closest?.('li.outcome'));
    const next = /** @type {Node | null} */ (e.relatedTarget);
    if (li && li.dataset.stale && !(next && li.contains(next))) scheduleRender();
  });

  function render() {
    if (!model.loaded) return;
    const fac = model.isFacilitator;
    tools.hidden = !model.canRun;
    exportsSection.hidden = !fac;
    if (!model.canRun) {
      editing.clear();
      confirming = null;
    }
    for (const link of exportLinks) {
      const href = base + '/export?format=' + encodeURIComponent(link.dataset.format || 'md');
      if (link.getAttribute('href') !== href) link.setAttribute('href', href);
    }
    const showPublic = fac && !!model.publicId;
    publicBox.hidden = !showPublic;
    if (showPublic) {
      const url = publicPageUrl(model.publicId, location.href);
      if (publicLink.href !== url) {
        publicLink.href = url;
        publicLink.textContent = url;
      }
    }

    const today = finnishToday();
    const grouped = groupOutcomes(model.outcomes.values());
    for (const [id, li] of items) {
      if (!model.outcomes.has(id)) {
        li.remove();
        items.delete(id);
        editing.delete(id);
        drafts.delete(id);
      }
    }
    for (const kind of /** @type {const} */ (['decision', 'action'])) {
      const ul = lists[kind];
      groups[kind].hidden = grouped[kind].length === 0;
      grouped[kind].forEach((o, i) => {
        let li = items.get(o.id);
        if (!li) {
          li = el('li', { className: 'outcome' });
          li.dataset.outcomeId = o.id;
          items.set(o.id, li);
        }
        if (ul.children[i] !== li) ul.insertBefore(li, ul.children[i] || null);
        fillItem(li, o, today);
      });
    }
    empty.hidden = model.outcomes.size > 0;
    if (focusAfter) {
      const li = items.get(focusAfter.id);
      const target = /** @type {HTMLElement | null} */ (li?.querySelector(focusAfter.selector));
      if (target) {
        focusAfter = null;
        target.focus();
      } else if (!li && !model.outcomes.has(focusAfter.id)) {
        focusAfter = null;
      }
    }
  }

  return { render, makeButtons };
}
