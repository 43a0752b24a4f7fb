// Trunk post_build hook, on the staging directory:
// 1. Moves every inline <script> of index.html (Trunk's wasm loader, the service worker's
//    registration) into a content-hashed file: the server's Content-Security-Policy
//    (`script-src 'self'` plus the hashes of the boot scripts) refuses other inline scripts.
//    A script marked `data-boot` stays inline: it must run before the first paint.
// 2. Writes sw.js (src/sw/precache.mjs); scripts/web/finish.mjs writes it again once the
//    prerendered pages are in dist.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeServiceWorker } from './precache.mjs';
const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run by trunk as a post_build hook)');
  process.exit(1);
}
let publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
if (!publicUrl.endsWith('/')) publicUrl += '/';

const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');
// The page comes with its first view prerendered (scripts/web/finish.mjs): the wasm is fetched
// once that view is painted, not preloaded while the HTML is parsed, so it does not compete with
// the page for a slow link before the first paint.
html = html.replace(/<link rel="preload" href="[^"]*\.wasm"[^>]*>/, '');
// Started once the browser reports the first contentful paint (and one frame more); a page
// that is never painted (a hidden tab) starts after 3 s all the same.
const afterPaint = `await new Promise((painted) => {
  const go = () => requestAnimationFrame(() => setTimeout(painted));
  if (performance.getEntriesByName('first-contentful-paint').length) return go();
  new PerformanceObserver((list, o) => (o.disconnect(), go())).observe({ type: 'paint' });
  setTimeout(painted, 3000);
});
`;
html = html.replace(/(const wasm = await init\()/, (init) => afterPaint + init);
// The wasm's bytes reach the compiler 64 KB at a time, one task each: V8 decodes what it is
// handed in the task that hands it, so a wasm that arrives at once (a fast link, the service
// worker's cache) was decoded in one long task that kept a tap waiting (scripts/boot-trace.sh).
const inSlices = `function inSlices(url) {
  return fetch(url).then((response) => {
    if (!response.ok || !response.body) return response;
    const reader = response.body.getReader();
    let chunk = new Uint8Array(0);
    const body = new ReadableStream({
      async pull(out) {
        if (!chunk.length) {
          const { done, value } = await reader.read();
          if (done) return out.close();
          chunk = value;
        }
        await new Promise((next) => setTimeout(next));
        out.enqueue(chunk.subarray(0, 65536));
        chunk = chunk.subarray(65536);
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  });
}
`;
html = html.replace(
  /const wasm = await init\(\{ module_or_path: ('[^']+\.wasm') \}\)/,
  (_, url) => `${inSlices}const wasm = await init({ module_or_path: inSlices(${url}) })`,
);
if (!html.includes('inSlices(')) throw new Error('post-build: Trunk\'s wasm loader changed; the wasm is no longer fed in slices');
// index.html registers the service worker on this event of Trunk's loader.
if (!html.includes('TrunkApplicationStarted')) throw new Error('post-build: Trunk\'s wasm loader no longer fires TrunkApplicationStarted; the service worker would never register');
html = html.replace(/<script(\s+type="module")?\s*>([\s\S]*?)<\/script>/g, (whole, type, body) => {
  if (!body.trim()) return '';
  const name = `inline-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(staging, name), body);
  return `<script${type ?? ''} src="${publicUrl}${name}"></script>`;
});
writeFileSync(indexPath, html);

writeServiceWorker(staging, publicUrl, source);
