// Writes dist's sw.js from src/sw/sw.js: the list of every built file (Trunk hashes their names,
// and the prerendered pages are added after Trunk) and a cache name derived from their contents,
// so each build that changes anything gets a new cache and the old one is dropped on activation.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `dir`, as `/`-separated paths relative to it. */
export function listFiles(dir) {
  const walk = (d) =>
    readdirSync(d).flatMap((name) => {
      const p = join(d, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return walk(dir).map((p) => relative(dir, p).split(sep).join('/')).sort();
}

export function writeServiceWorker(dir, publicUrl, source) {
  // Precompressed copies are the same files to a browser: the cache holds what fetch returns.
  const files = listFiles(dir).filter((f) => f !== 'sw.js' && !/\.(br|gz)$/.test(f));
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(f);
    hash.update(readFileSync(join(dir, f)));
  }
  const build = hash.digest('hex').slice(0, 16);
  // A route whose page is the bare shell is answered with `shell.html` (sw.js): its own copy
  // would only be downloaded again at install.
  const shell = files.includes('shell.html') ? readFileSync(join(dir, 'shell.html')) : null;
  const isShellCopy = (f) =>
    f.endsWith('/index.html') && shell !== null && readFileSync(join(dir, f)).equals(shell);
  const urls = [
    publicUrl,
    ...files.filter((f) => f !== 'index.html' && !isShellCopy(f)).map((f) => publicUrl + f),
  ];
  const template = readFileSync(join(source, 'src/sw/sw.js'), 'utf8');
  const out = template
    .replace('__BUILD__', build)
    .replace('__PRECACHE__', JSON.stringify(urls))
    .replace('__INDEX__', JSON.stringify(publicUrl));
  writeFileSync(join(dir, 'sw.js'), out);
  console.log(`sw.js with ${urls.length} files, cache yidi-${build}`);
}
