// The wasm's largest contributors, by crate: code bytes per function from the code section,
// named by the name section of Cargo's wasm (before wasm-bindgen and wasm-opt strip the names, so
// the shares are those of the unoptimised code), plus the data segments (strings, tables).
// Usage: node scripts/web/wasm-contributors.mjs <file.wasm> [top]
import { readFileSync } from 'node:fs';

const [file, top = '15'] = process.argv.slice(2);
const buf = readFileSync(file);
let pos = 8;
const u32 = () => {
  let result = 0, shift = 0, byte;
  do {
    byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
};
const str = () => {
  const n = u32();
  const s = buf.toString('utf8', pos, pos + n);
  pos += n;
  return s;
};

let imported = 0, bodies = [], names = new Map(), data = 0;
while (pos < buf.length) {
  const id = buf[pos++];
  const size = u32();
  const end = pos + size;
  if (id === 2) {
    for (let n = u32(); n > 0; n--) {
      str(), str();
      const kind = buf[pos++];
      if (kind === 0) (u32(), imported++);
      else if (kind === 1) (pos++, buf[pos++] & 1 ? (u32(), u32()) : u32());
      else if (kind === 2) (buf[pos++] & 1 ? (u32(), u32()) : u32());
      else if (kind === 3) pos += 2;
    }
  } else if (id === 10) {
    for (let n = u32(); n > 0; n--) {
      const len = u32();
      bodies.push(len);
      pos += len;
    }
  } else if (id === 11) {
    data = size;
  } else if (id === 0 && str() === 'name') {
    while (pos < end) {
      const sub = buf[pos++];
      const len = u32();
      const subEnd = pos + len;
      if (sub === 1) for (let n = u32(); n > 0; n--) names.set(u32(), str());
      pos = subEnd;
    }
  }
  pos = end;
}
if (!names.size) {
  console.error(`wasm-contributors: ${file} has no name section`);
  process.exit(1);
}

/** The crate a (legacy-mangled, or plain) symbol belongs to; a trait impl `<T as c::Trait>`
 * counts for the trait's crate, where the code that makes it is written. */
function crateOf(name) {
  if (name.startsWith('_ZN')) {
    const body = name.slice(3);
    const m = /^(\d+)/.exec(body);
    if (m) {
      const ident = body.slice(m[1].length, m[1].length + Number(m[1]));
      if (!ident.startsWith('_$LT$')) return ident;
      const impl = ident.replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ')
        .replace(/\$RF\$/g, '&').replace(/\.\./g, '::');
      const path = / as ([a-z_][a-z0-9_]*)::/.exec(impl) ?? /([a-z_][a-z0-9_]*)::/.exec(impl);
      return path ? path[1] : 'other';
    }
  }
  if (/^(__wbg|__wbindgen|wasm_bindgen)/.test(name)) return 'wasm_bindgen';
  if (/^(dl|mem|__rust|rust_)/.test(name)) return 'std (alloc, mem)';
  return 'other';
}

const byCrate = new Map();
let total = 0;
bodies.forEach((len, i) => {
  const crate = crateOf(names.get(imported + i) ?? '');
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + len);
  total += len;
});
byCrate.set('(data segments)', data);
total += data;
const rows = [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, Number(top));
console.log(`wasm contributors (${file}, before wasm-opt): ${(total / 1024).toFixed(0)} KB code + data`);
for (const [crate, bytes] of rows) {
  console.log(`  ${crate.padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(8)} KB  ${((100 * bytes) / total).toFixed(1).padStart(5)} %`);
}
