// Builds dist/: one ES-module bundle per page (esbuild), the CSS, the HTML pages and the i18n catalogs.
// Bundles and CSS get a content hash in their names (landing-XXXXXXXX.js, styles-XXXXXXXX.css) and the HTML
// is rewritten to point at them, so they can be cached for long while the HTML itself stays fresh.
import { build } from 'esbuild';
import { cp, mkdir, rm, readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(root, 'src');
const staticDir = path.join(src, 'static');
const dist = path.join(root, 'dist');
const pages = {
  landing: 'index.html',
  facilitator: 'facilitator.html',
  board: 'board.html',
  outcomes: 'outcomes.html',
  presenter: 'presenter.html',
  account: 'account.html',
  accessibility: 'accessibility.html',
};

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const result = await build({
  entryPoints: Object.fromEntries(Object.keys(pages).map((name) => [name, path.join(src, name + '.js')])),
  outdir: dist,
  entryNames: '[name]-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  sourcemap: true,
  metafile: true,
  legalComments: 'linked',
  // sockjs-client is written for browserify: it reads `global`, and its debug helper reads process.env
  define: {
    global: 'globalThis',
    'process.env.NODE_ENV': '"production"',
    'process.env.DEBUG': 'undefined',
  },
  logLevel: 'warning',
});

/** @type {Record<string, string>} entry name -> bundle file name */
const bundles = {};
for (const [out, meta] of Object.entries(result.metafile.outputs)) {
  if (!meta.entryPoint || !out.endsWith('.js')) continue;
  const name = path.basename(meta.entryPoint, '.js');
  bundles[name] = path.basename(out);
}

// styles.css is bundled too, so the board's concerns can keep their rules in files of their own (@import)
const cssResult = await build({
  entryPoints: [path.join(staticDir, 'styles.css')],
  outdir: dist,
  entryNames: '[name]-[hash]',
  bundle: true,
  minify: false,
  metafile: true,
  logLevel: 'warning',
});
const cssOut = Object.keys(cssResult.metafile.outputs).find((o) => o.endsWith('.css'));
if (!cssOut) throw new Error('styles.css: no CSS bundle');
const cssName = path.basename(cssOut);

for (const name of await readdir(staticDir)) {
  if (name === 'styles.css' || name === 'css' || name.endsWith('.html')) continue;
  await cp(path.join(staticDir, name), path.join(dist, name), { recursive: true });
}
for (const [entry, file] of Object.entries(pages)) {
  let html = await readFile(path.join(staticDir, file), 'utf8');
  const script = `src="${entry}.js"`;
  if (!html.includes(script) || !bundles[entry]) throw new Error(`${file}: no ${script}`);
  html = html.replace(script, `src="${bundles[entry]}"`).replace('href="styles.css"', `href="${cssName}"`);
  await writeFile(path.join(dist, file), html);
}
await cp(path.join(src, 'i18n'), path.join(dist, 'i18n'), { recursive: true });

console.log('built dist/:', Object.values(bundles).join(', '), cssName);
