// After `trunk build --release` (scripts/build-web.sh), on dist/:
// 1. Prerenders the first view of each route below: the built app itself (the same Leptos
//    components, the same wasm) runs in headless Chromium against a static server of dist/, and
//    what it mounted is written into `dist/<route>/index.html` (home: `dist/index.html`), once in
//    Chinese and once in English (kept in a <template>; the boot script at the end of <body>
//    swaps it in before the first paint when the stored language is English). Form controls are
//    disabled until the wasm takes over: a tap before then would be lost. Trunk's bare shell stays
//    as `shell.html`, and is the page of the routes that show what the phone keeps (SHELL_ROUTES).
// 2. Writes sw.js again so its precache list has the pages (src/sw/precache.mjs).
// 3. Writes a brotli (quality 11) and a gzip (level 9) copy beside every file that shrinks (but
//    sw.js); the server sends them as they are (crates/server/src/spa.rs).
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { listFiles, writeServiceWorker } from '../../src/sw/precache.mjs';

const root = process.cwd();
const dist = join(root, 'dist');

/** Route → the file its first view is written to. `404.html`: the app's "no such page" view. */
const ROUTES = {
  '/': 'index.html',
  '/check': 'check/index.html',
  '/estimate': 'estimate/index.html',
  '/about': 'about/index.html',
  '/no-such-page': '404.html',
};
/**
 * Routes whose first view depends on what this phone keeps (drafts, filings, saved answers, a
 * sign-in): a prerender would show an empty or signed-out view that then changes under the
 * person's eyes. They get the bare shell as their page, and so does every path under them
 * (crates/server/src/spa.rs); without it the server would send them the "no such page" view.
 */
const SHELL_ROUTES = ['/filings', '/why', '/sign-in', '/review'];
const SETTINGS_KEY = 'yidi:settings'; // src/settings.rs
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

const shell = readFileSync(join(dist, 'index.html'), 'utf8');
writeFileSync(join(dist, 'shell.html'), shell);
for (const route of SHELL_ROUTES) {
  mkdirSync(join(dist, route), { recursive: true });
  writeFileSync(join(dist, route, 'index.html'), shell);
}

// A static server of dist/ for the prerender: client routes get the shell; the API is absent,
// as for a phone that is offline, so nothing fetched at start changes the first view.
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path.startsWith('/api/')) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
    return;
  }
  const file = extname(path) ? normalize(join(dist, path)) : join(dist, 'shell.html');
  try {
    if (!file.startsWith(dist)) throw new Error('outside dist');
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** The elements the app mounted into <body> for `route` in `lang`, as HTML. */
async function render(route, lang) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'block',
    locale: 'zh-CN',
  });
  if (lang === 'en') {
    await context.addInitScript(([key]) => {
      localStorage.setItem(key, JSON.stringify({ v: 1, data: { lang: 'en', elder: false } }));
    }, [SETTINGS_KEY]);
  }
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base + route, { waitUntil: 'networkidle' });
  await page.waitForSelector('body > header.top', { timeout: 30_000 });
  const html = await page.evaluate((lang) => {
    const out = [];
    for (const el of document.body.children) {
      if (el.tagName === 'SCRIPT' || el.tagName === 'NOSCRIPT' || el.tagName === 'TEMPLATE') continue;
      const copy = el.cloneNode(true);
      copy.setAttribute('data-prerender', lang);
      for (const c of copy.querySelectorAll('input, select, textarea, button')) c.setAttribute('disabled', '');
      out.push(copy.outerHTML);
    }
    return out.join('');
  }, lang);
  await context.close();
  if (errors.length) throw new Error(`prerender ${route} (${lang}): ${errors.join('; ')}`);
  if (!html.includes('<main')) throw new Error(`prerender ${route} (${lang}): no <main> mounted`);
  return html;
}

try {
  for (const [route, file] of Object.entries(ROUTES)) {
    const zh = await render(route, 'zh');
    const en = await render(route, 'en');
    const body = `${zh}<template id="prerender-en">${en}</template>`;
    if (!shell.includes('<body>')) throw new Error('shell: no <body>');
    const out = join(dist, file);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, shell.replace('<body>', `<body>\n${body}`));
    console.log(`prerendered ${route} → dist/${file} (${(body.length / 1024).toFixed(1)} KB)`);
  }
} finally {
  await browser.close();
  server.close();
}

let publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
if (!publicUrl.endsWith('/')) publicUrl += '/';
writeServiceWorker(dist, publicUrl, root);

let written = 0;
for (const f of listFiles(dist)) {
  // sw.js is not a first-visit file, and a deployment may replace it alone (e2e does): only a
  // copy that cannot go stale is safe to send for it.
  if (/\.(br|gz)$/.test(f) || f === 'sw.js') continue;
  const path = join(dist, f);
  const raw = readFileSync(path);
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  if (br.length < raw.length) (writeFileSync(path + '.br', br), written++);
  if (gz.length < raw.length) (writeFileSync(path + '.gz', gz), written++);
}
console.log(`precompressed: ${written} .br/.gz files`);
