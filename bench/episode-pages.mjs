// Published episode pages against a no-script copy of themselves: `scripts/publish.sh` writes
// `episodes/<id>/index.html` with the episode prerendered by the app's own components, taken over
// in the browser by a small hydration module. The promise is that this costs the reader nothing
// next to plain HTML and CSS. This file measures that promise, in headless Chromium:
//
//   node bench/episode-pages.mjs [site-dir]      (default target/bench-episode-site)
//
// - builds the site if `<site-dir>/episodes/<seed>/index.html` is missing (`bash scripts/publish.sh
//   public/digests <site.json with base_url> <site-dir>`: trunk and cargo, a few minutes);
// - serves it with tests/e2e/server.mjs, uncompressed and with brotli (the `.br` copies the
//   publish command writes, sent as nginx's `brotli_static` sends them: a compressing proxy on
//   the same two cores spent CPU per request while the page rendered, and so charged each of the
//   published page's two extra requests), with a copy of each measured page that has its scripts
//   removed (the baseline: nothing but the HTML and CSS, with its own `.br`) beside the real one,
//   in the same folder;
// - loads the published page, the baseline and the app's own `?episode=` view (client-rendered),
//   desktop and mobile emulation (CPU ×4, Lighthouse's slow 4G), with and without brotli:
//   navigation → content painted (largest contentful paint, checked to come after the whole
//   article is in the DOM), → interactive (`digest:interactive`; the app: `digest:content`),
//   layout shifts through hydration, long tasks;
// - the wasm + JS bytes each page loads (from the responses), Lighthouse (mobile preset) on the
//   published page and the baseline, with and without brotli;
// - prints a markdown report and writes it into BENCHMARKS.md between
//   `<!-- episode-pages:start -->` and `<!-- episode-pages:end -->` (without them: before
//   "## Publishing", or at the end); the rest of the file is left as it is. (bench/run.mjs rewrites
//   the whole file: run this again after it.)
//
// Environment: RUNS (loads per page and condition; default 30 on desktop, where one load takes a
// few hundred ms and the machine's noise is of the size of the difference measured, and 9 on the
// throttled mobile conditions, which vary far less and take seconds each), EPISODES (ids, default the seed
// and the largest digest of the site), SKIP_LIGHTHOUSE=1, LH_RUNS (Lighthouse runs per page and
// condition, default 3), LH_MAX_LOAD (wait before each Lighthouse run until the 1-minute load
// average is below this, default 2 × nproc, at most LH_WAIT seconds, default 600: Lighthouse
// simulates the phone from the main-thread work it observes, so a busy machine lowers its score),
// LIGHTHOUSE_ONLY=1 (run Lighthouse again and rewrite the report with the page loads of the last
// run that wrote BENCHMARKS.md, kept in target/bench-episode-pages.json), REPORT_ONLY=1 (measure
// nothing: write the report of that file again), CONDITIONS (some of desktop-br desktop-raw
// mobile-br mobile-raw), CHROMIUM (default /usr/bin/chromium), WRITE_BENCHMARKS=0 (print only).
// Only 127.0.0.1 is used.

import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';
import { LAUNCH_OPTIONS } from '../tests/e2e/helpers.mjs';
import { brotli, writePrecompressed } from './precompressed.mjs';
import { CPU_SLOWDOWN, DESKTOP, MOBILE, SLOW_4G } from './emulation.mjs';
import { median, medianInterval } from './stats.mjs';
import { noScriptCopy } from './no-script.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(BENCH, '..');
const SITE = path.resolve(process.cwd(), process.argv[2] ?? path.join(REPO, 'target', 'bench-episode-site'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const RUNS = process.env.RUNS ? Number(process.env.RUNS) : null;
/** Loads of each page in `cond`. */
const runsOf = (cond) => RUNS ?? (cond.mobile ? 9 : 30);
const LH_RUNS = Number(process.env.LH_RUNS ?? 3);
const SEED_ID = 'deepseek-stole-our-tech';
const BASELINE_NAME = 'bench-no-script.html';
const TARGET_RATIO = 1.1;
const TARGET_CODE_BROTLI = 90 * 1024; // "90 KB", read as KiB (as bench/run.mjs does)
const TARGET_LH = 100;
const SAVED = path.join(REPO, 'target', 'bench-episode-pages.json');
const LIGHTHOUSE_ONLY = !!process.env.LIGHTHOUSE_ONLY;
const REPORT_ONLY = !!process.env.REPORT_ONLY;
const MARK_START = '<!-- episode-pages:start -->';
const MARK_END = '<!-- episode-pages:end -->';

// playwright-core from the repository's own node_modules, never a browser download.
const { chromium } = createRequire(path.join(REPO, 'package.json'))('playwright-core');

// The end-to-end tests' browser flags, with this run's Chromium.
const LAUNCH = { ...LAUNCH_OPTIONS, executablePath: CHROMIUM };

const ALL_CONDITIONS = [
  { key: 'desktop-br', mobile: false, brotli: true, title: 'desktop, brotli' },
  { key: 'desktop-raw', mobile: false, brotli: false, title: 'desktop, uncompressed' },
  { key: 'mobile-br', mobile: true, brotli: true, title: `mobile (CPU ×${CPU_SLOWDOWN}, slow 4G), brotli` },
  { key: 'mobile-raw', mobile: true, brotli: false, title: `mobile (CPU ×${CPU_SLOWDOWN}, slow 4G), uncompressed` },
];
// CONDITIONS="mobile-br mobile-raw" measures only those.
const CONDITIONS = process.env.CONDITIONS
  ? ALL_CONDITIONS.filter((c) => process.env.CONDITIONS.split(/[\s,]+/).includes(c.key))
  : ALL_CONDITIONS;
const PAGES = [
  { key: 'published', title: 'published page (prerendered + hydration)' },
  { key: 'baseline', title: 'no-script baseline (same HTML + CSS)' },
  { key: 'app', title: 'app `?episode=` (client-rendered)' },
];

// ---------------------------------------------------------------------------------------------
// Small helpers

const ok = (v) => typeof v === 'number' && Number.isFinite(v);
const ms = (v) => (ok(v) ? `${Math.round(v).toLocaleString('en-US')} ms` : 'n/a');
const bytes = (v) => (ok(v) ? v.toLocaleString('en-US') : 'n/a');
const kib = (v) => (ok(v) ? `${(v / 1024).toFixed(1)} KiB` : 'n/a');
const ratio = (a, b) => (ok(a) && ok(b) && b > 0 ? a / b : NaN);
const x = (v) => (ok(v) ? `${v.toFixed(2)}×` : 'n/a');
const verdict = (pass) => (pass === undefined ? 'n/a' : pass ? '✅ met' : '❌ not met');
function stats(values) {
  const v = values.filter(ok);
  return { median: median(v), min: v.length ? Math.min(...v) : NaN, max: v.length ? Math.max(...v) : NaN, n: v.length };
}
const spread = (s) => (s.n ? `${ms(s.median)} (${Math.round(s.min)}–${Math.round(s.max)})` : 'n/a');
const errorText = (error) => String(error?.message ?? error).split('\n')[0].slice(0, 240);
const log = (...parts) => console.error(`[episode-pages ${new Date().toISOString().slice(11, 19)}]`, ...parts);
const load = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');

function table(header, rows) {
  const line = (cells) => `| ${cells.map((c) => String(c ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The site

function buildSite() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'episode-pages-site-'));
  const site = JSON.parse(fs.readFileSync(path.join(REPO, 'public', 'site.json'), 'utf8'));
  site.base_url = 'https://example.org/reader/';
  const siteJson = path.join(work, 'site.json');
  fs.writeFileSync(siteJson, `${JSON.stringify(site, null, 2)}\n`);
  log(`${SITE} has no published episode: building it (bash scripts/publish.sh public/digests ${siteJson} ${SITE}); a few minutes`);
  execFileSync('bash', [path.join(REPO, 'scripts', 'publish.sh'), path.join(REPO, 'public', 'digests'), siteJson, SITE],
    { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
  fs.rmSync(work, { recursive: true, force: true });
}

function episodeIds() {
  if (process.env.EPISODES) return process.env.EPISODES.split(/[\s,]+/).filter(Boolean);
  const dir = path.join(SITE, 'episodes');
  const ids = fs.readdirSync(dir).filter((id) => fs.existsSync(path.join(dir, id, 'index.html')));
  const size = (id) => fs.statSync(path.join(dir, id, 'index.html')).size;
  const largest = ids.sort((a, b) => size(b) - size(a))[0];
  return [...new Set([SEED_ID, largest])];
}

// ---------------------------------------------------------------------------------------------
// In-page instrumentation, installed before any page script runs (and on the baseline, which has
// no script of its own: the measurement is the same on every page).
//
// - Marks: wraps Performance.prototype.mark and keeps the first startTime of each name.
// - "complete": a MutationObserver notes the moment the whole `article.episode` is in the DOM:
//   the parser (or the app) has put a node after the article's end, or the document is parsed.
// - Paint timing (FCP), every largest-contentful-paint entry, layout shifts and long tasks, from
//   buffered PerformanceObservers.

function instrumentation() {
  const bench = (window.__bench = {
    marks: {}, complete: null, completeAtDcl: null, lcp: [], shifts: [], longTasks: [], dcl: null,
  });
  const mark = Performance.prototype.mark;
  Performance.prototype.mark = function (name, ...rest) {
    const entry = mark.call(this, name, ...rest);
    if (typeof name === 'string' && !(name in bench.marks)) {
      bench.marks[name] = entry && typeof entry.startTime === 'number' ? entry.startTime : performance.now();
    }
    return entry;
  };
  const articleComplete = () => {
    const article = document.querySelector('article.episode');
    if (!article) return false;
    if (document.readyState !== 'loading') return true;
    for (let node = article; node && node !== document; node = node.parentNode) {
      if (node.nextSibling) return true;
    }
    return false;
  };
  const check = () => {
    if (bench.complete == null && articleComplete()) {
      bench.complete = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => {
    bench.dcl = performance.now();
    bench.completeAtDcl = !!document.querySelector('article.episode') && articleComplete();
    check();
  });
  const watch = (type, fn) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true });
    } catch {}
  };
  watch('largest-contentful-paint', (e) => bench.lcp.push({ t: e.startTime, size: e.size, tag: e.element ? `${e.element.localName}.${e.element.className}` : null }));
  watch('layout-shift', (e) => bench.shifts.push({
    t: e.startTime, value: e.value, input: e.hadRecentInput,
    sources: (e.sources ?? []).map((s) => (s.node && s.node.nodeType === 1 ? `${s.node.localName}.${s.node.className}` : s.node ? s.node.nodeName : '?')),
  }));
  watch('longtask', (e) => bench.longTasks.push({ t: e.startTime, d: e.duration }));
}

async function newPage(browser, mobile) {
  const context = await browser.newContext(mobile ? MOBILE : DESKTOP);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') page.errors.push(`${message.type()}: ${message.text()}`);
  });
  await page.addInitScript(instrumentation);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (mobile) {
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  return { context, page, cdp };
}

/**
 * One load in a fresh context. Waits until the page is done with what is measured (published:
 * `digest:interactive`; app: `digest:content`; baseline: the load event), then `settle` ms more
 * for late layout shifts and paint entries, and reads the figures.
 */
async function timeLoad(browser, url, kind, { mobile }) {
  const timeout = mobile ? 90_000 : 30_000;
  const { context, page, cdp } = await newPage(browser, mobile);
  const responses = [];
  cdp.on('Network.responseReceived', (e) => responses.push({ id: e.requestId, url: e.response.url, type: e.type,
    status: e.response.status, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? null }));
  const finished = new Map();
  cdp.on('Network.loadingFinished', (e) => finished.set(e.requestId, e.encodedDataLength));
  try {
    await page.goto(url, { waitUntil: 'commit', timeout });
    const ready = {
      published: () => window.__bench && window.__bench.marks['digest:interactive'] != null,
      app: () => window.__bench && window.__bench.marks['digest:content'] != null,
      baseline: () => window.__bench && document.readyState === 'complete' && window.__bench.complete != null,
    }[kind];
    try {
      await page.waitForFunction(ready, null, { timeout, polling: 50 });
    } catch {
      throw new Error(`${kind}: not ready within ${timeout} ms${page.errors.length ? `; page says: ${page.errors.join(' / ')}` : ''}`);
    }
    // Wait for paint entries (FCP, LCP) and any layout shift after the take-over: they are
    // reported after the frame that shows them.
    await page.waitForLoadState('load', { timeout }).catch(() => {});
    await page.waitForTimeout(mobile ? 1500 : 600);
    const r = await page.evaluate(() => {
      const b = window.__bench;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        fcp,
        lcp: b.lcp.length ? b.lcp[b.lcp.length - 1].t : null,
        lcpEntries: b.lcp,
        complete: b.complete,
        completeAtDcl: b.completeAtDcl,
        dcl: nav ? nav.domContentLoadedEventStart : b.dcl,
        loadEvent: nav ? nav.loadEventStart : null,
        interactive: b.marks['digest:interactive'] ?? null,
        content: b.marks['digest:content'] ?? null,
        cls: b.shifts.filter((s) => !s.input).reduce((sum, s) => sum + s.value, 0),
        // From the loader's `digest:takeover` mark on (it starts the module's download): the shifts
        // the take-over can cause. Before it, the page is the HTML and CSS alone.
        takeoverCls: b.marks['digest:takeover'] == null ? null
          : b.shifts.filter((s) => !s.input && s.t >= b.marks['digest:takeover']).reduce((sum, s) => sum + s.value, 0),
        shifts: b.shifts,
        longTasks: b.longTasks,
        path: location.pathname + location.search,
        hydrated: !!document.querySelector('#episode-root article.episode'),
        points: document.querySelectorAll('article.episode li.point').length,
        resources: performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd })),
      };
    });
    r.errors = page.errors;
    r.responses = responses.map((resp) => ({ ...resp, wire: finished.get(resp.id) ?? null }));
    return r;
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Bytes: the responses of one load of each page, brotli (the precompressed copies) and uncompressed.

function codeBytes(loadBr, loadRaw, base) {
  const files = new Map();
  const rel = (u) => decodeURIComponent(new URL(u).pathname.slice(new URL(base).pathname.length));
  for (const [which, loaded] of [['br', loadBr], ['raw', loadRaw]]) {
    for (const resp of loaded?.responses ?? []) {
      if (resp.status !== 200) continue;
      const file = rel(resp.url);
      const type = /\.wasm$/.test(file) ? 'wasm' : /\.m?js$/.test(file) ? 'js' : resp.type === 'Document' ? 'html'
        : /\.css$/.test(file) ? 'css' : /\.json$/.test(file) ? 'json' : 'other';
      const entry = files.get(file) ?? { file, type };
      entry[which] = resp.wire;
      entry[`${which}Encoding`] = resp.encoding;
      const onDisk = path.join(SITE, file.endsWith('/') || file === '' ? `${file}index.html` : file);
      if (fs.existsSync(onDisk) && fs.statSync(onDisk).isFile()) {
        const body = fs.readFileSync(onDisk);
        entry.size = body.length;
        entry.brotli = brotli(body).length;
      }
      files.set(file, entry);
    }
  }
  return [...files.values()];
}

// ---------------------------------------------------------------------------------------------
// Lighthouse (bench/package-lock.json, installed by bench/run.sh or here), as bench/run.mjs runs it.

function ensureLighthouse() {
  const cli = path.join(BENCH, 'node_modules', 'lighthouse', 'cli', 'index.js');
  if (!fs.existsSync(cli)) {
    log('installing bench/\'s tools (lighthouse) from bench/package-lock.json');
    execFileSync('npm', ['ci', '--prefix', BENCH, '--no-audit', '--no-fund'], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return cli;
}

function lighthouse(url, outFile) {
  const cli = ensureLighthouse();
  const flags = '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';
  const args = [cli, url, '--output=json', `--output-path=${outFile}`, '--quiet', `--chrome-flags=${flags}`,
    '--only-categories=performance'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', () => {});
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (!fs.existsSync(outFile)) return reject(new Error(`lighthouse exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`));
      const report = JSON.parse(fs.readFileSync(outFile, 'utf8'));
      fs.rmSync(outFile, { force: true });
      if (report.runtimeError) return reject(new Error(`lighthouse: ${report.runtimeError.code} ${report.runtimeError.message}`));
      resolve(report);
    });
  });
}

function summarize(report) {
  const audit = (id) => report.audits[id];
  const failing = [];
  for (const ref of report.categories.performance.auditRefs) {
    const a = audit(ref.id);
    if (!a || a.score == null || a.score >= 0.9) continue;
    if (!['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode)) continue;
    failing.push(`${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''} (score ${a.score.toFixed(2)}${ref.weight ? `, weight ${ref.weight}` : ''})`);
  }
  // Lighthouse estimates the throttled FCP/LCP from the unthrottled load it observed: a request
  // that started before the observed first paint can land on the estimated paint's path.
  const observed = audit('metrics')?.details?.items?.[0] ?? {};
  const requests = audit('network-requests')?.details?.items ?? [];
  const early = requests
    .filter((q) => /\.(wasm|m?js)(\?|$)/.test(q.url) && q.networkRequestTime < observed.observedFirstContentfulPaint)
    .map((q) => q.url.split('/').pop());
  return {
    observedFcp: observed.observedFirstContentfulPaint,
    early,
    version: report.lighthouseVersion,
    score: Math.round((report.categories.performance.score ?? NaN) * 100),
    metrics: Object.fromEntries([
      ['FCP', 'first-contentful-paint'], ['LCP', 'largest-contentful-paint'], ['TBT', 'total-blocking-time'],
      ['CLS', 'cumulative-layout-shift'], ['Speed Index', 'speed-index'],
    ].map(([name, id]) => [name, { text: audit(id)?.displayValue ?? 'n/a', value: audit(id)?.numericValue }])),
    failing,
  };
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const began = Date.now();
  if (!fs.existsSync(path.join(SITE, 'episodes', SEED_ID, 'index.html'))) buildSite();
  const ids = episodeIds();
  const app = JSON.parse(fs.readFileSync(path.join(SITE, 'app.json'), 'utf8'));

  const overlay = fs.mkdtempSync(path.join(os.tmpdir(), 'episode-pages-'));
  const removedTags = {};
  const inlineJson = {};
  for (const id of ids) {
    const html = fs.readFileSync(path.join(SITE, 'episodes', id, 'index.html'), 'utf8');
    const blocks = (type) => [...html.matchAll(new RegExp(`<script type="${type}"[^>]*>[\\s\\S]*?</script>`, 'g'))]
      .reduce((sum, m) => sum + Buffer.byteLength(m[0]), 0);
    inlineJson[id] = { data: blocks('application/json'), ld: blocks('application/ld\\+json') };
    const copy = noScriptCopy(html);
    removedTags[id] = copy.removed;
    fs.mkdirSync(path.join(overlay, 'episodes', id), { recursive: true });
    writePrecompressed(path.join(overlay, 'episodes', id, BASELINE_NAME), copy.html);
  }

  const server = await startServer({ root: SITE, overlays: [overlay] });
  const precompressed = await startServer({ root: SITE, overlays: [overlay], precompressed: true });
  const bases = { raw: server.url, br: precompressed.url };
  const urls = (base, id) => ({
    published: `${base}episodes/${id}/`,
    baseline: `${base}episodes/${id}/${BASELINE_NAME}`,
    app: `${base}?episode=${encodeURIComponent(id)}`,
  });
  log(`serving ${SITE} at ${bases.raw} (uncompressed) and ${bases.br} (brotli); episodes ${ids.join(', ')}`
    + `${LIGHTHOUSE_ONLY ? '' : `; ${CONDITIONS.map((c) => `${runsOf(c)} loads per page ${c.key}`).join(', ')}`}`);

  let results = { ids, runs: {}, problems: [], removedTags, inlineJson, app };
  let nproc = String(os.availableParallelism?.() ?? os.cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {}
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    if (execFileSync('git', ['-C', REPO, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim()) {
      commit += ' (with uncommitted changes)';
    }
  } catch {}
  results.machine = {
    nproc, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, commit,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), loadBefore: load(),
    site: path.relative(REPO, SITE) || SITE,
    siteBuilt: fs.statSync(path.join(SITE, 'app.json')).mtime.toISOString().replace(/\.\d+Z$/, 'Z'),
  };

  if (LIGHTHOUSE_ONLY || REPORT_ONLY) {
    if (!fs.existsSync(SAVED)) throw new Error(`${SAVED} is missing: run without LIGHTHOUSE_ONLY first`);
    const saved = JSON.parse(fs.readFileSync(SAVED, 'utf8'));
    if (saved.machine.siteBuilt !== results.machine.siteBuilt) {
      throw new Error(`${SAVED} measured a site built ${saved.machine.siteBuilt}; this one was built ${results.machine.siteBuilt}`);
    }
    results = REPORT_ONLY ? saved : { ...saved, problems: saved.problems.filter((p) => !p.startsWith('Lighthouse')),
      lighthouseOnly: { date: results.machine.date, commit: results.machine.commit } };
    log(`${REPORT_ONLY ? 'REPORT_ONLY' : 'LIGHTHOUSE_ONLY'}: page loads from ${SAVED} (${saved.machine.date})`);
  } else {
    await measureLoads(results, ids, urls, bases);
    if (process.env.WRITE_BENCHMARKS !== '0') {
      fs.mkdirSync(path.dirname(SAVED), { recursive: true });
      fs.writeFileSync(SAVED, JSON.stringify(results));
    }
  }

  // Lighthouse, with the Playwright browser closed (2 cores).
  if (REPORT_ONLY) {
    // As measured.
  } else if (process.env.SKIP_LIGHTHOUSE) {
    results.problems.push('Lighthouse: skipped (SKIP_LIGHTHOUSE is set)');
  } else {
    results.lighthouse = {};
    const id = ids.includes(SEED_ID) ? SEED_ID : ids[0];
    const maxLoad = Number(process.env.LH_MAX_LOAD ?? 2 * Number(results.machine.nproc));
    const maxWait = Number(process.env.LH_WAIT ?? 600) * 1000;
    for (const page of ['published', 'baseline']) {
      for (const enc of ['br', 'raw']) {
        const key = `${page}-${enc}`;
        results.lighthouse[key] = [];
        for (let i = 0; i < LH_RUNS; i++) {
          const url = urls(bases[enc], id)[page];
          try {
            const waitFrom = Date.now();
            while (os.loadavg()[0] >= maxLoad && Date.now() - waitFrom < maxWait) {
              await new Promise((resolve) => setTimeout(resolve, 10_000));
            }
            const loadAt = os.loadavg()[0];
            if (Date.now() - waitFrom > 1000) log(`lighthouse ${key}: waited ${Math.round((Date.now() - waitFrom) / 1000)} s for the load average (now ${loadAt.toFixed(2)}, limit ${maxLoad})`);
            const s = summarize(await lighthouse(url, path.join(overlay, `lighthouse-${key}-${i}.json`)));
            s.load = loadAt;
            results.lighthouse[key].push(s);
            log(`lighthouse ${key} ${i + 1}/${LH_RUNS}: performance ${s.score}; ${Object.entries(s.metrics).map(([n, m]) => `${n} ${m.text}`).join(', ')}`);
          } catch (error) {
            results.problems.push(`Lighthouse ${key} run ${i + 1}: ${errorText(error)}`);
            log(`lighthouse ${key}: FAILED: ${errorText(error)}`);
          }
        }
      }
    }
  }

  await precompressed.close();
  await server.close();
  fs.rmSync(overlay, { recursive: true, force: true });
  if (!LIGHTHOUSE_ONLY && !REPORT_ONLY) {
    results.seconds = Math.round((Date.now() - began) / 1000);
    results.machine.loadAfter = load();
  }
  if (process.env.WRITE_BENCHMARKS !== '0' && !REPORT_ONLY) fs.writeFileSync(SAVED, JSON.stringify(results));

  const markdown = report(results);
  console.log(markdown);
  if (process.env.WRITE_BENCHMARKS !== '0') {
    writeSection(markdown);
    log('wrote the episode-pages section of BENCHMARKS.md');
  }
}

/** The page loads (and the bytes they fetched), into `results`. */
async function measureLoads(results, ids, urls, bases) {
  const browser = await chromium.launch(LAUNCH);
  results.machine.chromium = browser.version();
  try {
    // Warm-up, not counted: Chromium's first contexts are slower, and the files come into the
    // system's cache.
    for (const id of ids) {
      for (const base of [bases.br, bases.raw]) {
        for (const p of PAGES) {
          await timeLoad(browser, urls(base, id)[p.key], p.key, { mobile: false }).catch((error) => log(`warm-up ${p.key}: ${errorText(error)}`));
        }
      }
    }
    log(`warmed up; load average ${load()}`);
    for (const id of ids) {
      results.runs[id] = {};
      for (const cond of CONDITIONS) {
        const u = urls(cond.brotli ? bases.br : bases.raw, id);
        const lists = Object.fromEntries(PAGES.map((p) => [p.key, []]));
        for (let i = 0; i < runsOf(cond); i++) {
          // Rotate the order so that no page always comes first after a pause.
          const order = PAGES.map((_, k) => PAGES[(k + i) % PAGES.length]);
          const line = [];
          for (const p of order) {
            try {
              const r = await timeLoad(browser, u[p.key], p.key, cond);
              r.run = i;
              lists[p.key].push(r);
              line.push(`${p.key} LCP ${ms(r.lcp)} FCP ${ms(r.fcp)} complete ${ms(r.complete)}`
                + `${p.key === 'published' ? ` interactive ${ms(r.interactive)}` : p.key === 'app' ? ` content ${ms(r.content)}` : ''}`
                + ` CLS ${r.cls.toFixed(4)}`);
            } catch (error) {
              results.problems.push(`${id}, ${cond.title}, ${p.key} load ${i + 1}: ${errorText(error)}`);
              line.push(`${p.key} FAILED (${errorText(error)})`);
            }
          }
          log(`${id} ${cond.key} ${i + 1}/${runsOf(cond)}: ${line.join('; ')}`);
        }
        results.runs[id][cond.key] = lists;
      }
    }
  } finally {
    await browser.close().catch(() => {});
  }

  // Bytes: from the last desktop loads of the seed page, brotli and uncompressed.
  const seedRuns = results.runs[SEED_ID] ?? results.runs[ids[0]];
  const lastOf = (cond, key) => seedRuns?.[cond]?.[key]?.at(-1) ?? seedRuns?.[cond.replace('desktop', 'mobile')]?.[key]?.at(-1);
  results.bytes = {
    published: codeBytes(lastOf('desktop-br', 'published'), lastOf('desktop-raw', 'published'), bases.br),
    app: codeBytes(lastOf('desktop-br', 'app'), lastOf('desktop-raw', 'app'), bases.br),
  };

}

/**
 * Replaces the text between the markers in BENCHMARKS.md (read just now). Without the markers,
 * the section goes in before "## Publishing" (bench/publish.mjs rewrites that section up to the
 * next "## " heading, so anything right after it would be lost), or at the end.
 */
function writeSection(markdown) {
  const file = path.join(REPO, 'BENCHMARKS.md');
  const section = `${MARK_START}\n${markdown.trim()}\n${MARK_END}`;
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf(MARK_START);
  const end = text.indexOf(MARK_END);
  let next;
  if (start !== -1 && end > start) {
    next = text.slice(0, start) + section + text.slice(end + MARK_END.length);
  } else {
    const clean = text.split(MARK_START).join('').split(MARK_END).join('');
    const publishing = /^## Publishing$/m.exec(clean);
    next = publishing
      ? `${clean.slice(0, publishing.index)}${section}\n\n${clean.slice(publishing.index)}`
      : `${clean.replace(/\s*$/, '')}\n\n${section}\n`;
  }
  fs.writeFileSync(file, next);
}

// ---------------------------------------------------------------------------------------------
// The report

function report(r) {
  const m = r.machine;
  const out = [];
  out.push('## Published episode pages', '');
  out.push(`Written by \`node bench/episode-pages.mjs\` on ${m.date}: ${m.nproc} CPUs (\`nproc\`, ${m.cpu}), `
    + `load average (1, 5, 15 min) ${m.loadBefore} at the start and ${m.loadAfter} at the end (others were `
    + `building on this machine), Chromium ${m.chromium}, Node.js ${m.node}, commit ${m.commit}, ${r.seconds} s. `
    + `The site is \`${m.site}\` (built ${m.siteBuilt}), from \`bash scripts/publish.sh public/digests <public/site.json + base_url> ${m.site}\`; `
    + 'it is served by `tests/e2e/server.mjs` under `/reader/` on 127.0.0.1 **uncompressed** (`Cache-Control: no-store`) '
    + 'and with **brotli**: the same server sending the `.br` copy (quality 11) that the publish command writes beside every text and wasm file, '
    + 'as nginx\'s `brotli_static` does (the baseline pages get theirs from the bench).', '');
  out.push('Three pages of each episode, each load in a fresh browser context (empty cache):', '',
    `- **published**: \`episodes/<id>/\` as \`digest-site publish\` writes it (the episode prerendered; \`${r.app.published?.href}\` `
      + 'loads the hydration module, which takes the page over and sets `digest:interactive`);',
    `- **no-script baseline**: the same file with its two script tags removed, the hydration module's loader and \`reader.js\` (\`${BASELINE_NAME}\`, served from the `
      + 'same folder by the same server): nothing but the HTML and its stylesheet (the JSON data blocks stay; they are inert);',
    '- **app**: the app\'s own client-rendered view of the episode, `?episode=<id>` at the site root (the figure before '
      + 'published pages existed; its `digest:content` mark is set once the episode is in the DOM).', '');
  out.push(`Conditions: **desktop** 1280×800, no throttling; **mobile** Lighthouse's device (412×823 @1.75, touch, mobile UA), `
    + `CDP \`Emulation.setCPUThrottlingRate({ rate: ${CPU_SLOWDOWN} })\` and \`Network.emulateNetworkConditions({ latency: `
    + `${SLOW_4G.latency}, downloadThroughput: ${SLOW_4G.downloadThroughput}, uploadThroughput: ${SLOW_4G.uploadThroughput} })\` `
    + '(Lighthouse\'s slow 4G as it applies DevTools throttling: RTT 150 ms × 3.75, 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up). '
    + `${CONDITIONS.map((c) => `${runsOf(c)} loads of each page ${c.title}`).join(', ')}, the three pages interleaved; median (min–max), ms since navigation start.`, '');
  out.push('Columns:', '',
    '- **content painted (LCP)**: the metric compared, the same on every page: the browser\'s `largest-contentful-paint` '
      + '(the last entry; presentation time of the largest text in the viewport). It counts as "the episode painted" '
      + 'because each load also checks that the whole `article.episode` was in the DOM before the paint (next column);',
    '- **FCP**: `first-contentful-paint`; the ratio rows divide the medians, and "paired" is the median of the '
      + 'per-run ratios (run *i* of the published page against run *i* of the baseline, loaded one after the other), '
      + 'with its 90% interval (bootstrap: the median of 2,000 resamples of those ratios, 5th and 95th percentile): '
      + 'where the interval holds 1.00×, the run could not tell the two pages apart;',
    '- **article whole before FCP**: loads in which a MutationObserver (init script) saw the complete `article.episode` '
      + '(the parser past `</article>`, or the app\'s render) no later than FCP; for the app, the `digest:content` mark '
      + 'no later than LCP;',
    '- **interactive**: published: the `digest:interactive` mark (hydration done); app: the `digest:content` mark '
      + '(the app is live once it has rendered); the baseline has no script;',
    '- **CLS**: the sum of the load\'s `layout-shift` entry values (without recent input), from navigation to 0.6 s '
      + '(desktop) / 1.5 s (mobile) after the load event and the mark: the largest sum of any load, then the median;',
    '- **long tasks**: `longtask` entries (> 50 ms) per load: medians of their count, of their total duration, and of '
      + 'the part of them that ran before FCP (main-thread work that could have held the first paint back).', '');

  const summary = {};
  for (const id of r.ids) {
    out.push(`### \`${id}\``, '');
    const rows = [];
    for (const cond of CONDITIONS) {
      const lists = r.runs[id]?.[cond.key];
      if (!lists) continue;
      const s = (key, f) => stats(lists[key].map(f));
      for (const p of PAGES) {
        const list = lists[p.key];
        if (!list.length) {
          rows.push([cond.title, p.title, 'n/a', '', '', '', '', '', 0]);
          continue;
        }
        const whole = p.key === 'app'
          ? list.filter((v) => ok(v.content) && ok(v.lcp) && v.content <= v.lcp).length
          : list.filter((v) => ok(v.complete) && ok(v.fcp) && v.complete <= v.fcp).length;
        const inter = p.key === 'published' ? spread(s('published', (v) => v.interactive))
          : p.key === 'app' ? `${spread(s('app', (v) => v.content))} (content)` : '—';
        const cls = list.map((v) => v.cls);
        const lt = list.map((v) => v.longTasks.length);
        const ltd = list.map((v) => v.longTasks.reduce((sum, t) => sum + t.d, 0));
        // The part of the long tasks that ran before the first paint (what could have held it back).
        const ltb = list.map((v) => v.longTasks.reduce((sum, t) => sum + Math.max(0, Math.min(t.t + t.d, v.fcp ?? 0) - t.t), 0));
        rows.push([cond.title, p.title, spread(s(p.key, (v) => v.lcp)), spread(s(p.key, (v) => v.fcp)),
          `${whole} of ${list.length}`, inter, `${Math.max(...cls).toFixed(3)} / ${median(cls).toFixed(3)}`,
          `${median(lt)} / ${ms(median(ltd))} / ${ms(median(ltb))}`, list.length]);
      }
      const med = (key, f) => median(lists[key].map(f));
      const rl = ratio(med('published', (v) => v.lcp), med('baseline', (v) => v.lcp));
      // Loads i of both pages ran back to back: the median of the per-run ratios is less
      // sensitive to the machine's load drifting during the run.
      const pairs = lists.published.map((v) => ratio(v.lcp, lists.baseline.find((b) => b.run === v.run)?.lcp)).filter(ok);
      const paired = median(pairs);
      const [low, high] = medianInterval(pairs);
      const rf = ratio(med('published', (v) => v.fcp), med('baseline', (v) => v.fcp));
      const ra = ratio(med('app', (v) => v.lcp), med('baseline', (v) => v.lcp));
      rows.push([cond.title, `**published ÷ baseline** (target ≤ ${TARGET_RATIO}×)`,
        `**${x(rl)}** ${verdict(ok(rl) ? rl <= TARGET_RATIO : undefined)} (paired: ${x(paired)}, 90% ${x(low)}–${x(high)})`, x(rf), '', '', '', '', '']);
      rows.push([cond.title, 'app ÷ baseline', x(ra), x(ratio(med('app', (v) => v.fcp), med('baseline', (v) => v.fcp))), '', '', '', '', '']);
      summary[`${id} ${cond.key}`] = rl;
      summary[`${id} ${cond.key} paired`] = [paired, low, high];
      summary[`${id} ${cond.key} cls`] = Math.max(...lists.published.map((v) => v.cls), 0);
      summary[`${id} ${cond.key} takeoverCls`] = Math.max(...lists.published.map((v) => v.takeoverCls ?? v.cls), 0);
      summary[`${id} ${cond.key} clsBaseline`] = Math.max(...lists.baseline.map((v) => v.cls), 0);
    }
    out.push(table(['conditions', 'page', 'content painted (LCP)', 'FCP', 'article whole before FCP', 'interactive',
      'CLS (max / median)', 'long tasks (count / total / before FCP)', 'loads'], rows), '');
    // What the published loads saw that they should not: fallbacks, errors, shifts.
    const notes = [];
    const messages = new Map();
    for (const cond of CONDITIONS) {
      for (const p of PAGES) {
        for (const [i, v] of (r.runs[id]?.[cond.key]?.[p.key] ?? []).entries()) {
          if (p.key === 'published' && (!v.hydrated || !v.path.endsWith(`/episodes/${id}/`))) {
            notes.push(`${cond.title}, published load ${i + 1}: not taken over in place (now at ${v.path})`);
          }
          for (const e of new Set(v.errors)) {
            const k = `${p.key}: ${e.slice(0, 240)}`;
            messages.set(k, (messages.get(k) ?? 0) + 1);
          }
          const shifted = v.shifts.filter((e) => !e.input && e.value > 0);
          if (shifted.length) {
            notes.push(`${cond.title}, ${p.key} load ${i + 1}: layout shifts ${shifted.map((e) => `${e.value.toFixed(4)} at ${ms(e.t)} (${e.sources.join(', ')})`).join('; ')}`);
          }
        }
      }
    }
    for (const [k, n] of messages) notes.push(`console, ${k} (${n} loads)`);
    if (notes.length) out.push('Seen in these loads:', '', ...[...new Set(notes)].slice(0, 30).map((n) => `- ${n}`), '');
  }

  // Waterfall: when the page's files were requested and arrived (mobile, brotli).
  const wf = r.runs[r.ids.includes(SEED_ID) ? SEED_ID : r.ids[0]]?.['mobile-br'];
  if (wf) {
    out.push('### When the files come (seed episode, mobile, brotli)', '');
    out.push('Resource Timing of the loads above: median `startTime` (requested) and `responseEnd` (arrived), ms since '
      + 'navigation start; the page\'s own HTML from the navigation entry (`complete`: the whole article in the DOM).', '');
    const rows = [];
    for (const p of PAGES) {
      const list = wf[p.key];
      if (!list?.length) continue;
      const names = new Map();
      for (const v of list) {
        for (const e of v.resources) {
          const name = decodeURIComponent(new URL(e.name).pathname.split('/').pop() || new URL(e.name).pathname);
          if (!names.has(name)) names.set(name, []);
          names.get(name).push(e);
        }
      }
      rows.push([p.title, 'article complete in the DOM', '', ms(median(list.map((v) => v.complete)))]);
      for (const [name, entries] of [...names].sort((a, b) => median(a[1].map((e) => e.start)) - median(b[1].map((e) => e.start)))) {
        rows.push([p.title, `\`${name}\``, ms(median(entries.map((e) => e.start))), ms(median(entries.map((e) => e.end)))]);
      }
      rows.push([p.title, '**content painted (LCP)**', '', `**${ms(median(list.map((v) => v.lcp)))}**`]);
      if (p.key !== 'baseline') {
        rows.push([p.title, p.key === 'published' ? '`digest:interactive`' : '`digest:content`', '',
          ms(median(list.map((v) => (p.key === 'published' ? v.interactive : v.content))))]);
      }
    }
    out.push(table(['page', 'file / event', 'requested', 'arrived / at'], rows), '');
  }

  // Bytes.
  out.push('### wasm + JS bytes', '');
  out.push('The JavaScript and WebAssembly responses of one desktop load of the seed episode\'s page: **raw** as the '
    + 'uncompressed server sent them, **brotli** as the precompressed copies went out (both from CDP `Network.loadingFinished` '
    + '`encodedDataLength`, which includes some 150–250 bytes of HTTP headers per response), and the files\' bodies '
    + 'compressed here (brotli 11, what a host with precompressed `.br` files sends).', '');
  const byteRows = [];
  for (const [key, title] of [['published', 'published page'], ['app', 'app `?episode=`']]) {
    const code = r.bytes[key].filter((f) => f.type === 'js' || f.type === 'wasm');
    for (const f of code) byteRows.push([title, `\`${f.file}\``, bytes(f.size), bytes(f.raw), bytes(f.br), bytes(f.brotli)]);
    const sum = (k) => code.reduce((s, f) => s + (f[k] ?? 0), 0);
    byteRows.push([`**${title}: wasm + JS**`, '', `**${bytes(sum('size'))}**`, bytes(sum('raw')), bytes(sum('br')),
      `**${bytes(sum('brotli'))}** (${kib(sum('brotli'))})`]);
    summary[`${key}Code`] = sum('brotli');
    summary[`${key}CodeWire`] = sum('br');
  }
  out.push(table(['page', 'file', 'file bytes', 'raw on the wire', 'brotli on the wire', 'file brotli 11'], byteRows), '');
  const html = r.bytes.published.find((f) => f.type === 'html');
  const inline = r.inlineJson[r.ids.includes(SEED_ID) ? SEED_ID : r.ids[0]];
  if (html && inline) {
    out.push(`The published page itself: ${bytes(html.size)} bytes (${bytes(html.brotli)} brotli), of which ${bytes(inline.data)} `
      + 'are the inline JSON of the digest and site that the take-over reads instead of fetching them, and '
      + `${bytes(inline.ld)} the JSON-LD; the no-script baseline keeps both.`, '');
  }

  // Lighthouse.
  out.push('### Lighthouse', '');
  const lh = r.lighthouse;
  const LH = [['published-br', 'published, brotli'], ['published-raw', 'published, uncompressed'],
    ['baseline-br', 'no-script baseline, brotli'], ['baseline-raw', 'no-script baseline, uncompressed']];
  if (lh && LH.some(([k]) => lh[k]?.length)) {
    const first = LH.map(([k]) => lh[k]?.[0]).find(Boolean);
    out.push(`Lighthouse ${first.version} (\`bench/package-lock.json\`), default mobile preset (Moto G Power, simulated slow `
      + `4G, CPU ×4), performance only, ${LH_RUNS} run(s) each, seed episode, run as `
      + '`bench/run.mjs` runs it (`CHROME_PATH=/usr/bin/chromium`, `--headless=new` and the flags above). Lighthouse '
      + 'simulates the slow phone from the main-thread work it observes here, so on a busy machine (see the load '
      + 'average of each run) Total Blocking Time, and with it the score, come out worse than the page is. It also estimates the '
      + 'throttled FCP and LCP from the unthrottled load it observed: when the hydration module\'s JS or wasm was '
      + 'requested before that load\'s first paint, their download at simulated slow 4G counts on the way to FCP and LCP '
      + '(the rows "observed FCP" and "requested before the observed FCP" show it per run). Each run waits '
      + 'up to 10 minutes for the load average to drop below twice the number of CPUs.'
      + (r.lighthouseOnly ? ` These runs: ${r.lighthouseOnly.date} (\`LIGHTHOUSE_ONLY=1\`, commit ${r.lighthouseOnly.commit}), same site.` : ''), '');
    const cell = (k, f) => (lh[k]?.length ? f(lh[k]) : 'n/a');
    const score = (list) => median(list.map((s) => s.score));
    const rows = [['performance: median (each run)', ...LH.map(([k]) => cell(k, (list) => `**${score(list)}** (${list.map((s) => s.score).join(', ')})`))]];
    rows.push(['observed (unthrottled) FCP', ...LH.map(([k]) => cell(k, (list) => list.map((s) => ms(s.observedFcp)).join(', ')))]);
    rows.push(['JS / wasm requested before the observed FCP', ...LH.map(([k]) => cell(k, (list) => list.map((s) => (s.early.length ? s.early.map((f) => `\`${f}\``).join(' + ') : 'none')).join('; ')))]);
    rows.push(['load average (1 min) at the start of each run', ...LH.map(([k]) => cell(k, (list) => list.map((s) => s.load.toFixed(1)).join(', ')))]);
    for (const name of Object.keys(first.metrics)) {
      rows.push([name, ...LH.map(([k]) => cell(k, (list) => list.map((s) => s.metrics[name].text).join(', ')))]);
    }
    out.push(table(['', ...LH.map(([, t]) => t)], rows), '');
    for (const [k, t] of LH) {
      const failing = [...new Set((lh[k] ?? []).flatMap((s) => s.failing))];
      out.push(`Failing performance audits (score < 0.9), ${t}: ${failing.length ? failing.join('; ') : 'none'}.`, '');
    }
    summary.lhBr = lh['published-br']?.length ? score(lh['published-br']) : NaN;
    summary.lhRaw = lh['published-raw']?.length ? score(lh['published-raw']) : NaN;
    summary.lhCls = Math.max(...['published-br', 'published-raw'].flatMap((k) => (lh[k] ?? []).map((s) => s.metrics.CLS.value ?? 0)), 0);
  } else out.push('Not measured (see below).', '');

  // Targets.
  out.push('### Targets', '');
  const seed = r.ids.includes(SEED_ID) ? SEED_ID : r.ids[0];
  const trows = [];
  for (const id of r.ids) {
    for (const cond of CONDITIONS) {
      const v = summary[`${id} ${cond.key}`];
      const [paired, low, high] = summary[`${id} ${cond.key} paired`] ?? [];
      trows.push([`\`${id}\`: published ÷ baseline, content painted (LCP), ${cond.title}`, `≤ ${TARGET_RATIO}×`,
        `${x(v)} (paired ${x(paired)}, 90% ${x(low)}–${x(high)})`, verdict(ok(v) ? v <= TARGET_RATIO : undefined)]);
    }
  }
  trows.push(['Lighthouse mobile performance, published, brotli', `${TARGET_LH}`, summary.lhBr ?? 'n/a', verdict(ok(summary.lhBr) ? summary.lhBr >= TARGET_LH : undefined)]);
  trows.push(['Lighthouse mobile performance, published, uncompressed', `${TARGET_LH}`, summary.lhRaw ?? 'n/a', verdict(ok(summary.lhRaw) ? summary.lhRaw >= TARGET_LH : undefined)]);
  const clsAll = r.ids.flatMap((id) => CONDITIONS.map((c) => summary[`${id} ${c.key} cls`])).filter(ok);
  const clsMax = Math.max(...clsAll, ok(summary.lhCls) ? summary.lhCls : 0);
  const baselineMax = Math.max(...r.ids.flatMap((id) => CONDITIONS.map((c) => summary[`${id} ${c.key} clsBaseline`])).filter(ok), 0);
  const takeoverAll = r.ids.flatMap((id) => CONDITIONS.map((c) => summary[`${id} ${c.key} takeoverCls`])).filter(ok);
  const takeoverMax = Math.max(...takeoverAll, 0);
  trows.push([`CLS through hydration, published: shifts from the loader's \`digest:takeover\` mark on (largest sum of any load, ${r.ids.length * CONDITIONS.reduce((sum, c) => sum + runsOf(c), 0)} loads)`,
    '0', takeoverAll.length ? takeoverMax.toFixed(4) : 'n/a', verdict(takeoverAll.length ? takeoverMax === 0 : undefined)]);
  trows.push([`CLS of the whole load, published (largest sum of any load, and Lighthouse); the no-script baseline's largest: ${baselineMax.toFixed(4)}`,
    '—', clsAll.length ? clsMax.toFixed(4) : 'n/a', '']);
  trows.push(['wasm + JS of the episode page, brotli (files, brotli 11)', '≤ 90 KB (92,160 bytes)',
    `${bytes(summary.publishedCode)} (${kib(summary.publishedCode)}); the app's: ${bytes(summary.appCode)} (${kib(summary.appCode)})`,
    verdict(ok(summary.publishedCode) ? summary.publishedCode <= TARGET_CODE_BROTLI : undefined)]);
  out.push(table(['target', 'target value', 'measured', ''], trows), '');
  out.push('Desktop loads take some 200–300 ms, and on a shared machine one load can take twice as long as the next '
    + '(the min–max ranges above): a desktop ratio differs from 1.00× by noise as much as by anything the pages do. '
    + 'Hence 30 loads there, and the 90% interval of the paired ratio beside each figure. The mobile figures '
    + '(CPU ×4, slow 4G) vary far less.', '');
  out.push(`(Seed episode: \`${seed}\`. 90 KB is read as 92,160 bytes, as in the first-load table above.)`, '');

  if (r.problems.length) out.push('Not measured / failed:', '', ...r.problems.map((p) => `- ${p}`), '');
  out.push(`Removed for the baseline: ${Object.entries(r.removedTags).map(([id, tags]) => `\`${id}\`: ${tags.map((t) => `\`${t.replace(/integrity="[^"]+"/, 'integrity="…"')}\``).join(', ')}`).join('; ')}.`, '');
  return out.join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
