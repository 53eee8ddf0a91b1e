// HTTP API client (PROTOCOL.md "HTTP API"). Errors become ApiError with the stable code.

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 for a network failure
   * @param {string} code stable error code (or network_error / unexpected)
   * @param {string} [message]
   */
  constructor(status, code, message) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/**
 * @param {string} path
 * @param {{method?: string, token?: string | null, body?: any, fetchImpl?: typeof fetch}} [options]
 * @returns {Promise<any>} the parsed JSON body, or null for 204
 */
export async function api(path, options = {}) {
  const { method = 'GET', token, body, fetchImpl = globalThis.fetch } = options;
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetchImpl(path, {
      method,
      headers,
      body: body !== undefined ? JSON.stringify(body) : undefined,
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'network_error', e instanceof Error ? e.message : String(e));
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    const text = await response.text();
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const code =
      data && data.error && typeof data.error.code === 'string' ? data.error.code : fallbackCode(response.status);
    const message = data && data.error && data.error.message;
    throw new ApiError(response.status, code, message);
  }
  return data;
}

/** @param {number} status */
function fallbackCode(status) {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 413) return 'payload_too_large';
  if (status >= 500) return 'internal_error';
  return 'unexpected';
}
