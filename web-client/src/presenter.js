// Presenter view: a workshop's join code, link and QR code, large, for a projector (docs/PROTOCOL.md,
// "Workshop life"). The QR code's modules come from the server (io.nayuki:qrcodegen) and are drawn here as SVG.
import { initPage, t, tError, byId, showMessage } from './lib/page.js';
import { api, ApiError } from './lib/api.js';
import { getFacilitator } from './lib/storage.js';

const SVG = 'http://www.w3.org/2000/svg';
const message = byId('presenter-message');
const content = byId('presenter-content');
const titleEl = byId('presenter-title');
const linkEl = byId('presenter-link');
const codeEl = byId('presenter-code');
const qrEl = byId('presenter-qr');
const fullscreen = /** @type {HTMLButtonElement} */ (byId('presenter-fullscreen'));

const workshopId = new URLSearchParams(location.search).get('w') || '';
/** @type {any} */
let data = null;

initPage(() => render());

/**
 * The QR code as one SVG path, with a quiet zone of 4 modules, black on white whatever the theme.
 * @param {{size: number, rows: string[]}} qr
 * @param {string} label
 */
export function qrSvg(qr, label) {
  const n = qr.size + 8;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${n} ${n}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  const bg = document.createElementNS(SVG, 'rect');
  bg.setAttribute('width', String(n));
  bg.setAttribute('height', String(n));
  bg.setAttribute('fill', '#ffffff');
  let d = '';
  qr.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === '1') d += `M${x + 4} ${y + 4}h1v1h-1z`;
  });
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000000');
  svg.append(bg, path);
  return svg;
}

/**
 * The address to type: host and path of the join link, no scheme, no query, no trailing slash
 * ("https://paja.example.fi/?code=ABC" → "paja.example.fi").
 * @param {string} joinUrl
 */
export function shortAddress(joinUrl) {
  try {
    const u = new URL(joinUrl, location.href);
    return (u.host + u.pathname).replace(/\/+$/, '').replace(/\/index\.html$/, '');
  } catch {
    return joinUrl
      .replace(/^https?:\/\//, '')
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '');
  }
}

function render() {
  if (!data) return;
  document.title = data.title + ' – ' + t('page.title.presenter');
  titleEl.textContent = data.title;
  // what people type: the site's address without scheme or query (the code they type next); the QR has it all
  linkEl.textContent = shortAddress(data.joinUrl);
  codeEl.textContent = data.joinCode;
  qrEl.replaceChildren(qrSvg(data.qr, t('life.presenter.qr', { url: data.joinUrl })));
  const closed = data.state === 'closed' || data.state === 'archived';
  showMessage(message, closed ? t('life.presenter.closed') : '');
}

async function load() {
  const f = getFacilitator();
  if (!f) {
    showMessage(message, t('life.presenter.login'));
    return;
  }
  try {
    data = await api(
      '/api/workshops/' + encodeURIComponent(workshopId) + '/presenter?origin=' + encodeURIComponent(location.origin),
      { token: f.token },
    );
    content.hidden = false;
    render();
  } catch (err) {
    showMessage(message, tError(err instanceof ApiError ? err.code : 'unexpected'));
  }
}

fullscreen.hidden = !document.fullscreenEnabled;
fullscreen.addEventListener('click', () => {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen().catch(() => {});
});

load();
