// One line of scripts/lighthouse.sh: performance, FCP, LCP, TBT, CLS and bytes of Lighthouse's
// JSON reports; the median of each figure when given several reports of one route.
// Usage: node lighthouse-summary.mjs <label> <report.json>…
import { readFileSync } from 'node:fs';

const [label, ...files] = process.argv.slice(2);
const reports = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
const median = (pick) => {
  const xs = reports.map(pick).filter(Number.isFinite).sort((a, b) => a - b);
  return xs.length ? xs[Math.floor((xs.length - 1) / 2)] : NaN;
};
const audit = (key) => median((r) => r.audits[key].numericValue);
const seconds = (key) => `${(audit(key) / 1000).toFixed(2)} s`;
console.log(`${label.padEnd(10)} performance ${Math.round(median((r) => r.categories.performance.score) * 100)}` +
  `, FCP ${seconds('first-contentful-paint')}, LCP ${seconds('largest-contentful-paint')}` +
  `, TBT ${Math.round(audit('total-blocking-time'))} ms` +
  `, CLS ${audit('cumulative-layout-shift').toFixed(3)}` +
  `, bytes ${(audit('total-byte-weight') / 1024).toFixed(1)} KB`);
