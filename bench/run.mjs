// The reader's benchmark (issue 6): `bash bench/run.sh` builds, then runs this file, which measures
// the release build in dist/ in headless Chromium, each figure next to a baseline measured in the
// same run, prints the tables and writes BENCHMARKS.md at the repository root.
//
//   node bench/run.mjs            (dist/ must exist; bench/run.sh builds it and installs Lighthouse)
//
// Environment: RUNS (loads per timed page, default 10), LARGE_RUNS (default 3), LIBRARY_RUNS
// (default 5), SKIP_LIGHTHOUSE=1, CHROMIUM (default /usr/bin/chromium), DIST (default dist).
//
// Everything is served by tests/e2e/server.mjs on 127.0.0.1 under /reader/; nothing leaves the machine.

import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { startServer } from '../tests/e2e/server.mjs';
import { LAUNCH_OPTIONS } from '../tests/e2e/helpers.mjs';
import { largeDigest, countDigest } from './large-digest.mjs';
import { renderStatic } from './static-page.mjs';
import { renderStaticLibrary } from './static-library.mjs';
import { startCompressingProxy } from './compress-proxy.mjs';
import { CPU_SLOWDOWN, DESKTOP, MOBILE, SLOW_4G } from './emulation.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(BENCH, '..');
const DIST = path.resolve(REPO, process.env.DIST ?? 'dist');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const RUNS = Number(process.env.RUNS ?? 10);
const LARGE_RUNS = Number(process.env.LARGE_RUNS ?? 3);
const LIBRARY_RUNS = Number(process.env.LIBRARY_RUNS ?? 5);
const SEED_ID = 'deepseek-stole-our-tech';
const LIBRARY_SIZE = 20_000;
const TARGET_WASM_JS_BROTLI = 90 * 1024; // "90 KB", read as KiB
const TARGET_RATIO = 1.5;
const TARGET_KEYSTROKE_MS = 16;

// playwright-core from the repository's own node_modules (package.json), never a browser download.
const { chromium } = createRequire(path.join(REPO, 'package.json'))('playwright-core');

// The end-to-end tests' browser flags, with this run's Chromium.
const LAUNCH = { ...LAUNCH_OPTIONS, executablePath: CHROMIUM };

// ---------------------------------------------------------------------------------------------
// Small helpers

const sorted = (values) => [...values].sort((a, b) => a - b);
function median(values) {
  const s = sorted(values);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
function percentile(values, p) {
  const s = sorted(values);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const ok = (v) => typeof v === 'number' && Number.isFinite(v);
const ms = (v) => (ok(v) ? `${Math.round(v).toLocaleString('en-US')} ms` : 'n/a');
const ms1 = (v) => (ok(v) ? `${v.toFixed(1)} ms` : 'n/a');
const bytes = (v) => (ok(v) ? v.toLocaleString('en-US') : 'n/a');
const kib = (v) => (ok(v) ? `${(v / 1024).toFixed(1)} KiB` : 'n/a');
const mib = (v) => (ok(v) ? `${(v / 1024 / 1024).toFixed(1)} MiB` : 'n/a');
const ratio = (a, b) => (ok(a) && ok(b) && b > 0 ? a / b : NaN);
const x = (v) => (ok(v) ? `${v.toFixed(2)}×` : 'n/a');
const verdict = (pass) => (pass === undefined ? '' : pass ? '✅ meets' : '❌ misses');
function stats(values) {
  const v = values.filter(ok);
  return { median: median(v), min: v.length ? Math.min(...v) : NaN, max: v.length ? Math.max(...v) : NaN, n: v.length };
}
const spread = (s) => (s.n ? `${ms(s.median)} (${Math.round(s.min)}–${Math.round(s.max)})` : 'n/a');
const errorText = (error) => String(error?.message ?? error).split('\n')[0].slice(0, 200);

function log(...parts) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);
}

function table(header, rows) {
  const line = (cells) => `| ${cells.map((c) => String(c ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// In-page instrumentation, installed before any page script runs.
//
// - Wraps Performance.prototype.mark: the first time a mark name is set, it records the mark's
//   startTime and, after the next frame, the "painted" time: a requestAnimationFrame callback,
//   then a task posted from it (MessageChannel), which runs once that frame's rendering update
//   (style, layout, paint, commit) is done.
// - Keeps the last largest-contentful-paint entry.
// - Keeps the wasm exports from trunk's `TrunkApplicationStarted` event (for `memory`).
// - With `watchCards`, a MutationObserver notes when the first `li.episode-card` is visible.

function instrumentation({ watchCards }) {
  const bench = (window.__bench = { marks: {}, painted: {}, pointsAtMark: {}, lcp: null, wasm: null, firstCard: null, firstCardPainted: null, firstCardElements: null });
  const afterPaint = (done) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(0);
    });
  const mark = Performance.prototype.mark;
  Performance.prototype.mark = function (name, ...rest) {
    const entry = mark.call(this, name, ...rest);
    if (typeof name === 'string' && !(name in bench.marks)) {
      bench.marks[name] = entry && typeof entry.startTime === 'number' ? entry.startTime : performance.now();
      // How much of the episode is in the DOM when the mark is set.
      bench.pointsAtMark[name] = document.querySelectorAll('li.point').length;
      afterPaint((t) => (bench.painted[name] = t));
    }
    return entry;
  };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
  addEventListener('TrunkApplicationStarted', (event) => {
    bench.wasm = event.detail && event.detail.wasm;
  });
  if (watchCards) {
    const observer = new MutationObserver(() => {
      const card = document.querySelector('li.episode-card');
      if (!card || !card.checkVisibility()) return;
      bench.firstCard = performance.now();
      bench.firstCardElements = document.getElementsByTagName('*').length;
      observer.disconnect();
      afterPaint((t) => (bench.firstCardPainted = t));
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  }
}

async function newPage(browser, { mobile = false, watchCards = false } = {}) {
  const context = await browser.newContext(mobile ? MOBILE : DESKTOP);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') page.errors.push(message.text());
  });
  await page.addInitScript(instrumentation, { watchCards });
  const cdp = await context.newCDPSession(page);
  if (mobile) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  return { context, page, cdp };
}

/** Waits until mark `name` has been set and painted (or the page shows an error). */
async function waitForMark(page, name, timeout) {
  try {
    await page.waitForFunction(
      (mark) => (window.__bench && window.__bench.painted[mark] != null) || document.querySelector('[role="alert"] .error-title'),
      name,
      { timeout, polling: 50 },
    );
  } catch (error) {
    throw new Error(`no "${name}" within ${timeout} ms${page.errors.length ? `; page errors: ${page.errors.join(' / ')}` : ''}`);
  }
  const alert = await page.evaluate(() => document.querySelector('[role="alert"] .error-title')?.textContent);
  if (alert) throw new Error(`the page shows an error: ${alert.trim()}`);
}

/** The timing figures of a loaded page (ms since navigation start). */
function readTimings(page, name) {
  return page.evaluate((mark) => {
    const bench = window.__bench;
    const entry = performance.getEntriesByName(mark, 'mark')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      mark: entry ? entry.startTime : bench.marks[mark],
      painted: bench.painted[mark] ?? null,
      fcp: fcp ? fcp.startTime : null,
      lcp: bench.lcp,
      pointsAtMark: bench.pointsAtMark[mark] ?? null,
    };
  }, name);
}

/** One load of `url` in a fresh context: navigation start → mark `name` (and painted, FCP, LCP). */
async function timeLoad(browser, url, name, { mobile = false, timeout = 30_000, after } = {}) {
  const { context, page, cdp } = await newPage(browser, { mobile });
  try {
    await page.goto(url, { waitUntil: 'commit', timeout });
    await waitForMark(page, name, timeout);
    // Paint timing entries (FCP, LCP) arrive after the frame is presented: give them time.
    await page.waitForTimeout(mobile ? 600 : 300);
    const timings = await readTimings(page, name);
    if (after) Object.assign(timings, await after(page, cdp));
    return timings;
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Machine

function machine(browserVersion) {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  let nproc = String(os.availableParallelism?.() ?? os.cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {}
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', REPO, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {}
  return {
    nproc,
    cpu: model,
    memory: `${(memKb / 1024 / 1024).toFixed(1)} GiB`,
    chromium: browserVersion,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit,
    loadBefore: os.loadavg().map((v) => v.toFixed(2)).join(' '),
  };
}

// ---------------------------------------------------------------------------------------------
// The build's stylesheet(s), for the static baseline: what dist/index.html links.

function stylesheets() {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const linked = [...html.matchAll(/<link\b[^>]*>/gi)]
    .map((m) => m[0])
    .filter((tag) => /\brel=["']?stylesheet/i.test(tag))
    .map((tag) => /\bhref=["']?([^"' >]+)/i.exec(tag)?.[1])
    .filter((href) => href && !/^[a-z]+:|^\/\//i.test(href));
  if (linked.length) return linked;
  return fs.readdirSync(DIST).filter((name) => name.endsWith('.css')).map((name) => `./${name}`);
}

// ---------------------------------------------------------------------------------------------
// 1. First-load transfer size

const gzip = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const brotli = (buf) =>
  zlib.brotliCompressSync(buf, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;

async function transfer(browser, base, dirs) {
  const url = `${base}?episode=${SEED_ID}`;
  const { context, page } = await newPage(browser);
  const seen = [];
  // Every response (not `requestfinished`: that does not come for every fetch the app streams).
  page.on('response', (response) => seen.push(response.request()));
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await waitForMark(page, 'digest:content', 30_000);
    // What the page loads after the content (e.g. the library index for the episode links).
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(1000);
    const markAt = await page.evaluate(() => performance.getEntriesByName('digest:content', 'mark')[0]?.startTime ?? null);
    const started = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('resource').map((e) => [e.name, e.startTime])),
    );
    const files = [];
    const done = new Set();
    for (const request of seen) {
      if (done.has(request.url())) continue;
      done.add(request.url());
      const response = await request.response();
      if (!response || !request.url().startsWith(base)) continue;
      const rel = decodeURIComponent(new URL(request.url()).pathname.slice(new URL(base).pathname.length)) || 'index.html';
      // The file the server sent (it serves files as they are); the response body where there is none.
      // (DevTools keeps no body for some fetches the app reads as a stream.)
      const onDisk = dirs.map((dir) => path.join(dir, rel)).find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
      let body = onDisk ? fs.readFileSync(onDisk) : null;
      if (!body) {
        try {
          body = await response.body();
        } catch (error) {
          throw new Error(`no body for ${rel}: ${errorText(error)}`);
        }
      }
      const startedAt = request.resourceType() === 'document' ? 0 : started[request.url()];
      files.push({
        file: request.resourceType() === 'document' ? `${rel || 'index.html'} (the page)` : rel,
        type: kindOf(rel, request.resourceType()),
        status: response.status(),
        beforeContent: ok(startedAt) && ok(markAt) ? startedAt < markAt : null,
        raw: body.length,
        gzip: gzip(body),
        brotli: brotli(body),
      });
    }
    const order = { html: 0, css: 1, js: 2, wasm: 3, json: 4 };
    files.sort((a, b) => (order[a.type] ?? 9) - (order[b.type] ?? 9) || a.file.localeCompare(b.file));
    return files;
  } finally {
    await context.close().catch(() => {});
  }
}

function kindOf(rel, resourceType) {
  if (resourceType === 'document') return 'html';
  const ext = path.extname(rel).slice(1).toLowerCase();
  return { mjs: 'js', htm: 'html' }[ext] ?? (ext || resourceType);
}

// ---------------------------------------------------------------------------------------------
// 5. The library: first results, DOM size, keystrokes

// Each keystroke changes the count under the reference search (tests/e2e/library-scale.test.mjs):
// a word typed and deleted letter by letter, digits of the generated titles' "(#n)", a year.
const KEYSTROKES = [
  ...['l', 'e', 'x', '⌫', '⌫', '⌫'],
  ...['a', 'r', 's', '⌫', '⌫', '⌫'],
  ...['#', '1', '2', '3', '4', '5', '⌫', '⌫', '⌫', '⌫', '⌫', '⌫'],
  ...['2', '0', '1', '6', '⌫', '⌫', '⌫', '⌫'],
];

async function keystrokes(page) {
  return page.evaluate(async (keys) => {
    const input = document.querySelector('#library-search');
    if (!input) throw new Error('no #library-search');
    const main = document.querySelector('main') ?? document.body;
    input.focus();
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
    const afterPaint = () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(0);
        }),
      );
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const signature = () => {
      const count = document.querySelector('.library-count')?.textContent.replace(/\s+/g, ' ').trim() ?? '';
      const first = document.querySelector('li.episode-card a')?.getAttribute('href') ?? '';
      return `${count}|${first}|${document.querySelectorAll('li.episode-card').length}`;
    };
    const out = [];
    for (const [i, key] of keys.entries()) {
      // A keystroke arrives at any moment of a frame: settle, then wait 0-16 ms.
      await frame();
      await sleep((i * 7) % 17);
      const before = signature();
      let changed = false;
      let lastMutation = null;
      const observer = new MutationObserver(() => {
        lastMutation = performance.now();
        if (!changed && signature() !== before) changed = true;
      });
      observer.observe(main, { childList: true, subtree: true, characterData: true, attributes: true });
      const value = key === '⌫' ? input.value.slice(0, -1) : input.value + key;
      input.value = value;
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Until the count (or the list) shows the new results: the last DOM mutation before the frame
      // that shows it, and the end of that frame. 3 s at most.
      let painted = await afterPaint();
      while (!changed && painted - t0 < 3000) painted = await afterPaint();
      observer.disconnect();
      out.push({
        value,
        changed,
        dom: changed && lastMutation != null ? lastMutation - t0 : null,
        painted: painted - t0,
        count: document.querySelector('.library-count')?.textContent.trim(),
      });
    }
    return out;
  }, KEYSTROKES);
}

async function libraryLoad(browser, url, label, withKeystrokes) {
  const { context, page, cdp } = await newPage(browser, { watchCards: true });
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench.firstCardPainted != null, null, { timeout: 60_000, polling: 50 });
    const r = await page.evaluate(() => ({
      firstResults: window.__bench.firstCard,
      painted: window.__bench.firstCardPainted,
      elementsAtFirst: window.__bench.firstCardElements,
      elements: document.getElementsByTagName('*').length,
      cards: document.querySelectorAll('li.episode-card').length,
      count: document.querySelector('.library-count')?.textContent.trim(),
    }));
    await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
    r.heap = (await cdp.send('Runtime.getHeapUsage').catch(() => ({}))).usedSize;
    r.wasmMemory = await wasmMemory(page, cdp);
    log(`${label}: first results ${ms(r.firstResults)}, painted ${ms(r.painted)}, `
      + `${r.elements} elements, ${r.cards} cards, "${r.count}", heap ${mib(r.heap)}, wasm ${mib(r.wasmMemory)}`);
    if (withKeystrokes) {
      await page.waitForTimeout(1000); // let deferred work (e.g. building a search index) finish
      r.typed = await keystrokes(page);
      const dom = r.typed.map((k) => k.dom).filter(ok);
      const painted = r.typed.map((k) => k.painted);
      log(`${label} keystrokes, to the DOM updated (ms): ${r.typed.map((k) => (ok(k.dom) ? k.dom.toFixed(1) : 'n/a')).join(', ')}`);
      log(`${label} keystrokes, to painted (ms): ${painted.map((t) => t.toFixed(1)).join(', ')}`);
      log(`${label} keystrokes: DOM updated median ${ms1(median(dom))}, p90 ${ms1(percentile(dom, 90))}; `
        + `painted median ${ms1(median(painted))}, p90 ${ms1(percentile(painted, 90))}; `
        + `${r.typed.filter((k) => !k.changed).length} of ${r.typed.length} without a visible change within 3 s`);
    }
    return r;
  } finally {
    await context.close().catch(() => {});
  }
}

async function library(browser, base, attempt) {
  const app = [];
  const baseline = [];
  for (let i = 0; i < LIBRARY_RUNS; i++) {
    const last = i === LIBRARY_RUNS - 1;
    const a = await attempt(`library app load ${i + 1}`, () => libraryLoad(browser, base, `library app ${i + 1}/${LIBRARY_RUNS}`, last));
    if (a) app.push(a);
    const s = await attempt(`library baseline load ${i + 1}`, () =>
      libraryLoad(browser, `${base}bench-static-library.html`, `library baseline ${i + 1}/${LIBRARY_RUNS}`, last));
    if (s) baseline.push(s);
  }
  if (!app.length && !baseline.length) throw new Error('no library load succeeded');
  return { app, baseline };
}

// ---------------------------------------------------------------------------------------------
// Memory

async function wasmMemory(page, cdp) {
  const fromEvent = await page.evaluate(() => window.__bench?.wasm?.memory?.buffer?.byteLength ?? null);
  if (fromEvent != null) return fromEvent;
  // Fallback: every WebAssembly.Memory in the page (if the boot script no longer sends the event).
  try {
    const { result: proto } = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.objectId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: 'function () { return this.reduce((sum, m) => sum + m.buffer.byteLength, 0); }',
      returnByValue: true,
    });
    return result.value || null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// 4. The large digest: render, expand all, memory

async function expandAll(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const buttons = [...document.querySelectorAll('button.subsection-toggle')];
    const t0 = performance.now();
    for (const button of buttons) button.click();
    await frame();
    await frame();
    return {
      expand: performance.now() - t0,
      toggles: buttons.length,
      expanded: document.querySelectorAll('button.subsection-toggle[aria-expanded="true"]').length,
    };
  });
}

async function largeMeasure(page, cdp) {
  const out = await expandAll(page);
  out.elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  out.points = await page.evaluate(() => document.querySelectorAll('li.point').length);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  out.heap = (await cdp.send('Runtime.getHeapUsage').catch(() => ({}))).usedSize;
  out.wasmMemory = await wasmMemory(page, cdp);
  return out;
}

// ---------------------------------------------------------------------------------------------
// 6. Lighthouse

function lighthouse(url, outFile) {
  const cli = path.join(BENCH, 'node_modules', 'lighthouse', 'cli', 'index.js');
  if (!fs.existsSync(cli)) return Promise.reject(new Error('bench/node_modules/lighthouse is missing (run bash bench/run.sh)'));
  const flags = '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';
  const args = [cli, url, '--output=json', `--output-path=${outFile}`, '--quiet', `--chrome-flags=${flags}`,
    '--only-categories=performance,accessibility,best-practices,seo'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', () => {});
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (!fs.existsSync(outFile)) return reject(new Error(`lighthouse exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`));
      const report = JSON.parse(fs.readFileSync(outFile, 'utf8'));
      if (report.runtimeError) return reject(new Error(`lighthouse: ${report.runtimeError.code} ${report.runtimeError.message}`));
      resolve(report);
    });
  });
}

function summarize(report) {
  const scores = {};
  const failing = {};
  const errored = [];
  for (const [id, category] of Object.entries(report.categories)) {
    scores[id] = category.score == null ? NaN : Math.round(category.score * 100);
    failing[id] = [];
    for (const ref of category.auditRefs) {
      const audit = report.audits[ref.id];
      if (!audit) continue;
      const mode = audit.scoreDisplayMode;
      if (mode === 'error') errored.push(`${audit.title}: ${String(audit.errorMessage ?? '').replace(/\s+/g, ' ')}`);
      else if (['binary', 'numeric', 'metricSavings'].includes(mode) && audit.score != null && audit.score < 0.9) {
        const value = audit.displayValue ? ` — ${audit.displayValue}` : '';
        const weight = ref.weight ? `, weight ${ref.weight}` : '';
        const reasons = (audit.details?.items ?? []).map((item) => item?.reason).filter((r) => typeof r === 'string');
        const why = reasons.length ? `: ${[...new Set(reasons)].join('; ')}` : '';
        failing[id].push(`${audit.title}${value} (score ${audit.score.toFixed(2)}${weight})${why}`);
      }
    }
  }
  const metric = (id) => report.audits[id]?.displayValue ?? 'n/a';
  return {
    scores,
    failing,
    errored: [...new Set(errored)],
    metrics: {
      'First Contentful Paint': metric('first-contentful-paint'),
      'Largest Contentful Paint': metric('largest-contentful-paint'),
      'Total Blocking Time': metric('total-blocking-time'),
      'Cumulative Layout Shift': metric('cumulative-layout-shift'),
      'Speed Index': metric('speed-index'),
    },
    warnings: report.runWarnings ?? [],
  };
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const began = Date.now();
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: build first (bash bench/run.sh builds it)`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-bench-'));
  const overlay = path.join(tmp, 'overlay'); // bench-large.json and the static pages
  const libraryOverlay = path.join(tmp, 'library'); // the 20,000-episode index
  fs.mkdirSync(path.join(overlay, 'digests'), { recursive: true });
  fs.mkdirSync(path.join(libraryOverlay, 'digests'), { recursive: true });

  const site = JSON.parse(fs.readFileSync(path.join(DIST, 'site.json'), 'utf8'));
  const css = stylesheets();
  const seed = JSON.parse(fs.readFileSync(path.join(DIST, 'digests', `${SEED_ID}.json`), 'utf8'));
  fs.writeFileSync(path.join(overlay, 'bench-static-seed.html'), renderStatic(seed, { site, css }));
  const large = largeDigest();
  const largeCounts = countDigest(large);
  const largeJson = JSON.stringify(large);
  fs.writeFileSync(path.join(overlay, 'digests', 'bench-large.json'), largeJson);
  fs.writeFileSync(path.join(overlay, 'bench-static-large.html'), renderStatic(large, { site, css }));
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'gen-index.mjs'), String(LIBRARY_SIZE),
    path.join(libraryOverlay, 'digests', 'index.json')], { stdio: 'ignore' });
  fs.writeFileSync(path.join(libraryOverlay, 'bench-static-library.html'), renderStaticLibrary({ site, css }));
  const indexBytes = fs.statSync(path.join(libraryOverlay, 'digests', 'index.json')).size;
  log(`generated: bench-large.json (${bytes(largeJson.length)} bytes, ${JSON.stringify(largeCounts)}), `
    + `static pages, index.json with ${LIBRARY_SIZE.toLocaleString('en-US')} episodes (${bytes(indexBytes)} bytes); stylesheet ${css.join(', ')}`);

  const server = await startServer({ root: DIST, overlays: [overlay] });
  const libraryServer = await startServer({ root: DIST, overlays: [libraryOverlay] });
  // Page loads go through a compressing front (brotli, as any real host or CDN serves text and
  // wasm), for the app and the static baseline alike; `plain` is the uncompressed server.
  const plain = server.url;
  const front = await startCompressingProxy(plain);
  const base = front.url;
  log(`serving ${DIST} at ${plain}, compressed at ${base} (and the 20,000-episode library at ${libraryServer.url})`);

  const results = { problems: [] };
  const attempt = async (what, fn) => {
    try {
      return await fn();
    } catch (error) {
      log(`${what}: FAILED: ${errorText(error)}`);
      results.problems.push(`${what}: ${errorText(error)}`);
      return null;
    }
  };

  let browser = await chromium.launch(LAUNCH);
  results.machine = machine(browser.version());
  log(`machine: ${JSON.stringify(results.machine)}`);

  try {
    // 1. Transfer size.
    results.transfer = await attempt('transfer size', async () => {
      const files = await transfer(browser, base, [overlay, DIST]);
      for (const f of files) log(`transfer: ${f.file} raw ${bytes(f.raw)}, gzip ${bytes(f.gzip)}, brotli ${bytes(f.brotli)}`);
      return files;
    });

    // 2 and 3. The seed episode, app and static baseline, desktop then mobile emulation.
    const appUrl = `${base}?episode=${SEED_ID}`;
    const staticUrl = `${base}bench-static-seed.html`;
    for (const mobile of [false, true]) {
      const label = mobile ? 'mobile' : 'desktop';
      const app = [];
      const baseline = [];
      for (let i = 0; i < RUNS; i++) {
        const timeout = mobile ? 90_000 : 30_000;
        const a = await attempt(`${label} app load ${i + 1}`, () => timeLoad(browser, appUrl, 'digest:content', { mobile, timeout }));
        if (a) app.push(a);
        const s = await attempt(`${label} static load ${i + 1}`, () => timeLoad(browser, staticUrl, 'static:content', { mobile, timeout }));
        if (s) baseline.push(s);
        log(`${label} ${i + 1}/${RUNS}: app content ${ms(a?.mark)} painted ${ms(a?.painted)} (FCP ${ms(a?.fcp)}, LCP ${ms(a?.lcp)}, ${a?.pointsAtMark} li.point at the mark); `
          + `static content ${ms(s?.mark)} painted ${ms(s?.painted)} (FCP ${ms(s?.fcp)}, LCP ${ms(s?.lcp)})`);
      }
      results[label] = { app, baseline };
      const am = median(app.map((r) => r.mark));
      const sm = median(baseline.map((r) => r.mark));
      log(`${label}: median app ${ms(am)}, static ${ms(sm)}, ratio ${x(ratio(am, sm))}`);
    }

    // 4. The large digest.
    const largeApp = [];
    const largeStatic = [];
    for (let i = 0; i < LARGE_RUNS; i++) {
      const a = await attempt(`large app load ${i + 1}`, () =>
        timeLoad(browser, `${base}?episode=bench-large`, 'digest:content', { timeout: 120_000, after: largeMeasure }),
      );
      if (a) largeApp.push(a);
      const s = await attempt(`large static load ${i + 1}`, () =>
        timeLoad(browser, `${base}bench-static-large.html`, 'static:content', { timeout: 120_000, after: largeMeasure }),
      );
      if (s) largeStatic.push(s);
      const show = (r) => (r
        ? `content ${ms(r.mark)}, painted ${ms(r.painted)}, expand ${r.toggles} (${r.expanded} open) ${ms(r.expand)}, `
          + `${r.pointsAtMark} points at the mark, ${r.points} after expanding, ${r.elements} elements, heap ${mib(r.heap)}, wasm ${mib(r.wasmMemory)}`
        : 'failed');
      log(`large ${i + 1}/${LARGE_RUNS}: app ${show(a)}`);
      log(`large ${i + 1}/${LARGE_RUNS}: static ${show(s)}`);
    }
    results.large = { app: largeApp, baseline: largeStatic, counts: largeCounts, bytes: largeJson.length };

    // 5. The library.
    results.library = await attempt('library', () => library(browser, libraryServer.url, attempt));
    if (results.library) results.library.indexBytes = indexBytes;
  } finally {
    await browser.close().catch(() => {});
    browser = null;
  }

  // 6. Lighthouse, with the Playwright browser closed (2 cores): the pages as tests/e2e/server.mjs
  // serves them (no compression), then behind a compressing proxy (bench/compress-proxy.mjs).
  if (process.env.SKIP_LIGHTHOUSE) {
    results.problems.push('Lighthouse: skipped (SKIP_LIGHTHOUSE is set)');
  } else {
    const runs = [
      ['app', `${plain}?episode=${SEED_ID}`],
      ['appCompressed', `${base}?episode=${SEED_ID}`],
      ['baseline', `${plain}bench-static-seed.html`],
      ['baselineCompressed', `${base}bench-static-seed.html`],
    ];
    for (const [key, url] of runs) {
      log(`lighthouse (${key}): ${url}`);
      const report = await attempt(`Lighthouse (${key})`, () => lighthouse(url, path.join(tmp, `lighthouse-${key}.json`)));
      if (report) {
        results.lighthouse ??= { version: report.lighthouseVersion, chrome: report.environment?.hostUserAgent };
        const summary = (results.lighthouse[key] = summarize(report));
        log(`lighthouse (${key}): ${JSON.stringify(summary.scores)}; metrics ${JSON.stringify(summary.metrics)}`);
        for (const [cat, titles] of Object.entries(summary.failing)) {
          for (const t of titles) log(`lighthouse (${key}) ${cat} failing: ${t}`);
        }
        if (summary.errored.length) log(`lighthouse (${key}): ${summary.errored.length} audits errored`);
      }
    }
  }
  await front.close();

  await server.close();
  await libraryServer.close();
  fs.rmSync(tmp, { recursive: true, force: true });

  results.seconds = Math.round((Date.now() - began) / 1000);
  results.loadAfter = os.loadavg().map((v) => v.toFixed(2)).join(' ');
  const markdown = report(results, css);
  // The "## Publishing" section is bench/publish.sh's (digest-site, minutes per run): kept as it is.
  const file = path.join(REPO, 'BENCHMARKS.md');
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const publishing = /^## Publishing\n[\s\S]*?(?=^## |^<!-- |(?![\s\S]))/m.exec(previous)?.[0];
  fs.writeFileSync(file, publishing
    ? `${markdown.replace(/\n*$/, '\n\n')}${publishing.replace(/\n*$/, '\n')}`
    : markdown);
  console.log(`\n${markdown}`);
  log(`wrote BENCHMARKS.md in ${results.seconds} s`);
}

// ---------------------------------------------------------------------------------------------
// The report

function report(r, css) {
  const out = [];
  const m = r.machine;
  out.push('# Benchmarks', '');
  out.push('Written by `bash bench/run.sh` (`node bench/run.mjs`): the release build in `dist/`, served by '
    + '`tests/e2e/server.mjs` under `/reader/` on 127.0.0.1 behind `bench/compress-proxy.mjs` (brotli on the wire, '
    + 'as any real host or CDN sends it; the library\'s 20,000-episode index is sent uncompressed), measured in headless Chromium. Every figure has a baseline measured in the same run. '
    + 'Timings depend on the machine and vary from run to run by 10 % or more; compare runs on one machine.', '');
  out.push('## Machine', '');
  out.push(table(['', ''], [
    ['CPUs (`nproc`)', m.nproc],
    ['CPU', m.cpu],
    ['Memory', m.memory],
    ['Chromium', m.chromium],
    ['Node.js', m.node],
    ['Date', m.date],
    ['Commit', m.commit],
    ['Run time', `${r.seconds} s`],
    ['Load average (1, 5, 15 min) at start / end', `${m.loadBefore} / ${r.loadAfter}`],
  ]), '');

  // Transfer.
  out.push('## First-load transfer size (seed episode)', '');
  if (r.transfer?.length) {
    const files = r.transfer;
    const sum = (list, key) => list.reduce((s, f) => s + f[key], 0);
    const rows = files.map((f) => [`\`${f.file}\``, f.type, f.beforeContent == null ? '' : f.beforeContent ? 'before' : 'after',
      bytes(f.raw), bytes(f.gzip), bytes(f.brotli)]);
    rows.push(['**total**', '', '', `**${bytes(sum(files, 'raw'))}**`, `**${bytes(sum(files, 'gzip'))}**`, `**${bytes(sum(files, 'brotli'))}**`]);
    const before = files.filter((f) => f.beforeContent !== false);
    rows.push(['total requested before the content mark', '', '', bytes(sum(before, 'raw')), bytes(sum(before, 'gzip')), bytes(sum(before, 'brotli'))]);
    out.push('Every response the page `?episode=deepseek-stole-our-tech` loads (from the page load\'s own network '
      + 'requests, until the network is idle); "requested" is before or after the `digest:content` mark. Bytes; '
      + 'gzip level 9 and brotli quality 11 (Node\'s zlib).', '');
    out.push(table(['file', 'type', 'requested', 'raw', 'gzip -9', 'brotli 11'], rows), '');
    const code = files.filter((f) => f.type === 'wasm' || f.type === 'js');
    const codeBr = sum(code, 'brotli');
    const pass = codeBr <= TARGET_WASM_JS_BROTLI;
    out.push(table(['wasm + JS, brotli', 'bytes', 'target', ''], [
      [code.map((f) => `\`${f.file}\``).join(' + '), `${bytes(codeBr)} (${kib(codeBr)})`, '≤ 90 KB (92,160 bytes)', verdict(pass)],
    ]), '');
    r.summary = { ...(r.summary ?? {}), codeBr, codePass: pass };
  } else out.push('Not measured (see "Not measured" below).', '');

  // Seed timings.
  out.push('## Seed episode: navigation start → content', '');
  out.push('Median (min–max) of fresh-context loads, ms since navigation start. **content**: the app\'s '
    + '`digest:content` mark (episode in the DOM), the baseline\'s `static:content` mark (inline script at the end '
    + 'of `<body>`); **painted**: the end of the first frame after the mark (rAF, then a task); FCP and LCP from '
    + 'the browser\'s paint timing. Baseline: a static HTML page of the same JSON with the same markup and the '
    + `build's stylesheet (${css.map((c) => `\`${c}\``).join(', ')}).`, '');
  const seedRows = [];
  for (const [label, title] of [['desktop', 'desktop (1280×800, no throttling)'],
    ['mobile', `mobile emulation (412×823 @1.75, CPU ×${CPU_SLOWDOWN}, slow 4G)`]]) {
    const d = r[label];
    if (!d) continue;
    const row = (name, list) => {
      const c = stats(list.map((v) => v.mark));
      const p = stats(list.map((v) => v.painted));
      return [title, name, spread(c), spread(p), ms(stats(list.map((v) => v.fcp)).median), ms(stats(list.map((v) => v.lcp)).median), c.n];
    };
    seedRows.push(row('app', d.app));
    seedRows.push(row('static baseline', d.baseline));
    const rc = ratio(median(d.app.map((v) => v.mark)), median(d.baseline.map((v) => v.mark)));
    const rp = ratio(median(d.app.map((v) => v.painted)), median(d.baseline.map((v) => v.painted)));
    const rf = ratio(median(d.app.map((v) => v.fcp)), median(d.baseline.map((v) => v.fcp)));
    const rl = ratio(median(d.app.map((v) => v.lcp)), median(d.baseline.map((v) => v.lcp)));
    seedRows.push([title, `**app ÷ baseline** (target ≤ ${TARGET_RATIO}×)`, `**${x(rc)}** ${verdict(ok(rc) ? rc <= TARGET_RATIO : undefined)}`,
      `**${x(rp)}** ${verdict(ok(rp) ? rp <= TARGET_RATIO : undefined)}`, x(rf), x(rl), '']);
    r.summary = { ...(r.summary ?? {}), [`${label}Ratio`]: rc, [`${label}PaintRatio`]: rp };
  }
  out.push(table(['conditions', 'page', 'content', 'painted', 'FCP', 'LCP', 'loads'], seedRows), '');

  // Large digest.
  out.push('## Large digest', '');
  const L = r.large;
  if (L && (L.app.length || L.baseline.length)) {
    out.push(`\`digests/bench-large.json\` (generated by \`bench/large-digest.mjs\`, ${bytes(L.bytes)} bytes): `
      + `${L.counts.sections.toLocaleString('en-US')} sections, ${L.counts.points.toLocaleString('en-US')} points, `
      + `${L.counts.subsections} subsections (${L.counts.locked} locked). Desktop, no throttling; median (min–max) of `
      + `${LARGE_RUNS} fresh-context loads. The baseline is the static HTML of the same digest, with a few lines `
      + 'of inline script to open subsections.', '');
    const col = (list, key, fmt = ms) => {
      const s = stats(list.map((v) => v[key]));
      return fmt === ms ? spread(s) : s.n ? fmt(s.median) : 'n/a';
    };
    const rat = (key) => x(ratio(median(L.app.map((v) => v[key])), median(L.baseline.map((v) => v[key]))));
    const toggles = L.app[0]?.toggles ?? L.baseline[0]?.toggles;
    const expanded = (list) => (list.length ? `${Math.min(...list.map((v) => v.expanded))} of ${list[0].toggles} open` : '');
    out.push(table(['figure', 'app', 'static baseline', 'app ÷ baseline'], [
      ['render: navigation → content', col(L.app, 'mark'), col(L.baseline, 'mark'), rat('mark')],
      ['render: navigation → painted', col(L.app, 'painted'), col(L.baseline, 'painted'), rat('painted')],
      [`expand all ${toggles ?? ''} subsections (clicks + 2 rAF)`, `${col(L.app, 'expand')} — ${expanded(L.app)}`,
        `${col(L.baseline, 'expand')} — ${expanded(L.baseline)}`, rat('expand')],
      ['JS heap used after (CDP `Runtime.getHeapUsage`, after a GC)', col(L.app, 'heap', mib), col(L.baseline, 'heap', mib), rat('heap')],
      ['wasm memory after (`memory.buffer.byteLength`)', col(L.app, 'wasmMemory', mib), '—', ''],
      ['`li.point` elements in the DOM at the content mark', col(L.app, 'pointsAtMark', bytes), col(L.baseline, 'pointsAtMark', bytes), ''],
      ['`li.point` elements in the DOM after expanding', col(L.app, 'points', bytes), col(L.baseline, 'points', bytes), ''],
      ['elements in the DOM after expanding', col(L.app, 'elements', bytes), col(L.baseline, 'elements', bytes), rat('elements')],
    ]), '');
  } else out.push('Not measured (see "Not measured" below).', '');

  // Library.
  out.push(`## Library with ${LIBRARY_SIZE.toLocaleString('en-US')} episodes`, '');
  const lib = r.library;
  if (lib && (lib.app.length || lib.baseline.length)) {
    out.push(`\`digests/index.json\` from \`node scripts/gen-index.mjs ${LIBRARY_SIZE}\` (${bytes(lib.indexBytes)} bytes). `
      + `Desktop, no throttling; ${LIBRARY_RUNS} fresh-context loads of each, alternating. The baseline is `
      + '`bench/static-library.mjs`: the same markup and stylesheet, and some 60 lines of vanilla JavaScript that '
      + 'fetch the index, sort it, show 30 cards and filter on every `input` (no highlighting, no channel or tag '
      + 'filters, no URL updates). **First results**: a MutationObserver (init script) notes the first visible '
      + '`li.episode-card`; "painted" is the end of the frame after it. **Keystrokes** (in the last load, after 1 s '
      + 'idle; each keystroke 0–16 ms into a frame): the `#library-search` value is set and an `input` event '
      + 'dispatched; "DOM updated" is the last DOM mutation in `main` (MutationObserver) before the frame that shows '
      + 'the new count or list, "painted" the end of that frame (it includes waiting for the frame). Keystrokes: '
      + `\`${KEYSTROKES.join(' ')}\` (each changes the count).`, '');
    const pick = (list, key) => list.map((v) => v[key]);
    const typed = (list) => list.find((v) => v.typed)?.typed ?? [];
    const tA = typed(lib.app);
    const tB = typed(lib.baseline);
    const domA = tA.map((k) => k.dom).filter(ok);
    const domB = tB.map((k) => k.dom).filter(ok);
    const paintA = tA.map((k) => k.painted);
    const paintB = tB.map((k) => k.painted);
    const rat = (a, b) => x(ratio(a, b));
    const keyTarget = (v) => `< ${TARGET_KEYSTROKE_MS} ms ${verdict(ok(v) ? v < TARGET_KEYSTROKE_MS : undefined)}`;
    const firstA = stats(pick(lib.app, 'firstResults'));
    const firstB = stats(pick(lib.baseline, 'firstResults'));
    const paintedA = stats(pick(lib.app, 'painted'));
    const paintedB = stats(pick(lib.baseline, 'painted'));
    const num = (list, key, fmt = bytes) => (list.length ? fmt(median(pick(list, key))) : 'n/a');
    const maxOf = (v) => (v.length ? Math.max(...v) : NaN);
    out.push(table(['figure', 'app', 'baseline', 'app ÷ baseline', 'target'], [
      ['navigation → first results (first card visible)', spread(firstA), spread(firstB), rat(firstA.median, firstB.median), ''],
      ['navigation → first results painted', spread(paintedA), spread(paintedB), rat(paintedA.median, paintedB.median), ''],
      ['elements in the DOM at first results', num(lib.app, 'elementsAtFirst'), num(lib.baseline, 'elementsAtFirst'), '', ''],
      ['elements in the DOM after first results (painted)', num(lib.app, 'elements'), num(lib.baseline, 'elements'), '', ''],
      ['cards in the DOM', num(lib.app, 'cards'), num(lib.baseline, 'cards'), '', ''],
      ['JS heap used (after a GC)', num(lib.app, 'heap', mib), num(lib.baseline, 'heap', mib), '', ''],
      ['wasm memory', num(lib.app, 'wasmMemory', mib), '—', '', ''],
      [`keystroke → DOM updated, median of ${domA.length}`, ms1(median(domA)), ms1(median(domB)), rat(median(domA), median(domB)), keyTarget(median(domA))],
      ['keystroke → DOM updated, p90', ms1(percentile(domA, 90)), ms1(percentile(domB, 90)), rat(percentile(domA, 90), percentile(domB, 90)), keyTarget(percentile(domA, 90))],
      ['keystroke → DOM updated, max', ms1(maxOf(domA)), ms1(maxOf(domB)), '', ''],
      ['keystroke → painted, median', ms1(median(paintA)), ms1(median(paintB)), rat(median(paintA), median(paintB)), ''],
      ['keystroke → painted, p90', ms1(percentile(paintA, 90)), ms1(percentile(paintB, 90)), rat(percentile(paintA, 90), percentile(paintB, 90)), ''],
      ['keystrokes with no visible change within 3 s', `${tA.filter((k) => !k.changed).length} of ${tA.length}`,
        `${tB.filter((k) => !k.changed).length} of ${tB.length}`, '', '0'],
    ]), '');
    r.summary = { ...(r.summary ?? {}), keyMedian: median(domA), keyP90: percentile(domA, 90) };
  } else out.push('Not measured (see "Not measured" below).', '');

  // Lighthouse.
  out.push('## Lighthouse', '');
  const lh = r.lighthouse;
  const LH_RUNS = [['app', 'app, as served'], ['appCompressed', 'app, compressed'],
    ['baseline', 'static baseline, as served'], ['baselineCompressed', 'static baseline, compressed']];
  if (lh && LH_RUNS.some(([key]) => lh[key])) {
    out.push(`Lighthouse ${lh.version} (\`bench/package-lock.json\`), default mobile preset (Moto G Power, simulated `
      + 'slow 4G, CPU ×4), categories performance, accessibility, best-practices and SEO, one run each, against '
      + '`/usr/bin/chromium` (`CHROME_PATH`) with `--headless=new --no-sandbox --disable-gpu '
      + '--disable-background-networking --disable-component-update --disable-sync --no-first-run`. The episode page '
      + '(`?episode=deepseek-stole-our-tech`) and the static baseline of it, each **as served** by '
      + '`tests/e2e/server.mjs` (no compression, `Cache-Control: no-store`) and **compressed**: through '
      + '`bench/compress-proxy.mjs`, which adds brotli (quality 11) as a CDN or a web server with compression on would. '
      + 'The targets apply to the app compressed, as hosts serve it.', '');
    const cats = [['performance', 'performance', 100], ['accessibility', 'accessibility', 100], ['best-practices', 'best practices', undefined], ['seo', 'SEO', undefined]];
    const cell = (v) => (v === undefined || (typeof v === 'number' && !ok(v)) ? 'n/a' : v);
    const rows = cats.map(([id, name, target]) => {
      const a = lh.appCompressed?.scores[id];
      return [name, ...LH_RUNS.map(([key]) => cell(lh[key]?.scores[id])), target ? `${target} ${verdict(ok(a) ? a >= target : undefined)}` : ''];
    });
    const first = LH_RUNS.map(([key]) => lh[key]).find(Boolean);
    for (const name of Object.keys(first.metrics)) {
      rows.push([name, ...LH_RUNS.map(([key]) => cell(lh[key]?.metrics[name])), '']);
    }
    out.push(table(['score / metric', ...LH_RUNS.map(([, title]) => title), 'target'], rows), '');
    for (const [key, title] of LH_RUNS) {
      const s = lh[key];
      if (!s) continue;
      const lines = Object.entries(s.failing).flatMap(([cat, list]) => list.map((t) => `- ${cat}: ${t}`));
      out.push(`Failing audits (score < 0.9), ${title}:`, '', ...(lines.length ? lines : ['- none']), '');
    }
    const errored = [...new Set(LH_RUNS.flatMap(([key]) => lh[key]?.errored ?? []))];
    if (errored.length) {
      out.push(`Audits that errored, in one run or more (not scored; the \`frame_sequence\` errors look like Lighthouse `
        + `${lh.version} not reading a trace event of this newer Chromium):`, '', ...errored.map((e) => `- ${e}`), '');
    }
    const warnings = [...new Set(LH_RUNS.flatMap(([key]) => lh[key]?.warnings ?? []))];
    if (warnings.length) out.push('Lighthouse warnings:', '', ...warnings.map((w) => `- ${w.replace(/\s+/g, ' ')}`), '');
    r.summary = { ...(r.summary ?? {}), lhPerf: lh.app?.scores.performance, lhA11y: lh.app?.scores.accessibility };
  } else out.push('Not measured (see "Not measured" below).', '');

  // Targets at a glance.
  const s = r.summary ?? {};
  out.push('## Targets', '');
  out.push(table(['target', 'measured', ''], [
    ['wasm + JS brotli ≤ 90 KB', ok(s.codeBr) ? kib(s.codeBr) : 'n/a', verdict(ok(s.codeBr) ? s.codePass : undefined)],
    ['seed content, app ÷ static ≤ 1.5× (desktop)', x(s.desktopRatio), verdict(ok(s.desktopRatio) ? s.desktopRatio <= TARGET_RATIO : undefined)],
    ['seed content, app ÷ static ≤ 1.5× (mobile emulation)', x(s.mobileRatio), verdict(ok(s.mobileRatio) ? s.mobileRatio <= TARGET_RATIO : undefined)],
    ['keystroke → DOM updated < 16 ms (median)', ms1(s.keyMedian), verdict(ok(s.keyMedian) ? s.keyMedian < TARGET_KEYSTROKE_MS : undefined)],
    ['keystroke → DOM updated < 16 ms (p90)', ms1(s.keyP90), verdict(ok(s.keyP90) ? s.keyP90 < TARGET_KEYSTROKE_MS : undefined)],
    ['Lighthouse performance 100', s.lhPerf ?? 'n/a', verdict(ok(s.lhPerf) ? s.lhPerf >= 100 : undefined)],
    ['Lighthouse accessibility 100', s.lhA11y ?? 'n/a', verdict(ok(s.lhA11y) ? s.lhA11y >= 100 : undefined)],
  ]), '');

  if (r.problems.length) {
    out.push('## Not measured', '', ...r.problems.map((p) => `- ${p}`), '');
  }

  out.push('## How measured', '');
  out.push(
    '- **Build**: `bash bench/run.sh` runs `bash scripts/setup.sh --browser`, `trunk build --release --offline`, '
      + 'installs `bench/` (Lighthouse 12.2.3, `npm ci --prefix bench`) when missing or older than its lock, then '
      + '`node bench/run.mjs`. The build is served by `tests/e2e/server.mjs` under `/reader/` '
      + '(`Cache-Control: no-store`), with the generated files in overlay folders, and the page loads (app and baseline '
      + 'alike) go through `bench/compress-proxy.mjs`, which sends brotli (quality 11).',
    '- **Browser**: Playwright (`playwright-core` from the repository) driving `/usr/bin/chromium` headless with the '
      + 'end-to-end tests\' flags. Each load is a new browser context (empty cache, no service workers).',
    '- **Transfer size**: the responses of one real load of the seed episode page (network idle), their bodies '
      + 'compressed here with `zlib.gzipSync` (level 9) and `zlib.brotliCompressSync` (quality 11). 90 KB is taken as 92,160 bytes.',
    '- **Content timing**: an init script wraps `Performance.prototype.mark`; "content" is the mark\'s `startTime` '
      + '(the app\'s `digest:content`, set once the episode is in the DOM; the baseline\'s `static:content`, set by an '
      + 'inline script at the end of its `<body>`, after the render-blocking stylesheet). "painted" is '
      + 'requestAnimationFrame after the mark, then a `MessageChannel` task: the end of the frame that first '
      + `shows the content. ${RUNS} loads of each, app and baseline alternating.`,
    `- **Mobile emulation**: per page through CDP, \`Emulation.setCPUThrottlingRate({ rate: ${CPU_SLOWDOWN} })\` and `
      + `\`Network.emulateNetworkConditions({ latency: ${SLOW_4G.latency}, downloadThroughput: ${SLOW_4G.downloadThroughput}, `
      + `uploadThroughput: ${SLOW_4G.uploadThroughput} })\` (bytes/s: Lighthouse's slow 4G, RTT 150 ms × 3.75, `
      + '1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up, as Lighthouse applies DevTools throttling), viewport 412×823 at '
      + 'device scale 1.75, touch, mobile user agent.',
    '- **Large digest**: render as above; then, in one `page.evaluate`, `click()` on every `button.subsection-toggle` '
      + 'and two `requestAnimationFrame`s, timed with `performance.now()`. Then `HeapProfiler.collectGarbage` and '
      + '`Runtime.getHeapUsage().usedSize`; wasm memory is `memory.buffer.byteLength` of the exports in trunk\'s '
      + '`TrunkApplicationStarted` event (captured by the init script; if the event is gone, the sum over all '
      + '`WebAssembly.Memory` objects found with `Runtime.queryObjects`).',
    '- **Library**: see its section. The episode pages use the bundled 4-episode index; the library uses a second '
      + 'server whose overlay holds the generated index.',
    '- **Lighthouse**: the CLI from `bench/node_modules`, JSON output; failing audits are those of the four '
      + 'categories with a score below 0.9 (binary, numeric and metric audits).',
  );
  out.push('');
  return out.join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
