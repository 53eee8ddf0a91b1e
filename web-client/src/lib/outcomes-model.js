// Decisions and action items (PROTOCOL.md "Outcome commands"), exports and the public page: pure helpers, no DOM,
// so they are unit-tested in Node.

/**
 * @typedef {{id: string, kind: 'decision' | 'action', title: string, description: string, owner: string, due: string,
 *   status: string, explanation: string, source: {noteId?: string, clusterId?: string} | null, votes: number,
 *   replyBy: string, github: {number: number, url: string, state: string} | null, createdAt: string,
 *   updatedAt: string}} Outcome
 */

export const KINDS = /** @type {const} */ (['decision', 'action']);
export const STATUSES = /** @type {const} */ (['open', 'in_progress', 'done', 'wont_do']);
/** export formats: the query value, the class of its link and the catalog key of its name */
export const EXPORT_FORMATS = /** @type {const} */ (['md', 'json', 'csv', 'jira', 'azure', 'svg']);

/** @param {any} v */
const str = (v) => (typeof v === 'string' ? v : '');

/**
 * A server outcome (snapshot, event or public page) with every field present and of the right type.
 * @param {any} o
 * @returns {Outcome | null}
 */
export function normaliseOutcome(o) {
  if (!o || typeof o !== 'object' || typeof o.id !== 'string') return null;
  const source =
    o.source && typeof o.source === 'object'
      ? typeof o.source.noteId === 'string'
        ? { noteId: o.source.noteId }
        : typeof o.source.clusterId === 'string'
          ? { clusterId: o.source.clusterId }
          : null
      : null;
  const gh =
    o.github && typeof o.github === 'object' && Number.isFinite(Number(o.github.number))
      ? { number: Number(o.github.number), url: safeHttpsUrl(o.github.url), state: str(o.github.state) }
      : null;
  return {
    id: o.id,
    kind: o.kind === 'decision' ? 'decision' : 'action',
    title: str(o.title),
    description: str(o.description),
    owner: str(o.owner),
    due: isDay(o.due) ? o.due : '',
    status: STATUSES.includes(o.status) ? o.status : 'open',
    explanation: str(o.explanation),
    source,
    votes: Number(o.votes) > 0 ? Number(o.votes) : 0,
    replyBy: isDay(o.replyBy) ? o.replyBy : '',
    github: gh,
    createdAt: str(o.createdAt),
    updatedAt: str(o.updatedAt),
  };
}

/**
 * @param {any} list the snapshot's (or public page's) `outcomes`
 * @returns {Map<string, Outcome>}
 */
export function outcomesFromList(list) {
  const map = new Map();
  for (const o of Array.isArray(list) ? list : []) {
    const n = normaliseOutcome(o);
    if (n) map.set(n.id, n);
  }
  return map;
}

/**
 * Applies outcome.changed / outcome.removed to a map.
 * @param {Map<string, Outcome>} map
 * @param {any} ev
 * @returns {{kind: 'changed', before: Outcome | null, after: Outcome} | {kind: 'removed', before: Outcome | null} | null}
 */
export function applyOutcomeEvent(map, ev) {
  if (!ev) return null;
  if (ev.type === 'outcome.changed') {
    const after = normaliseOutcome(ev.outcome);
    if (!after) return null;
    const before = map.get(after.id) || null;
    map.set(after.id, after);
    return { kind: 'changed', before, after };
  }
  if (ev.type === 'outcome.removed' && typeof ev.id === 'string') {
    const before = map.get(ev.id) || null;
    map.delete(ev.id);
    return { kind: 'removed', before };
  }
  return null;
}

/**
 * Decisions and action items, each oldest first (the order they were made in).
 * @param {Iterable<Outcome>} outcomes
 * @returns {{decision: Outcome[], action: Outcome[]}}
 */
export function groupOutcomes(outcomes) {
  /** @type {{decision: Outcome[], action: Outcome[]}} */
  const out = { decision: [], action: [] };
  for (const o of outcomes) out[o.kind === 'decision' ? 'decision' : 'action'].push(o);
  const order = (/** @type {Outcome} */ a, /** @type {Outcome} */ b) =>
    (a.createdAt || '\uffff') < (b.createdAt || '\uffff')
      ? -1
      : (a.createdAt || '\uffff') > (b.createdAt || '\uffff')
        ? 1
        : a.id < b.id
          ? -1
          : a.id > b.id
            ? 1
            : 0;
  out.decision.sort(order);
  out.action.sort(order);
  return out;
}

/** @param {any} v whether v is a YYYY-MM-DD date */
export function isDay(v) {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(v + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * Today in Finland (the server counts reply-by dates in Finnish time), as YYYY-MM-DD.
 * @param {Date} [now]
 */
export function finnishToday(now = new Date()) {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Helsinki',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(now);
    const get = (/** @type {string} */ t) => parts.find((p) => p.type === t)?.value || '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/**
 * An open (or in-progress) item whose reply-by date has passed. Live events do not carry the server's `overdue`
 * flag, so the client works it out the same way.
 * @param {Outcome} o
 * @param {string} today YYYY-MM-DD
 */
export function isOverdue(o, today) {
  return (o.status === 'open' || o.status === 'in_progress') && !!o.replyBy && o.replyBy < today;
}

/**
 * A YYYY-MM-DD date for people, in the page's language, without time-zone shifts.
 * @param {string} day
 * @param {string} lang
 */
export function formatDay(day, lang) {
  if (!isDay(day)) return '';
  const locale = lang === 'fi' ? 'fi-FI' : lang === 'sv' ? 'sv-FI' : 'en-GB';
  try {
    return new Date(day + 'T12:00:00Z').toLocaleDateString(locale, {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'numeric',
      year: 'numeric',
    });
  } catch {
    return day;
  }
}

/** @param {any} url GitHub's issue link, or '' when it is not a plain https link */
export function safeHttpsUrl(url) {
  if (typeof url !== 'string') return '';
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.href : '';
  } catch {
    return '';
  }
}

/**
 * The `outcome.update` fields that differ from the item (only those are sent). Empty text clears a field;
 * an empty date is sent as null.
 * @param {Outcome} current
 * @param {{title?: string, description?: string, owner?: string, due?: string, replyBy?: string, status?: string,
 *   explanation?: string}} form
 * @returns {Record<string, string | null>}
 */
export function outcomePatch(current, form) {
  /** @type {Record<string, string | null>} */
  const patch = {};
  for (const key of /** @type {const} */ (['title', 'description', 'owner', 'status', 'explanation'])) {
    if (form[key] === undefined) continue;
    const value =
      key === 'description' || key === 'explanation' ? form[key].replace(/\r\n/g, '\n').trim() : form[key].trim();
    if (value !== current[key]) patch[key] = value;
  }
  for (const key of /** @type {const} */ (['due', 'replyBy'])) {
    if (form[key] === undefined) continue;
    const value = form[key].trim();
    if (value !== current[key]) patch[key] = value ? value : null;
  }
  return patch;
}

/**
 * The `outcome.create` command from the form.
 * @param {{kind: string, title: string, description?: string, owner?: string, due?: string, fromFeedback?: boolean}} form
 */
export function createCommand(form) {
  /** @type {Record<string, any>} */
  const cmd = {
    op: 'outcome.create',
    kind: form.kind === 'decision' ? 'decision' : 'action',
    title: form.title.trim(),
  };
  const description = (form.description || '').replace(/\r\n/g, '\n').trim();
  if (description) cmd.description = description;
  if (form.owner && form.owner.trim()) cmd.owner = form.owner.trim();
  if (form.due && form.due.trim()) cmd.due = form.due.trim();
  if (form.fromFeedback) cmd.fromFeedback = true;
  return cmd;
}

/**
 * The file name from a Content-Disposition header: RFC 5987 `filename*` first, then `filename`. A name whose
 * UTF-8 bytes arrived read as Latin-1 (a header with raw UTF-8) is repaired.
 * @param {string | null | undefined} header
 * @param {string} fallback
 */
export function fileNameFrom(header, fallback) {
  if (!header) return fallback;
  let name = '';
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      name = decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''));
    } catch {
      name = '';
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
    if (plain) name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim();
    name = repairLatin1(name);
  }
  // no folders, no control characters
  name = name
    .replace(/[\\/]/g, '_')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return name || fallback;
}

/** @param {string} s text whose UTF-8 bytes may have been read one byte per character */
function repairLatin1(s) {
  if (!/[\u00c0-\u00ff]/.test(s) || /[^\u0000-\u00ff]/.test(s)) return s;
  try {
    const bytes = Uint8Array.from(Array.from(s, (c) => c.charCodeAt(0)));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return s;
  }
}

/**
 * Reads a fetch Response body to a Blob, telling how many bytes have arrived (and the total when known).
 * @param {Response} response
 * @param {(received: number, total: number | null) => void} onProgress
 * @returns {Promise<Blob>}
 */
export async function readWithProgress(response, onProgress) {
  const type = response.headers.get('Content-Type') || 'application/octet-stream';
  const length = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (!response.body || typeof response.body.getReader !== 'function') {
    const blob = await response.blob();
    onProgress(blob.size, total);
    return blob;
  }
  const reader = response.body.getReader();
  /** @type {BlobPart[]} */
  const chunks = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(/** @type {BlobPart} */ (value));
    received += value.byteLength;
    onProgress(received, total);
  }
  return new Blob(chunks, { type });
}

/**
 * "12 kB" / "1.4 MB" in the page's language.
 * @param {number} bytes
 * @param {string} lang
 */
export function formatBytes(bytes, lang) {
  const locale = lang === 'fi' ? 'fi-FI' : lang === 'sv' ? 'sv-FI' : 'en-GB';
  const nf = (/** @type {number} */ n, /** @type {number} */ digits) =>
    n.toLocaleString(locale, { maximumFractionDigits: digits });
  if (bytes < 1000) return nf(bytes, 0) + ' B';
  if (bytes < 1000 * 1000) return nf(bytes / 1000, 0) + ' kB';
  return nf(bytes / 1e6, 1) + ' MB';
}

/**
 * The public page's address for a publicId, absolute from the page's own address.
 * @param {string} publicId
 * @param {string} base location.href
 */
export function publicPageUrl(publicId, base) {
  return new URL('outcomes.html?p=' + encodeURIComponent(publicId), base).href;
}

/** @param {any} id whether it looks like a publicId (the server's form: 22 URL-safe characters) */
export function isPublicId(id) {
  return typeof id === 'string' && /^[A-Za-z0-9_-]{22}$/.test(id);
}

/**
 * What a live change on the public page should say, if anything: a new item, a new status or a new explanation.
 * @param {Outcome | null} before
 * @param {Outcome} after
 * @returns {'new' | 'status' | 'explanation' | null}
 */
export function publicChange(before, after) {
  if (!before) return 'new';
  if (before.status !== after.status) return 'status';
  if (before.explanation !== after.explanation) return 'explanation';
  return null;
}

/**
 * The public page's items: loaded from GET /api/public/{id} and kept live by the events on its address. Events that
 * arrive while a (re)load is under way are kept and applied on top of it, unless the loaded item is newer.
 */
export class PublicFeed {
  constructor() {
    this.loaded = false;
    this.title = '';
    this.lang = '';
    /** @type {Map<string, Outcome>} */
    this.outcomes = new Map();
    this.loading = false;
    /** @type {any[]} */
    this.buffer = [];
  }

  beginLoad() {
    this.loading = true;
    this.buffer = [];
  }

  /**
   * @param {any} page the JSON of GET /api/public/{publicId}
   * @returns {Array<{kind: 'changed', before: Outcome | null, after: Outcome} | {kind: 'removed', before: Outcome | null}>}
   *   what the buffered events changed on top of the page
   */
  finishLoad(page) {
    this.loaded = true;
    this.loading = false;
    this.title = str(page && page.title);
    this.lang = str(page && page.lang);
    this.outcomes = outcomesFromList(page && page.outcomes);
    const changes = [];
    for (const ev of this.buffer) {
      if (ev.type === 'outcome.changed') {
        const next = normaliseOutcome(ev.outcome);
        const have = next && this.outcomes.get(next.id);
        if (have && have.updatedAt && next.updatedAt && have.updatedAt > next.updatedAt) continue;
      }
      const change = applyOutcomeEvent(this.outcomes, ev);
      if (change) changes.push(change);
    }
    this.buffer = [];
    return changes;
  }

  /** a failed load: events are applied directly again */
  abortLoad() {
    this.loading = false;
    for (const ev of this.buffer) applyOutcomeEvent(this.outcomes, ev);
    this.buffer = [];
  }

  /**
   * @param {any} ev a body from the public address
   * @returns {ReturnType<typeof applyOutcomeEvent>} null while loading (applied later) or when not understood
   */
  handle(ev) {
    if (!ev || (ev.type !== 'outcome.changed' && ev.type !== 'outcome.removed')) return null;
    if (this.loading) {
      this.buffer.push(ev);
      return null;
    }
    return applyOutcomeEvent(this.outcomes, ev);
  }
}
