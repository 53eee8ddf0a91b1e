// When a closed workshop's pseudonyms were, or will be, erased (PROTOCOL.md, "Retention and data-subject
// requests"): anonymisedAt when it has happened, else closedAt + the configured days (GET /api/config).

const DAY = 24 * 60 * 60 * 1000;

/**
 * @typedef {{closedAt?: string | null, anonymisedAt?: string | null}} WorkshopDates
 * @typedef {{retentionDays?: number | null, deleteAfterDays?: number | null}} RetentionConfig
 * @typedef {{state: 'done' | 'due', at: string, deleteAt: string}} RetentionInfo
 *   deleteAt: when the whole workshop will be deleted ('' when never)
 */

/**
 * @param {string} iso
 * @param {number | null | undefined} days
 * @returns {string} iso + days, or '' (no days, or not a date)
 */
function plusDays(iso, days) {
  if (typeof days !== 'number' || !(days > 0)) return '';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  return new Date(at + days * DAY).toISOString();
}

/**
 * What to tell about a workshop's retention, or null when nothing (an open workshop, retention off).
 * @param {WorkshopDates} w
 * @param {RetentionConfig} cfg
 * @returns {RetentionInfo | null}
 */
export function retentionInfo(w, cfg) {
  const closedAt = typeof w.closedAt === 'string' ? w.closedAt : '';
  const deleteAt = closedAt ? plusDays(closedAt, cfg.deleteAfterDays) : '';
  if (typeof w.anonymisedAt === 'string' && w.anonymisedAt) return { state: 'done', at: w.anonymisedAt, deleteAt };
  if (!closedAt) return null;
  const at = plusDays(closedAt, cfg.retentionDays);
  if (!at) return deleteAt ? { state: 'due', at: '', deleteAt } : null;
  return { state: 'due', at, deleteAt };
}

/**
 * The retention figures of a /api/config answer.
 * @param {any} c
 * @returns {RetentionConfig}
 */
export function retentionConfig(c) {
  /** @param {unknown} v */
  const days = (v) => (typeof v === 'number' && v > 0 ? v : null);
  return { retentionDays: days(c && c.retentionDays), deleteAfterDays: days(c && c.deleteAfterDays) };
}

/**
 * The sentence for a page, through the page's translate function.
 * @param {RetentionInfo} info
 * @param {(key: string, params?: Record<string, string | number>) => string} t
 * @param {(iso: string) => string} formatDate
 * @param {boolean} [short] the dashboard's short form
 */
export function retentionText(info, t, formatDate, short = false) {
  const parts = [];
  if (info.at) parts.push(t('privacy.retention.' + info.state + (short ? 'Short' : ''), { date: formatDate(info.at) }));
  if (info.deleteAt)
    parts.push(t('privacy.retention.delete' + (short ? 'Short' : ''), { date: formatDate(info.deleteAt) }));
  return parts.join(short ? ' · ' : ' ');
}
