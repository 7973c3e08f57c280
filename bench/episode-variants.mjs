// Where the published page's desktop paint time goes: variants of one published episode page, each
// with one of its parts added to or removed from the no-script baseline, loaded interleaved in
// fresh browser contexts (desktop, no throttling, brotli: the site's precompressed copies), with
// the median LCP of each and its ratio to the baseline (median, and the 90% bootstrap interval of
// the per-run ratios). bench/episode-pages.mjs gives the figures of record; this file is for
// finding out which part of the page costs what.
//
//   node bench/episode-variants.mjs [site-dir]   (default target/bench-episode-site; build it
//                                                 with bench/episode-pages.mjs first)
//
// Environment: ID (episode, default the seed), RUNS (loads of each variant, default 40), ONLY
// (variant names as printed, comma-separated; the baseline is always loaded), RAW=1 (uncompressed),
// PROXY=1 (brotli from bench/compress-proxy.mjs, compressing per request, instead).
// Only 127.0.0.1 is used. Nothing is written but a temporary folder.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';
import { LAUNCH_OPTIONS, SEED_ID } from '../tests/e2e/helpers.mjs';
import { startCompressingProxy } from './compress-proxy.mjs';
import { DESKTOP } from './emulation.mjs';
import { median, medianInterval } from './stats.mjs';
import { noScriptCopy } from './no-script.mjs';
import { writePrecompressed } from './precompressed.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SITE = path.resolve(process.cwd(), process.argv[2] ?? path.join(REPO, 'target', 'bench-episode-site'));
const ID = process.env.ID ?? SEED_ID;
const RUNS = Number(process.env.RUNS ?? 40);
const { chromium } = createRequire(path.join(REPO, 'package.json'))('playwright-core');

const page = path.join(SITE, 'episodes', ID, 'index.html');
if (!fs.existsSync(page)) throw new Error(`${page} is missing: run node bench/episode-pages.mjs first (it builds the site)`);
const html = fs.readFileSync(page, 'utf8');
const site = (file) => fs.readFileSync(path.join(SITE, file), 'utf8');
const { html: noScripts, removed } = noScriptCopy(html);
const tag = (found, what) => {
  if (!found) throw new Error(`the published page has no ${what}`);
  return `${found}\n`;
};
const readerTag = tag(removed.find((t) => /\breader-/.test(t)), 'reader.js tag');
const bootTag = tag(removed.find((t) => /published-boot-/.test(t)), 'loader tag');
const cssTag = tag(html.match(/<link rel="stylesheet"[^>]*>/)?.[0], 'stylesheet');
const readerFile = readerTag.match(/reader-[0-9a-f]+\.js/)[0];
const cssFile = cssTag.match(/main-[0-9a-f]+\.css/)[0];

// Files the variants add, at the site's root (the pages are two folders down).
const extra = {
  'empty.js': '\n',
  'empty.css': '\n',
  'storage-only.js': "try { localStorage.getItem('digest-reader:theme'); } catch {}\n",
  'reader-without-storage.js': site(readerFile).replace(/localStorage\.getItem\([^)]*\)\)/g, 'null)'),
  'css-without-icon-mask.css': site(cssFile).replace(/(-webkit-)?mask:url\("data:[^"]*"\)[^;}]*;?/g, ''),
  // As the page was before the controls showed by default: hidden until a script revealed them.
  'css-without-controls.css': `${site(cssFile)}\n.display-menu,.guide-actions,.copy-link{display:none}\n`,
};
const script = (file) => `<script src="../../${file}"></script>\n`;
const css = (file) => `<link rel="stylesheet" href="../../${file}">\n`;
const variants = {
  baseline: noScripts,
  published: html,
  'empty blocking script': noScripts.replace(cssTag, cssTag + script('empty.js')),
  'empty second stylesheet': noScripts.replace(cssTag, cssTag + css('empty.css')),
  'loader only': noScripts.replace(cssTag, cssTag + bootTag),
  'reader.js only': noScripts.replace(cssTag, cssTag + readerTag),
  'reader.js not render-blocking + the loader': html.replace(readerTag, readerTag.replace(' blocking="render"', '')),
  'reader.js async render-blocking + the loader': html.replace(readerTag, readerTag.replace('defer ', 'async ')),
  'reader.js without localStorage + the loader': html.replace(readerTag, script('reader-without-storage.js')),
  'a script that reads localStorage': noScripts.replace(cssTag, cssTag + script('storage-only.js')),
  'no script: the controls hidden': noScripts.replace(cssTag, css('css-without-controls.css')),
  'no script: without the copy-link icon mask': noScripts.replace(cssTag, css('css-without-icon-mask.css')),
};
for (const [name, variant] of Object.entries(variants)) {
  if (!['baseline', 'published'].includes(name) && (variant === html || variant === noScripts)) {
    throw new Error(`variant "${name}" is the page itself: the published page's markup changed`);
  }
}
const only = process.env.ONLY?.split(/\s*,\s*/).filter(Boolean);
const unknown = only?.filter((name) => !(name in variants)) ?? [];
if (unknown.length) throw new Error(`ONLY names no variant: ${unknown.join('; ')} (they are: ${Object.keys(variants).join('; ')})`);
const names = Object.keys(variants).filter((name) => name === 'baseline' || !only || only.includes(name));

const overlay = fs.mkdtempSync(path.join(os.tmpdir(), 'episode-variants-'));
fs.mkdirSync(path.join(overlay, 'episodes', ID), { recursive: true });
for (const [file, text] of Object.entries(extra)) writePrecompressed(path.join(overlay, file), text);
const fileOf = (name) => `variant-${names.indexOf(name)}.html`;
for (const name of names) writePrecompressed(path.join(overlay, 'episodes', ID, fileOf(name)), variants[name]);

const server = await startServer({ root: SITE, overlays: [overlay] });
const precompressed = await startServer({ root: SITE, overlays: [overlay], precompressed: true });
const proxy = process.env.PROXY ? await startCompressingProxy(server.url) : null;
const base = process.env.RAW ? server.url : proxy?.url ?? precompressed.url;
const browser = await chromium.launch({ ...LAUNCH_OPTIONS, executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });

async function lcpOf(name) {
  const context = await browser.newContext(DESKTOP);
  try {
    const tab = await context.newPage();
    await tab.addInitScript(() => {
      window.__lcp = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__lcp.push(e.startTime)))
        .observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await tab.goto(`${base}episodes/${ID}/${fileOf(name)}`, { waitUntil: 'load' });
    await tab.waitForTimeout(400);
    return await tab.evaluate(() => window.__lcp.at(-1));
  } finally {
    await context.close();
  }
}

const lcp = Object.fromEntries(names.map((name) => [name, []]));
try {
  for (const name of names) await lcpOf(name); // warm-up (with PROXY=1 it compresses each file once)
  for (let i = 0; i < RUNS; i++) {
    for (const name of names.map((_, k) => names[(k + i) % names.length])) lcp[name].push(await lcpOf(name));
    process.stderr.write(`\r${i + 1}/${RUNS} rounds, load average ${os.loadavg()[0].toFixed(1)}  `);
  }
} finally {
  await browser.close();
  await proxy?.close();
  await precompressed.close();
  await server.close();
  fs.rmSync(overlay, { recursive: true, force: true });
}
process.stderr.write('\n');
console.log(`${ID}, desktop, ${process.env.RAW ? 'uncompressed' : process.env.PROXY ? 'brotli from the proxy' : 'brotli'}, ${RUNS} loads of each, LCP median (ms) and ÷ baseline`);
for (const name of names) {
  const ratios = lcp[name].map((t, i) => t / lcp.baseline[i]);
  const [low, high] = medianInterval(ratios);
  console.log(`${median(lcp[name]).toFixed(0).padStart(5)} ms  ${(median(lcp[name]) / median(lcp.baseline)).toFixed(2)}×`
    + `  paired ${median(ratios).toFixed(2)}× (90% ${low.toFixed(2)}–${high.toFixed(2)})  ${name}`);
}
