// Facilitator page: "Import workshop (JSON)" — a file exported from Paja becomes a new workshop
// (POST /api/workshops/import), which then appears in the list.
import { t, tError, byId, showMessage } from './lib/page.js';
import { api, ApiError } from './lib/api.js';

/** the server's limit for an import body */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/**
 * @param {{token: () => string | null, onImported: (workshop: any) => void, onUnauthorized: () => void}} deps
 */
export function setupImport(deps) {
  const input = /** @type {HTMLInputElement} */ (byId('import-file'));
  const status = byId('import-status');
  const error = byId('import-error');

  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const token = deps.token();
    if (!token) return deps.onUnauthorized();
    showMessage(error, '');
    status.textContent = '';
    if (file.size > MAX_IMPORT_BYTES) {
      showMessage(error, t('export.import.tooLarge'));
      return;
    }
    let body;
    try {
      body = JSON.parse(await file.text());
    } catch {
      showMessage(error, tError('invalid_import'));
      return;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      showMessage(error, tError('invalid_import'));
      return;
    }
    input.disabled = true;
    status.textContent = t('export.import.busy');
    try {
      const created = await api('/api/workshops/import', { method: 'POST', token, body });
      status.textContent = t('export.import.done', { title: created && created.title ? created.title : file.name });
      input.value = '';
      deps.onImported(created);
    } catch (err) {
      status.textContent = '';
      if (err instanceof ApiError && err.status === 401) return deps.onUnauthorized();
      showMessage(error, tError(err instanceof ApiError ? err.code : 'unexpected'));
    } finally {
      input.disabled = false;
    }
  });
}
