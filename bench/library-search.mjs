// Library search at scale (issue 12): our split library (`library/`, digest-library/v1, written by
// the publish command) against Pagefind 1.6.0 (bench/package.json) on the same corpus: index build
// time and size, bytes per query, time to the first screen of results (30 cards) and keystroke
// latency. Three steps, each writing its results under target/library-search/:
//
//   node bench/library-search.mjs pagefind-build [episodes]   (default 100000)
//     Builds a Pagefind index (Node API, addCustomRecord) of the digests in DIGESTS (default
//     target/bench-publish/digests-100000), with the text our library searches (title, channel,
//     summary, tags), `channel` and `tag` filters and a `date` sort; episodes above the folder's
//     count repeat it as library_only's REPEAT does (copy c: ids `-x<c>`, dates 12 × c years
//     earlier). Writes target/library-search/pagefind-<episodes>/pagefind/ and
//     pagefind-build-<episodes>.json (seconds, files, bytes, peak memory of the pagefind binary).
//
//   node bench/library-search.mjs browser [episodes]
//     Headless Chromium (/usr/bin/chromium, playwright-core from the repository's node_modules),
//     desktop and mobile (CPU ×4, Lighthouse's slow 4G), served by tests/e2e/server.mjs through
//     bench/compress-proxy.mjs (brotli 11 for text; Pagefind's own .pf_* chunks are gzip inside and
//     go as they are). For each query of bench/library-search/queries.json, in a fresh page (cold
//     cache): the time from the query to 30 cards painted and the bytes transferred (CDP
//     Network.loadingFinished encodedDataLength), split into Pagefind's fixed part (pagefind.js,
//     wasm, entry, metadata) and the query's own chunks and fragments. Pagefind runs without its
//     web worker (`Worker` removed from the page), so that its requests are counted and its CPU
//     throttled with the page's. Queries of one `session`
//     (a word typed letter by letter) also run one after the other in one page: each keystroke's
//     time and added bytes. Targets:
//       - pagefind: bench/library-search/pagefind.html over the index built above;
//       - ours: `<OURS_SITE>/index.html?q=<query>[&channel=…][&tag=…]`, OURS_SITE naming the
//         output of `APP=dist publish/examples/library_only.rs` (the app, the published library
//         page and library/); done when the app has replaced the published first screen and its
//         list is no longer aria-busy. Its bytes are the brotli 11 size of every library/ file
//         asked for (manifest and filters included); a session's later letters are typed into
//         the search field and timed from the input event (see oursKeystroke).
//     Writes target/library-search/browser-<episodes>.json (Pagefind) and
//     browser-ours-<episodes>.json. RUNS (default 3) loads per query and condition, CONDITIONS
//     (desktop, mobile), TARGETS (pagefind, ours).
//
//   node bench/library-search.mjs first-screen [episodes]
//     The published library page of target/library-search/site-<episodes> (from library_only with
//     APP) against a copy without its scripts and preloads (static.html: the same 30 cards and
//     stylesheet), alternating, RUNS (default 5) cold loads each, desktop and mobile: FCP, LCP,
//     CLS, bytes, and when the app replaced the published first screen. Writes
//     first-screen-<episodes>.json.
//
//   node bench/library-search.mjs report
//     Writes the BENCHMARKS.md section between `<!-- library-search:start -->` and
//     `<!-- library-search:end -->` (created before "## Publishing" if missing; nothing else in
//     the file changes) from every results file present: library-<n>.json
//     (publish/examples/library_only.rs), split-<n>.json (publish/examples/split_query.rs),
//     pagefind-build-<n>.json and browser-<n>.json, and bench/library-search/notes.md (the verdict,
//     as written). WRITE_BENCHMARKS=0 prints it only; BENCHMARKS=<file> writes another file.
//
// Only 127.0.0.1 is used. See bench/README.md for the whole sequence of commands.

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';
import { LAUNCH_OPTIONS } from '../tests/e2e/helpers.mjs';
import { startCompressingProxy } from './compress-proxy.mjs';
import { CPU_SLOWDOWN, DESKTOP, MOBILE, SLOW_4G } from './emulation.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(BENCH, '..');
const OUT = path.join(REPO, 'target', 'library-search');
const PAGE_DIR = path.join(BENCH, 'library-search');
const QUERIES = JSON.parse(fs.readFileSync(path.join(PAGE_DIR, 'queries.json'), 'utf8'));
const FIRST_SCREEN = 30;
const TARGET_BYTES = 150 * 1024; // "150 KB brotli per first screen", read as KiB
const MARK_START = '<!-- library-search:start -->';
const MARK_END = '<!-- library-search:end -->';
const log = (...parts) => console.error(`[library-search ${new Date().toISOString().slice(11, 19)}]`, ...parts);
const loadavg = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');

// ---------------------------------------------------------------------------------------------
// Pagefind index

/** The library entry of a digest file, as publish reads it (publish/src/input.rs). */
function entryOf(digest) {
  return {
    id: digest.id,
    title: digest.title ?? '',
    published: digest.published ?? '',
    channel: digest.source?.channel ?? '',
    summary: digest.summary ?? '',
    tags: Array.isArray(digest.tags) ? digest.tags : [],
  };
}

/** Peak resident memory of the pagefind binary (a child of this process), polled. */
function watchChildMemory() {
  let peak = 0;
  let rss = 0;
  const timer = setInterval(() => {
    try {
      const pids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' })
        .split('\n').map((s) => s.trim()).filter(Boolean);
      for (const pid of pids) {
        // `ps` itself is a child too, and gone by now.
        let status = '';
        try {
          status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        } catch {
          continue;
        }
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
        peak = Math.max(peak, hwm);
        rss = Math.max(rss, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
      }
    } catch {}
  }, 1000);
  return { peak: () => peak, rss: () => rss, stop: () => { clearInterval(timer); return peak; } };
}

function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

async function pagefindBuild(episodes) {
  const pagefind = await import(path.join(BENCH, 'node_modules', 'pagefind', 'lib', 'index.js'));
  const digests = path.resolve(process.env.DIGESTS ?? path.join(REPO, 'target', 'bench-publish', 'digests-100000'));
  const out = path.join(OUT, `pagefind-${episodes}`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });

  log(`reading ${digests}; load ${loadavg()}`);
  let started = performance.now();
  const files = fs.readdirSync(digests).filter((f) => f.endsWith('.json')).sort();
  const originals = files.map((file) => entryOf(JSON.parse(fs.readFileSync(path.join(digests, file), 'utf8'))));
  const readSeconds = (performance.now() - started) / 1000;
  const repeat = Math.ceil(episodes / originals.length);
  log(`${originals.length} digests in ${readSeconds.toFixed(1)} s; ${repeat} cop${repeat > 1 ? 'ies' : 'y'}`);

  const memory = watchChildMemory();
  started = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind.createIndex: ${errors.join('; ')}`);
  let added = 0;
  const record = (entry, copy) => {
    const id = copy ? `${entry.id}-x${copy}` : entry.id;
    const published = copy
      ? `${String(Number(entry.published.slice(0, 4)) - 12 * copy).padStart(4, '0')}${entry.published.slice(4)}`
      : entry.published;
    return {
      url: `/episodes/${id}/`,
      // The text our library searches: title, channel, summary, tags (library_files::entry_words).
      content: [entry.title, entry.channel, entry.summary, entry.tags.join(' ')].filter(Boolean).join('\n'),
      language: 'en',
      meta: { title: entry.title, channel: entry.channel, published, tags: entry.tags.join(', ') },
      filters: { channel: [entry.channel], tag: [...new Set(entry.tags)] },
      sort: { date: published },
    };
  };
  const BATCH = 256;
  // On a shared machine: stop (and report how far it got) rather than exhaust its memory.
  const maxRss = Number(process.env.PAGEFIND_MAX_RSS_MB ?? 8192) * 1024 * 1024;
  let stopped = null;
  for (let copy = 0; copy < repeat && !stopped; copy++) {
    for (let i = 0; i < originals.length && added < episodes; i += BATCH) {
      if (memory.peak() > maxRss) {
        stopped = { records: added, seconds: (performance.now() - started) / 1000, peak_rss_bytes: memory.peak(),
          reason: `the pagefind binary passed PAGEFIND_MAX_RSS_MB=${maxRss / 1024 / 1024} while adding records` };
        log(`stopped: ${stopped.reason} at ${added} records`);
        break;
      }
      const batch = originals.slice(i, Math.min(i + BATCH, originals.length, i + episodes - added));
      const results = await Promise.all(batch.map((entry) => index.addCustomRecord(record(entry, copy))));
      for (const result of results) if (result.errors?.length) throw new Error(result.errors.join('; '));
      added += batch.length;
      if (added % 20000 < BATCH) log(`${added} records; load ${loadavg()}`);
    }
  }
  const addSeconds = (performance.now() - started) / 1000;
  if (stopped) {
    memory.stop();
    await pagefind.close();
    const result = { episodes, files_read: originals.length, repeat, pagefind: '1.6.0', stopped,
      seconds: { read: readSeconds, add: addSeconds }, load: loadavg(), cpus: os.cpus().length };
    fs.writeFileSync(path.join(OUT, `pagefind-build-${episodes}.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  started = performance.now();
  const written = await index.writeFiles({ outputPath: path.join(out, 'pagefind') });
  if (written.errors?.length) throw new Error(written.errors.join('; '));
  const writeSeconds = (performance.now() - started) / 1000;
  const peak = memory.stop();
  await pagefind.close();

  const all = walk(path.join(out, 'pagefind'));
  const kinds = {};
  let bytes = 0;
  for (const file of all) {
    const size = fs.statSync(file).size;
    bytes += size;
    const name = path.basename(file);
    const kind = file.includes(`${path.sep}fragment${path.sep}`) ? 'fragment'
      : file.includes(`${path.sep}index${path.sep}`) ? 'index'
        : file.includes(`${path.sep}filter${path.sep}`) ? 'filter'
          : name.endsWith('.pf_meta') ? 'meta' : name;
    kinds[kind] ??= { files: 0, bytes: 0, largest: 0 };
    kinds[kind].files += 1;
    kinds[kind].bytes += size;
    kinds[kind].largest = Math.max(kinds[kind].largest, size);
  }
  const result = {
    episodes: added,
    files_read: originals.length,
    repeat,
    pagefind: '1.6.0',
    seconds: { read: readSeconds, add: addSeconds, write: writeSeconds, build: addSeconds + writeSeconds },
    peak_rss_bytes: peak,
    files: all.length,
    bytes,
    kinds,
    load: loadavg(),
    cpus: os.cpus().length,
  };
  fs.writeFileSync(path.join(OUT, `pagefind-build-${episodes}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

// ---------------------------------------------------------------------------------------------
// Browser

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// The end-to-end tests' browser flags, with this run's Chromium.
const LAUNCH = { ...LAUNCH_OPTIONS, executablePath: CHROMIUM };
const ALL_CONDITIONS = [
  { key: 'desktop', mobile: false, title: 'desktop' },
  { key: 'mobile', mobile: true, title: `mobile (CPU ×${CPU_SLOWDOWN}, slow 4G)` },
];

const median = (values) => {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Pagefind's files a reader loads once, whatever the query. */
const pagefindFixed = (url) => /\/pagefind\/(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[^/]*|pagefind\.[^/]*\.pf_meta)$/.test(url)
  || /\/pagefind\/[^/]*\.pf_meta$/.test(url);

async function newPage(browser, condition) {
  const context = await browser.newContext(condition.mobile ? MOBILE : DESKTOP);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  if (condition.mobile) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  }
  const requests = new Map();
  const transfers = [];
  // Every URL asked for, in order: Chromium does not always report a finished response for a
  // body read as a stream (the app's fetches), so ours is counted by request (`librarySince`).
  transfers.requested = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, e.request.url);
    transfers.requested.push(e.request.url);
  });
  cdp.on('Network.loadingFinished', (e) => transfers.push({ url: requests.get(e.requestId) ?? '?', bytes: e.encodedDataLength }));
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  // Pagefind 1.6 searches in a web worker when it can; the worker's requests and CPU are outside
  // this page's CDP session (no bytes counted, no throttling). Without `Worker` it runs the same
  // code on the page, where both apply.
  await page.addInitScript(() => { window.Worker = undefined; });
  return { context, page, transfers };
}

/** Bytes transferred since `from` (an index into transfers), split by `fixed`. */
function bytesSince(transfers, from, fixed = () => false) {
  const list = transfers.slice(from);
  const sum = (l) => l.reduce((total, t) => total + t.bytes, 0);
  const fixedList = list.filter((t) => fixed(t.url));
  const own = list.filter((t) => !fixed(t.url));
  return { total: sum(list), fixed: sum(fixedList), query: sum(own), requests: list.length, queryRequests: own.length };
}

/** Brotli 11 bytes (as bench/compress-proxy.mjs serves them) of a file of OURS_SITE, once each. */
const brotliSizes = new Map();
function brotliSize(root, url) {
  const rel = decodeURIComponent(new URL(url).pathname.replace(/^\/reader\//, ''));
  if (!brotliSizes.has(rel)) {
    const body = fs.readFileSync(path.join(root, rel));
    brotliSizes.set(rel, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
  }
  return brotliSizes.get(rel);
}

/** Our library's files asked for since `from` (an index into transfers.requested): how many, and
 * their brotli bytes. */
function librarySince(transfers, from) {
  const root = path.resolve(process.env.OURS_SITE);
  const urls = transfers.requested.slice(from).filter((url) => /\/library\//.test(url));
  const bytes = urls.reduce((sum, url) => sum + brotliSize(root, url), 0);
  return { total: bytes, fixed: 0, query: bytes, requests: urls.length, queryRequests: urls.length };
}

async function pagefindQuery(page, transfers, base, query, { open = true } = {}) {
  if (open) {
    await page.goto(`${base}pagefind.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.benchReady === true);
  }
  const from = transfers.length;
  const filters = {};
  if (query.channel) filters.channel = query.channel;
  if (query.tag) filters.tag = query.tag;
  const result = await page.evaluate(([text, f]) => window.benchSearch(text, f), [query.text, filters]);
  // loadingFinished may trail the last await by a tick.
  await page.waitForTimeout(50);
  return { ...result, bytes: bytesSince(transfers, from, pagefindFixed) };
}

/** Ours is done when the app has replaced the published first screen and its list is not busy
 * (the split library's search has its cards), or says that nothing matched or that it failed. */
function oursDone() {
  if (document.getElementById('boot-library')) return false;
  const main = document.querySelector('main#main[aria-busy="false"]');
  if (!main) return false;
  const list = main.querySelector('ol.episode-list');
  const at = performance.now();
  if (main.querySelector('.search-failure')) return { cards: 0, failed: true, at };
  if (list && list.getAttribute('aria-busy') === 'false') return { cards: list.querySelectorAll('li.episode-card').length, at };
  if (!list && main.querySelector('.empty')) return { cards: 0, at };
  return false;
}

/** The library opened cold with the query in its address: time to its first screen of results
 * and the bytes of library/ (manifest included; the app's own files are the fixed part). */
async function oursQuery(page, transfers, base, query) {
  const params = new URLSearchParams({ q: query.text });
  if (query.channel) params.set('channel', query.channel);
  if (query.tag) params.set('tag', query.tag);
  const from = transfers.requested.length;
  await page.goto(`${base}index.html?${params}`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(oursDone, null, { timeout: 120_000, polling: 'raf' });
  const { cards, at, failed } = await handle.jsonValue();
  if (failed) throw new Error('the search failed');
  await page.waitForTimeout(100);
  const matches = await page.locator('main#main .library-count').textContent().catch(() => null);
  return { shown: cards, totalMs: at, matches: matches?.trim(), bytes: librarySince(transfers, from) };
}

/** One keystroke in the library's search field, timed from its input event (a MutationObserver
 * sees the DOM change before the next paint): to the first updated list (the first card's
 * highlights are the new word, or nothing matches: the cards already on the page, narrowed at
 * once) and to the complete first screen (the list no longer busy); and the bytes it added. */
async function oursKeystroke(page, transfers, key, text) {
  const from = transfers.requested.length;
  await page.evaluate((q) => {
    window.benchKeystroke = new Promise((resolve) => {
      let t0 = null;
      let first = null;
      const state = () => {
        const main = document.querySelector('main#main');
        const list = main?.querySelector('ol.episode-list');
        const marks = [...(list?.querySelector('li.episode-card')?.querySelectorAll('mark') ?? [])];
        const shown = marks.length > 0 && marks.every((mark) => mark.textContent.toLowerCase() === q);
        const busy = list?.getAttribute('aria-busy') === 'true';
        const empty = !list && Boolean(main?.querySelector('.empty'));
        return { updated: shown || empty, done: (shown && !busy) || empty };
      };
      const observer = new MutationObserver(() => {
        if (t0 === null) return;
        const { updated, done } = state();
        if (updated && first === null) first = performance.now() - t0;
        if (done) {
          observer.disconnect();
          resolve({ first: first ?? performance.now() - t0, done: performance.now() - t0 });
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      document.addEventListener('input', (event) => { t0 = event.timeStamp; }, { capture: true, once: true });
    });
  }, text);
  await page.keyboard.press(key);
  const { first, done } = await page.evaluate(() => window.benchKeystroke);
  await page.waitForTimeout(100);
  return { totalMs: done, firstMs: first, bytes: librarySince(transfers, from) };
}

async function browserRun(episodes) {
  const { chromium } = createRequire(path.join(REPO, 'package.json'))('playwright-core');
  const RUNS = Number(process.env.RUNS ?? 3);
  const conditions = process.env.CONDITIONS
    ? ALL_CONDITIONS.filter((c) => process.env.CONDITIONS.split(/[\s,]+/).includes(c.key))
    : ALL_CONDITIONS;
  const targets = (process.env.TARGETS ?? (process.env.OURS_SITE ? 'pagefind ours' : 'pagefind')).split(/[\s,]+/);
  const servers = [];
  const bases = {};
  if (targets.includes('pagefind')) {
    const root = path.join(OUT, `pagefind-${episodes}`);
    if (!fs.existsSync(path.join(root, 'pagefind', 'pagefind.js'))) {
      throw new Error(`${root}/pagefind is missing: run node bench/library-search.mjs pagefind-build ${episodes}`);
    }
    const server = await startServer({ root, overlays: [PAGE_DIR] });
    const proxy = await startCompressingProxy(server.url);
    servers.push(server, proxy);
    bases.pagefind = proxy.url;
  }
  if (targets.includes('ours')) {
    const server = await startServer({ root: path.resolve(process.env.OURS_SITE) });
    const proxy = await startCompressingProxy(server.url);
    servers.push(server, proxy);
    bases.ours = proxy.url;
  }
  const browser = await chromium.launch(LAUNCH);
  const results = { episodes, runs: RUNS, load_before: loadavg(), cpus: os.cpus().length, chromium: browser.version(), targets: {} };
  try {
    for (const target of targets) {
      const byCondition = {};
      for (const condition of conditions) {
        const rows = [];
        // Warm the proxy's brotli cache (it compresses each file once) so no run pays for it.
        {
          const { context, page, transfers } = await newPage(browser, { mobile: false });
          for (const query of QUERIES) {
            if (target === 'pagefind') await pagefindQuery(page, transfers, bases.pagefind, query);
            else await oursQuery(page, transfers, bases.ours, query).catch(() => {});
          }
          await context.close();
        }
        // SKIP_QUERIES=1: keep the queries of the last run of this target and size, measure typing.
        const kept = process.env.SKIP_QUERIES === '1'
          ? read(target === 'pagefind' ? `browser-${episodes}.json` : `browser-${target}-${episodes}.json`)?.targets?.[target]?.[condition.key]?.queries
          : null;
        if (kept) rows.push(...kept);
        for (const query of kept ? [] : QUERIES) {
          const runs = [];
          for (let run = 0; run < RUNS; run++) {
            const { context, page, transfers } = await newPage(browser, condition);
            try {
              runs.push(target === 'pagefind'
                ? await pagefindQuery(page, transfers, bases.pagefind, query)
                : await oursQuery(page, transfers, bases.ours, query));
              if (page.errors.length) runs.at(-1).errors = page.errors;
            } catch (error) {
              runs.push({ error: String(error?.message ?? error).split('\n')[0] });
            }
            await context.close();
          }
          const ok = runs.filter((r) => !r.error);
          rows.push({
            label: query.label, text: query.text, channel: query.channel, tag: query.tag,
            matches: ok[0]?.matches, shown: ok[0]?.shown,
            total_ms: median(ok.map((r) => r.totalMs)),
            load_ms: median(ok.map((r) => r.loadMs)),
            search_ms: median(ok.map((r) => r.searchMs)),
            data_ms: median(ok.map((r) => r.dataMs)),
            bytes_total: median(ok.map((r) => r.bytes.total)),
            bytes_fixed: median(ok.map((r) => r.bytes.fixed)),
            bytes_query: median(ok.map((r) => r.bytes.query)),
            query_requests: median(ok.map((r) => r.bytes.queryRequests)),
            runs,
          });
          log(`${target} ${condition.key} ${episodes} ${query.label}: ${Math.round(rows.at(-1).total_ms)} ms, `
            + `${rows.at(-1).bytes_query} B query + ${rows.at(-1).bytes_fixed} B fixed, ${rows.at(-1).matches} matches; load ${loadavg()}`);
        }
        // Keystrokes: each session's queries one after the other in one page, as typed.
        const sessions = {};
        for (const query of QUERIES.filter((q) => q.session)) (sessions[query.session] ??= []).push(query);
        const typing = {};
        for (const [name, list] of Object.entries(sessions)) {
          const runs = [];
          for (let run = 0; run < RUNS; run++) {
            const { context, page, transfers } = await newPage(browser, condition);
            try {
              const steps = [];
              let first = true;
              for (const query of list) {
                if (target === 'pagefind') {
                  steps.push(await pagefindQuery(page, transfers, bases.pagefind, query, { open: first }));
                } else if (first) {
                  steps.push(await oursQuery(page, transfers, bases.ours, query));
                  await page.locator('main#main input[type="search"]').focus();
                  await page.keyboard.press('End');
                } else {
                  // The reader types the next letter into the field.
                  steps.push(await oursKeystroke(page, transfers, query.text.at(-1), query.text));
                }
                first = false;
              }
              if (target === 'ours') {
                // Keystrokes whose files are all loaded: the last letter deleted and typed
                // again, 10 times each (the median of 20 is steadier than a run's one).
                const word = list.at(-1).text;
                const loaded = [];
                for (let i = 0; i < 10; i++) {
                  loaded.push((await oursKeystroke(page, transfers, 'Backspace', word.slice(0, -1))).totalMs);
                  loaded.push((await oursKeystroke(page, transfers, word.at(-1), word)).totalMs);
                }
                steps.loaded = loaded;
              }
              runs.push(steps);
            } catch (error) {
              runs.push({ error: String(error?.message ?? error).split('\n')[0] });
            }
            await context.close();
          }
          const ok = runs.filter((r) => Array.isArray(r));
          const loaded = ok.flatMap((r) => r.loaded ?? []);
          if (loaded.length) {
            typing[`${name}:loaded`] = { keystrokes: loaded.length, median_ms: median(loaded), max_ms: Math.max(...loaded) };
            log(`${target} ${condition.key} loaded keystrokes ${name}: median ${median(loaded).toFixed(1)} ms of ${loaded.length}`);
          }
          typing[name] = list.map((query, i) => ({
            label: query.label, text: query.text,
            total_ms: median(ok.map((r) => r[i].totalMs)),
            first_ms: median(ok.map((r) => r[i].firstMs)),
            bytes_total: median(ok.map((r) => r[i].bytes.total)),
            bytes_query: median(ok.map((r) => r[i].bytes.query)),
            matches: ok[0]?.[i]?.matches,
          }));
          log(`${target} ${condition.key} typing ${name}: ${typing[name].map((s) => `${s.text} ${Math.round(s.total_ms)} ms`).join(', ')}`);
        }
        byCondition[condition.key] = { title: condition.title, queries: rows, typing };
      }
      results.targets[target] = byCondition;
    }
  } finally {
    await browser.close();
    for (const server of servers.reverse()) await server.close();
  }
  results.load_after = loadavg();
  // Each target its own file, so that measuring one keeps the other's results.
  for (const target of targets) {
    const file = path.join(OUT, target === 'pagefind' ? `browser-${episodes}.json` : `browser-${target}-${episodes}.json`);
    fs.writeFileSync(file, `${JSON.stringify({ ...results, targets: { [target]: results.targets[target] } }, null, 2)}\n`);
    log(`wrote ${file}`);
  }
}

// ---------------------------------------------------------------------------------------------
// First screen: the published library page against a static HTML page of the same 30 cards

/** The published `index.html` without the app: no script, no preload of the app's files. */
function staticCopy(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*\brel=("?)(modulepreload|preload)\1[^>]*>/g, '');
}

/** Paint timings of one page load, read in the page: FCP, LCP (its last candidate once the page
 * has been quiet), CLS, and for the app the moment its own library replaced the published first
 * screen. */
async function paintTimings(page, url, { app }) {
  await page.addInitScript(() => {
    window.benchPaint = { lcp: null, cls: 0, takeover: null };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.benchPaint.lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.benchPaint.cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    const watch = new MutationObserver(() => {
      if (window.benchPaint.takeover === null && document.querySelector('main#main ol.episode-list')
        && !document.getElementById('boot-library') && document.readyState !== 'loading') {
        window.benchPaint.takeover = performance.now();
      }
    });
    watch.observe(document, { subtree: true, childList: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  if (app) await page.waitForFunction(() => window.benchPaint.takeover !== null, null, { timeout: 120_000 });
  await page.waitForTimeout(1000);
  return page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    lcp: window.benchPaint.lcp,
    cls: window.benchPaint.cls,
    takeover: window.benchPaint.takeover,
    cards: document.querySelectorAll('main#main ol.episode-list li.episode-card').length,
  }));
}

async function firstScreenRun(episodes) {
  const { chromium } = createRequire(path.join(REPO, 'package.json'))('playwright-core');
  const RUNS = Number(process.env.RUNS ?? 5);
  const root = path.join(OUT, `site-${episodes}`);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: APP=dist target/site/examples/library_only … ${root} (bench/README.md)`);
  }
  fs.writeFileSync(path.join(root, 'static.html'), staticCopy(fs.readFileSync(path.join(root, 'index.html'), 'utf8')));
  const server = await startServer({ root });
  const proxy = await startCompressingProxy(server.url);
  const browser = await chromium.launch(LAUNCH);
  const results = { episodes, runs: RUNS, load_before: loadavg(), chromium: browser.version(), conditions: {} };
  try {
    for (const condition of ALL_CONDITIONS) {
      const pages = { static: [], published: [] };
      // Warm the proxy's brotli cache.
      for (const name of ['static.html', 'index.html']) {
        const { context, page } = await newPage(browser, { mobile: false });
        await page.goto(`${proxy.url}${name}`, { waitUntil: 'load' });
        await page.waitForTimeout(500);
        await context.close();
      }
      for (let run = 0; run < RUNS; run++) {
        // Alternate, so that a busy moment of the machine hits both.
        for (const [key, name] of [['static', 'static.html'], ['published', 'index.html']]) {
          const { context, page, transfers } = await newPage(browser, condition);
          try {
            const timing = await paintTimings(page, `${proxy.url}${name}`, { app: key === 'published' });
            timing.bytes = transfers.reduce((sum, t) => sum + t.bytes, 0);
            pages[key].push(timing);
          } catch (error) {
            pages[key].push({ error: String(error?.message ?? error).split('\n')[0] });
          }
          await context.close();
        }
      }
      const summary = (list) => {
        const ok = list.filter((r) => !r.error);
        return {
          fcp_ms: median(ok.map((r) => r.fcp)), lcp_ms: median(ok.map((r) => r.lcp)),
          cls: Math.max(0, ...ok.map((r) => r.cls)), takeover_ms: median(ok.map((r) => r.takeover)),
          cards: ok[0]?.cards, bytes: median(ok.map((r) => r.bytes)), runs: list,
        };
      };
      results.conditions[condition.key] = { title: condition.title, static: summary(pages.static), published: summary(pages.published) };
      const c = results.conditions[condition.key];
      log(`first screen ${episodes} ${condition.key}: static LCP ${Math.round(c.static.lcp_ms)} ms, published LCP `
        + `${Math.round(c.published.lcp_ms)} ms (${(c.published.lcp_ms / c.static.lcp_ms).toFixed(2)}×), app ${Math.round(c.published.takeover_ms)} ms; load ${loadavg()}`);
    }
  } finally {
    await browser.close();
    await proxy.close();
    await server.close();
  }
  results.load_after = loadavg();
  fs.writeFileSync(path.join(OUT, `first-screen-${episodes}.json`), `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${path.join(OUT, `first-screen-${episodes}.json`)}`);
}

// ---------------------------------------------------------------------------------------------
// Report

const read = (name) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(OUT, name), 'utf8'));
  } catch {
    return null;
  }
};
const num = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
const kb = (v) => (Number.isFinite(v) ? `${(v / 1024).toFixed(1)}` : 'n/a');
const mb = (v) => (Number.isFinite(v) ? `${(v / 1024 / 1024).toFixed(1)} MiB` : 'n/a');
const sec = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} s` : 'n/a');
const msf = (v) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en-US')} ms` : 'n/a');
function table(header, rows) {
  const line = (cells) => `| ${cells.map((c) => String(c ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
const describe = (q) => [q.text ? `\`${q.text}\`` : '', q.channel ? `channel “${q.channel}”` : '', q.tag ? `tag “${q.tag}”` : '']
  .filter(Boolean).join(' + ') || '(empty)';

function sizeSection(n) {
  const lib = read(`library-${n}.json`);
  if (lib) {
    // library_only run under /usr/bin/time -v (bench/README.md): its peak memory.
    const time = fs.existsSync(path.join(OUT, `library-${n}.time`)) ? fs.readFileSync(path.join(OUT, `library-${n}.time`), 'utf8') : '';
    const kbytes = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(time)?.[1]);
    if (kbytes) lib.peak_rss_bytes = kbytes * 1024;
  }
  const split = read(`split-${n}.json`);
  const pf = read(`pagefind-build-${n}.json`);
  const browser = read(`browser-${n}.json`);
  const ours = read(`browser-ours-${n}.json`)?.targets?.ours;
  const first = read(`first-screen-${n}.json`);
  if (!lib && !pf && !first) return null;
  const out = [`### ${Number(n).toLocaleString('en-US')} episodes`, ''];
  if (lib?.repeat > 1 || pf?.repeat > 1) {
    out.push(`Corpus: the ${num(lib?.files_read ?? pf?.files_read)} generated digests ×${lib?.repeat ?? pf?.repeat} `
      + '(copy c: ids suffixed `-x<c>`, dates 12 × c years earlier; same vocabulary and word frequencies).', '');
  }
  if (first) out.push(firstScreenTable(first), '');
  if (lib) out.push(table(['index', 'build', 'files', 'bytes on disk', 'served (brotli / as is)', 'largest file', 'peak memory'], [
    lib && ['ours: `library/`', `${sec(lib.seconds.build + lib.seconds.write)} (build ${sec(lib.seconds.build)}, write ${sec(lib.seconds.write)}; reading the digests ${sec(lib.seconds.read)} more)`,
      num(lib.library.files), mb(lib.library.bytes),
      lib.library.brotli_bytes ? `${mb(lib.library.brotli_bytes)} (brotli 5 as publish writes the .br)` : 'not measured',
      `cards ${kb(lib.library.cards.largest)} KiB, words ${kb(lib.library.words.largest)} KiB; manifest ${kb(lib.library.manifest_bytes)} KiB`,
      lib.peak_rss_bytes ? `${mb(lib.peak_rss_bytes)} (whole run)` : 'not measured'],
    lib && ['(for scale) `digests/index.json`', '', '1', mb(lib.index_json_bytes), '', '', ''],
    pf?.stopped && ['Pagefind 1.6.0', `not built: stopped after ${num(pf.stopped.records)} of ${num(pf.episodes)} records and ${sec(pf.stopped.seconds)} `
      + `(${pf.stopped.reason}); reading the digests ${sec(pf.seconds.read)} before`, 'n/a', 'n/a', 'n/a', 'n/a',
      `${mb(pf.stopped.peak_rss_bytes)} at ${num(pf.stopped.records)} records`],
    pf && !pf.stopped && ['Pagefind 1.6.0', `${sec(pf.seconds.build)} (records ${sec(pf.seconds.add)}, write ${sec(pf.seconds.write)}; reading the digests ${sec(pf.seconds.read)} more)`,
      num(pf.files), mb(pf.bytes), 'as is (its chunks are gzip inside)',
      Object.entries(pf.kinds).filter(([, k]) => k.files > 1).map(([name, k]) => `${name} ×${num(k.files)} ≤ ${kb(k.largest)} KiB`).join(', '),
      pf.peak_rss_note ? `${mb(pf.peak_rss_bytes)} (${pf.peak_rss_note})` : mb(pf.peak_rss_bytes)],
  ].filter(Boolean)));
  out.push('');
  if (split) {
    const pfRows = browser?.targets?.pagefind;
    const byLabel = (cond) => Object.fromEntries((pfRows?.[cond]?.queries ?? []).map((r) => [r.label, r]));
    const desk = byLabel('desktop');
    const mob = byLabel('mobile');
    out.push(`Per query, first screen (${FIRST_SCREEN} cards), cold: ours from the host model `
      + `(publish/examples/split_query.rs: the files SplitLibrary asks for, then the card files; manifest `
      + `${kb(split.manifest.brotli_bytes)} KiB brotli not counted, the library page loads it for its first screen); Pagefind measured in Chromium `
      + '(query = its index chunks, filter chunks and fragments; fixed = pagefind.js + wasm + entry + metadata, once per page).', '');
    out.push(`Ours, modeled on slow 4G (an estimate, not a browser measurement): rounds × ${SLOW_4G.latency} ms + brotli bytes at `
      + `${num(SLOW_4G.downloadThroughput)} B/s, as if each round's files came over one HTTP/2 connection; CPU and the wasm's own work left out. `
      + `“+ manifest” adds the manifest (${kb(split.manifest.brotli_bytes)} KiB brotli), for a reader who opens the library with the query in its address. `
      + `Matches with “+”: found so far (the search stopped once it had ${FIRST_SCREEN}).`, '');
    const oursBy = (cond) => Object.fromEntries((ours?.[cond]?.queries ?? []).map((r) => [r.label, r]));
    const od = oursBy('desktop');
    const om = oursBy('mobile');
    if (ours) {
      out.push('Ours in Chromium: the library page opened cold with the query in its address, to its first screen of results in the DOM '
        + '(the app has replaced the published first screen and its list is no longer busy); “browser KiB” is the brotli 11 size of every '
        + 'file of `library/` it asked for, manifest and filters included (the app\'s own wasm and JavaScript, the same for every page of the app, aside).', '');
    }
    out.push(table([
      'query', 'ours: files (rounds)', 'ours: raw KiB', 'ours: brotli KiB', 'ours: + manifest KiB', 'ours: modeled slow 4G', 'ours: matches', 'ours: host CPU',
      'ours: browser KiB', 'ours: desktop', 'ours: mobile',
      'Pagefind: query KiB', 'Pagefind: + fixed KiB', 'Pagefind: matches', 'Pagefind: desktop', 'Pagefind: mobile',
    ], split.queries.map((q) => {
      const d = desk[q.label];
      const m = mob[q.label];
      return [
        `${q.label}: ${describe(q)}`,
        `${q.files} (${q.rounds})`, kb(q.raw_bytes), kb(q.brotli_bytes), kb(q.brotli_bytes + split.manifest.brotli_bytes),
        msf(q.rounds * SLOW_4G.latency + (q.brotli_bytes / SLOW_4G.downloadThroughput) * 1000),
        `${num(q.matches)}${q.complete ? '' : '+'}`, msf(q.cpu_ms),
        od[q.label] ? kb(od[q.label].bytes_query) : 'n/a', od[q.label] ? msf(od[q.label].total_ms) : 'n/a', om[q.label] ? msf(om[q.label].total_ms) : 'n/a',
        d ? kb(d.bytes_query) : 'n/a', d ? kb(d.bytes_fixed) : 'n/a', d ? num(d.matches) : 'n/a',
        d ? msf(d.total_ms) : 'n/a', m ? msf(m.total_ms) : 'n/a',
      ];
    })));
    out.push('');
    const sessions = [...new Set(split.queries.filter((q) => q.session).map((q) => q.session))];
    for (const session of sessions) {
      const steps = split.queries.filter((q) => q.session === session);
      const pd = pfRows?.desktop?.typing?.[session] ?? [];
      const pm = pfRows?.mobile?.typing?.[session] ?? [];
      out.push(`Typing \`${session}\` letter by letter in one page (what each keystroke adds; files already loaded are kept):`, '');
      // "at once / complete" for a letter typed; one figure for the page opened with the first.
      const typed = (step) => (!step ? 'n/a' : Number.isFinite(step.first_ms) && Math.round(step.first_ms) !== Math.round(step.total_ms)
        ? `${msf(step.first_ms)} / ${msf(step.total_ms)}` : msf(step.total_ms));
      const typedDesk = ours?.desktop?.typing?.[session] ?? [];
      const typedMob = ours?.mobile?.typing?.[session] ?? [];
      if (ours) {
        out.push('Ours in Chromium: the first letter opens the page with it in the address (as above); each next letter is typed into the search field, '
          + 'timed from its input event to the list in the DOM: “at once / complete” = the cards already on the page narrowed to the new word '
          + '(the first card\'s highlights are the new word), then the whole first screen with its downloads (the list no longer busy).', '');
      }
      out.push(table(['keystroke', 'ours: added files', 'ours: added brotli KiB', 'ours: host CPU', 'ours: desktop', 'ours: mobile', 'Pagefind: added KiB (the first keystroke loads its fixed files)', 'Pagefind: desktop', 'Pagefind: mobile'],
        steps.map((q, i) => [`\`${q.text}\``, num(q.session_files), kb(q.session_brotli_bytes), msf(q.session_cpu_ms),
          typed(typedDesk[i]), typed(typedMob[i]),
          pd[i] ? kb(pd[i].bytes_total) : 'n/a', pd[i] ? msf(pd[i].total_ms) : 'n/a', pm[i] ? msf(pm[i].total_ms) : 'n/a'])));
      out.push('');
      const loadedDesk = ours?.desktop?.typing?.[`${session}:loaded`];
      const loadedMob = ours?.mobile?.typing?.[`${session}:loaded`];
      if (loadedDesk || loadedMob) {
        const line = (l) => (l ? `median **${l.median_ms.toFixed(1)} ms**, slowest ${l.max_ms.toFixed(1)} ms of ${l.keystrokes}` : 'n/a');
        out.push(`Ours, keystrokes whose files are all loaded (after the session, its last letter deleted and typed again, 10 times each per run): `
          + `desktop ${line(loadedDesk)}; mobile ${line(loadedMob)}.`, '');
      }
    }
  }
  return out.join('\n');
}

/** The published library page's first screen against a static page of the same cards. */
function firstScreenTable(first) {
  const rows = Object.values(first.conditions).map((c) => [
    c.title, `${msf(c.static.lcp_ms)} (FCP ${msf(c.static.fcp_ms)})`, `${msf(c.published.lcp_ms)} (FCP ${msf(c.published.fcp_ms)})`,
    `**${(c.published.lcp_ms / c.static.lcp_ms).toFixed(2)}×**`, msf(c.published.takeover_ms),
    `${c.static.cls.toFixed(3)} / ${c.published.cls.toFixed(3)}`, `${kb(c.static.bytes)} / ${kb(c.published.bytes)}`,
  ]);
  return [
    `First screen (the newest ${FIRST_SCREEN} cards), cold, ${first.runs} loads each, alternating (medians; load average ${first.load_before} before): `
      + 'the published `index.html` (first screen prerendered, the app taking over) against the same file with its scripts and preloads removed '
      + '(a static HTML page of the same cards and stylesheet), both served with brotli 11.',
    '',
    table(['condition', 'static page: LCP', 'published library: LCP', 'ratio', 'app took over', 'CLS (static / published)', 'KiB on the wire (static / published, app included)'], rows),
  ].join('\n');
}

function report() {
  const sizes = [...new Set(fs.existsSync(OUT) ? fs.readdirSync(OUT)
    .map((f) => /^(?:library|split|pagefind-build|browser|browser-ours|first-screen)-(\d+)\.json$/.exec(f)?.[1]).filter(Boolean) : [])]
    .sort((a, b) => a - b);
  const sections = sizes.map(sizeSection).filter(Boolean);
  const notes = fs.existsSync(path.join(PAGE_DIR, 'notes.md')) ? fs.readFileSync(path.join(PAGE_DIR, 'notes.md'), 'utf8').trim() : '';
  const anyBrowser = sizes.map((n) => read(`browser-${n}.json`)).find(Boolean);
  const lines = [
    MARK_START,
    '## Library search at scale: split library vs Pagefind',
    '',
    '_Written by `node bench/library-search.mjs report` from the results in target/library-search/ '
      + '(commands in bench/README.md). Figures only from those runs._',
    '',
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), shared with other builds`
      + (anyBrowser ? `; load average ${anyBrowser.load_before} before the browser runs, Chromium ${anyBrowser.chromium}, ${anyBrowser.runs} runs per query and condition (medians)` : '')
      + '. Corpus: `node scripts/gen-digests.mjs 100000 … --seed 20250617` (target/bench-publish/digests-100000). '
      + 'Mobile = CPU ×4 and Lighthouse\'s slow 4G (562.5 ms RTT, 1.44 Mbit/s); text served with brotli 11 by bench/compress-proxy.mjs.',
    '',
    ...sections.flatMap((s) => [s, '']),
    ...(notes ? [notes, ''] : []),
    MARK_END,
  ];
  return lines.join('\n');
}

function writeReport(text) {
  const file = path.resolve(process.env.BENCHMARKS ?? path.join(REPO, 'BENCHMARKS.md'));
  const current = fs.readFileSync(file, 'utf8');
  let next;
  const start = current.indexOf(MARK_START);
  const end = current.indexOf(MARK_END);
  if (start >= 0 && end > start) {
    next = current.slice(0, start) + text + current.slice(end + MARK_END.length);
  } else {
    const at = current.indexOf('\n## Publishing');
    next = at >= 0 ? `${current.slice(0, at + 1)}${text}\n\n${current.slice(at + 1)}` : `${current.trimEnd()}\n\n${text}\n`;
  }
  fs.writeFileSync(file, next);
  log('BENCHMARKS.md: library-search section written');
}

// ---------------------------------------------------------------------------------------------

const [command = 'report', size] = process.argv.slice(2);
const episodes = Number(size ?? 100000);
if (command === 'pagefind-build') await pagefindBuild(episodes);
else if (command === 'browser') await browserRun(episodes);
else if (command === 'first-screen') await firstScreenRun(episodes);
else if (command === 'report') {
  const text = report();
  if (process.env.WRITE_BENCHMARKS === '0') console.log(text);
  else writeReport(text);
} else {
  console.error('usage: node bench/library-search.mjs pagefind-build|browser|first-screen|report [episodes]');
  process.exit(2);
}
