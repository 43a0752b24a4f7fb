// Trunk post_build hook, on the staging directory:
// 1. Moves every inline <script> of index.html (Trunk's wasm loader, our boot script) into a
//    content-hashed file: the server's Content-Security-Policy (`script-src 'self'`) refuses
//    inline scripts.
// 2. Writes sw.js with the list of every built file (Trunk hashes their names) and a cache name
//    derived from their contents, so each build that changes anything gets a new cache and the
//    old one is dropped on activation.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

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
html = html.replace(/<script(\s+type="module")?\s*>([\s\S]*?)<\/script>/g, (whole, type, body) => {
  if (!body.trim()) return '';
  const name = `inline-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(staging, name), body);
  return `<script${type ?? ''} src="${publicUrl}${name}"></script>`;
});
writeFileSync(indexPath, html);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = walk(staging)
  .map((p) => relative(staging, p).split(sep).join('/'))
  .filter((f) => f !== 'sw.js')
  .sort();
const hash = createHash('sha256');
for (const f of files) {
  hash.update(f);
  hash.update(readFileSync(join(staging, f)));
}
const build = hash.digest('hex').slice(0, 16);
const urls = [publicUrl, ...files.filter((f) => f !== 'index.html').map((f) => publicUrl + f)];

const template = readFileSync(join(source, 'src/sw/sw.js'), 'utf8');
const out = template
  .replace('__BUILD__', build)
  .replace('__PRECACHE__', JSON.stringify(urls))
  .replace('__INDEX__', JSON.stringify(publicUrl));
writeFileSync(join(staging, 'sw.js'), out);
console.log(`post-build: sw.js with ${urls.length} files, cache yidi-${build}`);
