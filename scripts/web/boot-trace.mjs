// Where the main thread goes while the app starts (scripts/boot-trace.sh): loads each route in
// headless Chromium, records a Chrome trace, and prints per route the main thread's tasks whose
// CPU time × 4 (Lighthouse's simulated mobile CPU: it scales what it observed by 4 the same way)
// is over 50 ms (those after the first contentful paint add to the blocking time) and, within
// them, the time in wasm compilation (streaming and lazy, per function), script, style, layout,
// paint and garbage collection, and the times of any performance.mark() from the start of its
// task. Median of `runs` loads. A task is marked pre-FCP when the trace has a first paint before
// it (a run without one counts every task).
// A benchmark, not a test: it asserts nothing.
import { chromium } from '@playwright/test';

const [base, runs = '3', ...routes] = process.argv.slice(2);
const ROUTES = routes.length ? routes : ['/', '/check', '/estimate'];

/** Trace event name → phase; an event without one is counted in its parent's phase. */
const PHASE = {
  'v8.wasm.compileConsume': 'wasm compile',
  'wasm.CompileLazy': 'wasm compile',
  'wasm.CompileTopTier': 'wasm compile',
  'wasm.SyncInstantiate': 'wasm instantiate',
  'V8.CompileCode': 'js compile',
  'V8.ParseProgram': 'js compile',
  'V8.ParseFunction': 'js compile',
  'V8.CompileLazy': 'js compile',
  'v8.compile': 'js compile',
  'FunctionCall': 'script',
  'EvaluateScript': 'script',
  'v8.evaluateModule': 'script',
  'RunMicrotasks': 'script',
  'TimerFire': 'script',
  'EventDispatch': 'script',
  'FireAnimationFrame': 'script',
  'MinorGC': 'gc',
  'MajorGC': 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'V8.GC_MARK_COMPACTOR': 'gc',
  'V8.GCScavenger': 'gc',
  'V8.GCFinalizeMC': 'gc',
  'UpdateLayoutTree': 'style',
  'Document::updateStyle': 'style',
  'Layout': 'layout',
  'PrePaint': 'paint',
  'Paint': 'paint',
  'Layerize': 'paint',
  'Commit': 'paint',
  'ParseHTML': 'parse html',
  'HTMLDocumentParser::append': 'parse html',
};

/** Lighthouse's mobile CPU slowdown. */
const SLOWDOWN = 4;

const median = (xs) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

async function traceOnce(browser, route) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    serviceWorkers: 'block',
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['devtools.timeline', 'v8', 'v8.wasm', 'blink', 'blink.user_timing',
        'loading', 'toplevel', 'disabled-by-default-devtools.timeline'],
    },
  });
  await page.goto(base + route, { waitUntil: 'load' });
  // Started: the prerendered view is gone and the app's header is in place; then idle a while.
  await page.waitForFunction(() => !document.querySelector('[data-prerender]') &&
    document.querySelector('body > header.top'), null, { timeout: 60_000 });
  await page.waitForTimeout(1500);
  await cdp.send('Tracing.end');
  await done;
  await context.close();
  return analyse(events);
}

/** The page's renderer main thread: the one that ran the most. */
function mainThread(events) {
  const busy = new Map();
  for (const e of events) {
    if (e.ph === 'X' && e.name === 'RunTask') {
      const k = `${e.pid}/${e.tid}`;
      busy.set(k, (busy.get(k) ?? 0) + e.dur);
    }
  }
  const names = new Set(events.filter((e) => e.name === 'thread_name' &&
    e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
  return [...busy].filter(([k]) => names.has(k)).sort((a, b) => b[1] - a[1])[0][0];
}

function analyse(all) {
  const main = mainThread(all);
  const events = all.filter((e) => `${e.pid}/${e.tid}` === main);
  const slices = events.filter((e) => e.ph === 'X').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = slices.filter((e) => e.name === 'RunTask');
  // Top-level tasks only (a RunTask may nest another).
  const top = [];
  for (const t of tasks) if (!top.length || t.ts >= top.at(-1).ts + top.at(-1).dur) top.push(t);
  // Thread (CPU) time, not wall time: a machine busy with other work does not inflate it.
  const cpu = (e) => (e.tdur ?? e.dur) * SLOWDOWN;
  const long = top.filter((t) => cpu(t) >= 50_000);
  const fcp = events.find((e) => e.name === 'firstContentfulPaint')?.ts ?? 0;
  const phases = {};
  let blocking = 0;
  for (const t of long) {
    if (t.ts >= fcp) blocking += cpu(t) / 1000 - 50;
    const inner = slices.filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    const stack = [];
    const self = new Map();
    const phaseOf = new Map();
    for (const e of inner) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const parent = stack.at(-1);
      phaseOf.set(e, PHASE[e.name] ?? (parent ? phaseOf.get(parent) : 'other'));
      if (parent) self.set(parent, self.get(parent) - cpu(e));
      self.set(e, cpu(e));
      stack.push(e);
    }
    for (const [e, d] of self) {
      const p = phaseOf.get(e) ?? 'other';
      phases[p] = (phases[p] ?? 0) + d / 1000;
    }
  }
  // performance.mark()s, relative to the first one.
  const marks = events.filter((e) => e.cat?.includes('blink.user_timing') &&
    (e.ph === 'I' || e.ph === 'R' || e.ph === 'b') && !/^(navigationStart|fetchStart|dom|response|unload|commit|load|requestStart|connect|domain|secure|redirect)/.test(e.name));
  const marked = {};
  if (marks.length) {
    marks.sort((a, b) => a.ts - b.ts);
    const task = top.find((t) => t.ts <= marks[0].ts && marks[0].ts <= t.ts + t.dur);
    const t0 = task?.ts ?? marks[0].ts;
    marked['task start'] = 0;
    for (const m of marks) marked[m.name] = (m.ts - t0) / 1000;
    if (task) marked['task end'] = task.dur / 1000;  // wall time, unthrottled
  }
  return {
    long: long.map((t) => Math.round(cpu(t) / 1000) + (t.ts < fcp ? '(pre-FCP)' : '')),
    blocking: Math.round(blocking),
    phases,
    marks: marked,
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  for (const route of ROUTES) {
    const results = [];
    for (let i = 0; i < Number(runs); i++) results.push(await traceOnce(browser, route));
    const names = [...new Set(results.flatMap((r) => Object.keys(r.phases)))].sort();
    const byPhase = names
      .map((n) => `${n} ${Math.round(median(results.map((r) => r.phases[n] ?? 0)))}`)
      .join(', ');
    console.log(`${route.padEnd(10)} blocking ${median(results.map((r) => r.blocking))} ms ` +
      `(long tasks: ${results.map((r) => r.long.join('+') || '-').join(' | ')})`);
    console.log(`${''.padEnd(10)} in long tasks (CPU ms × 4, median): ${byPhase}`);
    const marks = [...new Set(results.flatMap((r) => Object.keys(r.marks)))];
    if (marks.length) {
      console.log(`${''.padEnd(10)} marks (wall ms, unthrottled, from the start of their task, median): ` + marks
        .map((m) => `${m} ${Math.round(median(results.map((r) => r.marks[m] ?? NaN)))}`).join(', '));
    }
  }
} finally {
  await browser.close();
}
