// Facilitator page: "Save as template" for one workshop (POST /api/workshops/{id}/template).
import { t, tError, showMessage, el, closeOnEscape } from './lib/page.js';
import { api, ApiError } from './lib/api.js';
import { suggestTemplateId, TEMPLATE_ID } from './lib/templates.js';
import { limits } from './lib/limits.js';

/**
 * The "Save as template" button of a workshop in the list, and its form (opened in place).
 * @param {{id: string, title: string}} workshop
 * @param {{token: () => string | null, onSaved: (template: any) => void, onSessionEnded: () => void}} opts
 * @returns {HTMLElement}
 */
export function saveTemplateControl(workshop, opts) {
  const box = el('div', { className: 'template-save' });
  const formId = 'template-save-' + workshop.id;
  const toggle = el('button', { className: 'secondary template-save-toggle', text: t('template.save') });
  toggle.type = 'button';
  toggle.setAttribute('aria-label', t('template.saveLabel', { title: workshop.title }));
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', formId);
  const status = el('p', { className: 'notice template-save-status', attrs: { role: 'status' } });
  status.hidden = true;

  const form = el('form', { className: 'template-save-form' });
  form.id = formId;
  form.noValidate = true;
  form.hidden = true;
  const idInput = el('input', { className: 'template-id' });
  idInput.type = 'text';
  idInput.id = formId + '-id';
  idInput.maxLength = 60;
  idInput.autocomplete = 'off';
  idInput.spellcheck = false;
  idInput.setAttribute('autocapitalize', 'none');
  idInput.setAttribute('aria-describedby', formId + '-id-hint');
  const idHint = el('p', { className: 'hint', text: t('template.save.idHint') });
  idHint.id = formId + '-id-hint';
  const nameInput = el('input', { className: 'template-name' });
  nameInput.type = 'text';
  nameInput.id = formId + '-name';
  nameInput.maxLength = limits.maxTitleLength;
  nameInput.autocomplete = 'off';
  const error = el('p', { className: 'error', attrs: { role: 'alert' } });
  error.hidden = true;
  const submit = el('button', { className: 'primary', text: t('template.save.submit') });
  submit.type = 'submit';
  const cancel = el('button', { className: 'secondary', text: t('note.cancel') });
  cancel.type = 'button';

  /** @param {string} text @param {string} forId @param {HTMLElement[]} rest */
  const field = (text, forId, ...rest) => {
    const f = el('div', { className: 'field' });
    const l = el('label', { text });
    l.htmlFor = forId;
    f.append(l, ...rest);
    return f;
  };
  const actions = el('div', { className: 'button-row' });
  actions.append(submit, cancel);
  form.append(
    field(t('template.save.id'), idInput.id, idInput, idHint),
    field(t('template.save.name'), nameInput.id, nameInput),
    error,
    actions,
  );

  /** @param {boolean} open */
  const setOpen = (open) => {
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      if (!idInput.value) idInput.value = suggestTemplateId(workshop.title);
      if (!nameInput.value) nameInput.value = workshop.title;
      showMessage(error, '');
      showMessage(status, '');
      idInput.focus();
    }
  };
  toggle.addEventListener('click', () => setOpen(form.hidden === true));
  cancel.addEventListener('click', () => {
    setOpen(false);
    toggle.focus();
  });
  closeOnEscape(form, () => cancel.click());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = idInput.value.trim();
    const name = nameInput.value.trim();
    if (!TEMPLATE_ID.test(id)) {
      showMessage(error, t('template.save.invalidId'));
      idInput.focus();
      return;
    }
    if (!name) {
      showMessage(error, tError('invalid_title'));
      nameInput.focus();
      return;
    }
    const token = opts.token();
    if (!token) return opts.onSessionEnded();
    submit.disabled = true;
    submit.textContent = t('template.save.busy');
    showMessage(error, '');
    try {
      const saved = await api('/api/workshops/' + encodeURIComponent(workshop.id) + '/template', {
        method: 'POST',
        token,
        body: { id, name },
      });
      setOpen(false);
      showMessage(status, t('template.save.done', { name }));
      toggle.focus();
      opts.onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return opts.onSessionEnded();
      showMessage(error, tError(err instanceof ApiError ? err.code : 'unexpected'));
      (err instanceof ApiError && err.code === 'template_exists' ? idInput : submit).focus();
    } finally {
      submit.disabled = false;
      submit.textContent = t('template.save.submit');
    }
  });
  box.append(toggle, form, status);
  return box;
}
