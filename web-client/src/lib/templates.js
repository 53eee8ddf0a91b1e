// Templates on the facilitator page: grouping by the level of the house of client participation, ids.
// Pure: no DOM, unit-tested in Node.

/** The levels of the house of client participation, from the foundation to the attic (PROTOCOL.md). */
export const LEVELS = ['foundation', 'feedback', 'dialogue', 'co-development', 'co-production', 'strategy', 'any'];

/**
 * @typedef {{id: string, name?: string, description?: string, level?: string, hasJourney?: boolean}} TemplateInfo
 */

/**
 * Templates grouped by level, in the order of the house; templates of an unknown level go under "any".
 * Inside a group the blank template comes first, then by name.
 * @param {TemplateInfo[]} templates
 * @returns {{level: string, templates: TemplateInfo[]}[]}
 */
export function groupByLevel(templates) {
  /** @type {Map<string, TemplateInfo[]>} */
  const by = new Map();
  for (const tpl of templates) {
    if (!tpl || typeof tpl.id !== 'string') continue;
    const level = tpl.level && LEVELS.includes(tpl.level) ? tpl.level : 'any';
    const group = by.get(level);
    if (group) group.push(tpl);
    else by.set(level, [tpl]);
  }
  const out = [];
  for (const level of LEVELS) {
    const list = by.get(level);
    if (!list) continue;
    list.sort((a, b) =>
      a.id === 'blank' ? -1 : b.id === 'blank' ? 1 : (a.name || a.id).localeCompare(b.name || b.id),
    );
    out.push({ level, templates: list });
  }
  return out;
}

export const TEMPLATE_ID = /^[a-z0-9-]{1,60}$/;

/**
 * A template id suggested from a title: "Palvelupolku – Ylä-Savo" -> "palvelupolku-yla-savo".
 * @param {string} title
 */
export function suggestTemplateId(title) {
  const id = String(title || '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return id;
}
