// What a first visit really downloads, service worker included, in Chromium: the page is loaded
// through a proxy that counts every body on its way and paces it through one slow link (150 ms
// round trip, 1.6 Mbit/s: Lighthouse's slow 4G), until the service worker controls the page.
// size-report.sh adds up the same files from the server's side; this checks that the worker's
// precache finds the wasm in the HTTP cache instead of downloading it a second time.
// Usage: node first-visit.mjs <release server port> <proxy port> [route]
import http from 'node:http';
import { chromium } from 'playwright';

const [upstream, port, route = '/'] = process.argv.slice(2);
const ROUND_TRIP_MS = 150;
const BYTES_PER_MS = 1_600_000 / 8 / 1000;
const bodies = new Map();
let linkFreeAt = 0;

const proxy = http.createServer((req, res) => {
  const forward = { host: '127.0.0.1', port: upstream, path: req.url, method: req.method, headers: req.headers };
  req.pipe(
    http.request(forward, (answer) => {
      const parts = [];
      answer.on('data', (part) => parts.push(part));
      answer.on('end', () => {
        const body = Buffer.concat(parts);
        const path = req.url.split('?')[0];
        const seen = bodies.get(path) ?? { bytes: 0, times: 0 };
        bodies.set(path, { bytes: seen.bytes + body.length, times: seen.times + 1 });
        const headers = { ...answer.headers, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        setTimeout(() => {
          const now = Date.now();
          linkFreeAt = Math.max(linkFreeAt, now) + body.length / BYTES_PER_MS;
          setTimeout(() => res.writeHead(answer.statusCode, headers).end(body), linkFreeAt - now);
        }, ROUND_TRIP_MS);
      });
    }),
  );
});
await new Promise((listening) => proxy.listen(port, '127.0.0.1', listening));

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(`http://127.0.0.1:${port}${route}`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  // The worker controls the page once its install (the precache) is complete.
  let total = 0;
  console.log(`first visit to ${route} in Chromium, service worker included (bodies as sent)`);
  for (const [path, { bytes, times }] of [...bodies].sort((a, b) => b[1].bytes - a[1].bytes)) {
    total += bytes;
    console.log(`${path.padEnd(46)} ${String(bytes).padStart(10)}${times > 1 ? `  (${times} downloads)` : ''}`);
  }
  console.log(`${'TOTAL'.padEnd(46)} ${String(total).padStart(10)}  (${(total / 1024).toFixed(1)} KB)`);
} finally {
  await browser.close();
  proxy.close();
}
