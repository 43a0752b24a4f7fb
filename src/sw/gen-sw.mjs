// Trunk post_build hook: writes sw.js into the staging directory with the list of every built
// file (Trunk hashes their names) and a cache name derived from their contents, so each build
// that changes anything gets a new cache and the old one is dropped on activation.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
if (!staging) {
  console.error('gen-sw: TRUNK_STAGING_DIR is not set (run by trunk as a post_build hook)');
  process.exit(1);
}
let publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
if (!publicUrl.endsWith('/')) publicUrl += '/';

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
console.log(`gen-sw: sw.js with ${urls.length} files, cache yidi-${build}`);
