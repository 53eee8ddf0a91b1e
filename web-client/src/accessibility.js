// The accessibility statement (saavutettavuusseloste): fixed text in three languages, completed with what the
// operator configured (GET /api/accessibility: organisation, contact, date of the assessment, or a statement of
// their own to link to instead).
import { initPage, t, byId, lang } from './lib/page.js';
import { api } from './lib/api.js';

/** @type {{organisation?: string, contact?: string, contactKind?: string, date?: string, statementUrl?: string}} */
let config = {};

/** The supervisory authority's site in the page's language. */
const AUTHORITY_SITE = {
  fi: 'https://www.saavutettavuusvaatimukset.fi/',
  sv: 'https://www.tillganglighetskrav.fi/',
  en: 'https://www.webaccessibility.fi/',
};

/** @param {string} iso YYYY-MM-DD */
function formatDay(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(date.getTime())) return iso;
  const locale = lang() === 'fi' ? 'fi-FI' : lang() === 'sv' ? 'sv-FI' : 'en-GB';
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function render() {
  const organisation = config.organisation || t('a11y.organisation.unset');
  byId('a11y-intro').textContent = t('a11y.intro', { organisation });
  byId('a11y-date').textContent = config.date ? t('a11y.date', { date: formatDay(config.date) }) : t('a11y.date.unset');

  const contact = byId('a11y-contact');
  contact.replaceChildren();
  if (config.contact) {
    contact.append(t('a11y.contact', { organisation }) + ' ');
    const link = document.createElement('a');
    link.href = config.contactKind === 'email' ? 'mailto:' + config.contact : config.contact;
    link.textContent = config.contact;
    contact.append(link);
  } else {
    contact.textContent = t('a11y.contact.unset');
  }

  const site = /** @type {HTMLAnchorElement} */ (byId('a11y-authority-web'));
  site.href = AUTHORITY_SITE[/** @type {'fi' | 'sv' | 'en'} */ (lang())] || AUTHORITY_SITE.fi;
  const email = /** @type {HTMLAnchorElement} */ (byId('a11y-authority-email'));
  email.href = 'mailto:saavutettavuus@traficom.fi';

  const external = byId('a11y-external');
  if (config.statementUrl) {
    const link = /** @type {HTMLAnchorElement} */ (byId('a11y-external-link'));
    link.href = config.statementUrl;
    link.textContent = config.statementUrl;
  }
  external.hidden = !config.statementUrl;
  byId('a11y-body').hidden = !!config.statementUrl;
}

initPage(render);
render();
api('/api/accessibility')
  .then((c) => {
    config = c || {};
    render();
  })
  .catch(() => render());
