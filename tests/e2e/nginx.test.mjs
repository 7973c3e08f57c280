// The README's nginx recipe in REAL nginx (Debian's /usr/sbin/nginx): the block is copied out of
// README.md at run time, so the recipe and this test cannot drift apart.
//
// The convention: README.md has exactly one ```nginx block. It holds the `location`s of one site
// (they go inside the user's `server { }`) and serves the placeholder folder `/srv/reader/` at
// `/reader/`. The test replaces `/srv/reader/` with the folder under test and puts the block,
// otherwise verbatim, inside `server { listen 127.0.0.1:<free port>; }` in an `http { }` that
// includes mime.types (a copy of Debian's /etc/nginx/mime.types), as Debian's nginx.conf does; see
// tests/e2e/nginx.mjs. The one other change, in the brotli test only: `# brotli_static on;` is
// uncommented and Debian's ngx_brotli module loaded (if libnginx-mod-http-brotli-static is installed).
//
// The folder under test: SITE_DIR (a published site: the build plus episode pages and feeds) if set,
// else the build (DIST, default dist/). Files only a published site has (episodes/, sitemap.xml,
// feed.xml, feed.json, robots.txt) are checked when they exist and reported as skipped otherwise.
//
// nginx missing is a failure, not a skip: `bash scripts/setup.sh --browser` installs it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { OPEN, CLOSED, subsectionState, toggleOf } from './subsection-helpers.mjs';
import {
  DIST, REPO, LAUNCH_OPTIONS, UI_TIMEOUT, SEED_ID, SEED_TITLE, normalize, readJson, waitForEpisode, waitForLibrary,
} from './helpers.mjs';
import {
  assertNginxInstalled, readmeNginxBlock, startNginx, get, BROTLI_MODULE,
} from './nginx.mjs';

const SITE = process.env.SITE_DIR ? path.resolve(REPO, process.env.SITE_DIR) : DIST;
const README = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
/** The policy of the README's "Content-Security-Policy" section: the one every recipe must send. */
const CSP = /^Content-Security-Policy: (.+)$/m.exec(README)?.[1];

const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASHED = /-[0-9a-f]{16}(_bg\.wasm|\.js|\.css)$/;

let nginx;
let base = '';
let hostServer;
let browser;

before(async () => {
  assertNginxInstalled();
  assert.ok(CSP, 'README.md has the recommended "Content-Security-Policy: …" header line');
  assert.ok(
    fs.existsSync(path.join(SITE, 'index.html')),
    `${SITE}/index.html is missing: build the app (trunk build --release --offline) or set SITE_DIR`,
  );
  nginx = await startNginx({ block: readmeNginxBlock(README), root: SITE });
  base = `${nginx.origin}/reader/`;
  // The embed's host page: another origin (another port), a plain static server.
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reader-nginx-host-'));
  fs.writeFileSync(path.join(hostDir, 'embed.html'), [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Host page</title>',
    `<script type="module" src="${base}embed.js"></script>`,
    '</head><body><h1>The host</h1>',
    `<div id="embed" data-digest="${base}digests/${SEED_ID}.json"></div>`,
    '</body></html>',
    '',
  ].join('\n'));
  hostServer = await startServer({ root: hostDir, prefix: '/host/' });
  hostServer.dir = hostDir;
  browser = await chromium.launch(LAUNCH_OPTIONS);
});

after(async () => {
  await browser?.close();
  await hostServer?.close();
  if (hostServer?.dir) fs.rmSync(hostServer.dir, { recursive: true, force: true });
  await nginx?.stop();
});

/**
 * A page in a fresh context. As helpers.mjs's newPage: fails the test if the app panicked or threw.
 * Also collects CSP violations (securitypolicyviolation events and console reports) on `page.violations`.
 */
async function newPage(t) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  context.setDefaultTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  page.consoleErrors = [];
  page.pageErrors = [];
  page.violations = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.consoleErrors.push(message.text());
    if (/Content.Security.Policy|Refused to/i.test(message.text())) page.violations.push(message.text());
  });
  page.on('pageerror', (error) => page.pageErrors.push(String(error?.stack ?? error)));
  await page.exposeFunction('__cspViolation', (text) => page.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolation(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  t.after(async () => {
    await context.close().catch(() => {});
    const panics = [...page.consoleErrors, ...page.pageErrors].filter((text) => /panicked/i.test(text));
    assert.deepEqual(panics, [], 'the wasm app panicked');
    assert.deepEqual(page.pageErrors, [], 'uncaught errors in the page');
  });
  return page;
}

const siteFile = (rel) => path.join(SITE, rel);
const digestOf = (id) => readJson(siteFile(`digests/${id}.json`));

/** The first subsection in page order, as `{ id: 'section-N-M', locked }`. */
function firstSubsection(digest) {
  for (const [i, section] of digest.sections.entries()) {
    const [sub] = section.subsections ?? [];
    if (sub) return { id: `section-${i + 1}-1`, locked: Boolean(sub.locked) };
  }
  return null;
}

/** The hashed assets at the top of the served folder (`*-<16 hex>.js`, `…_bg.wasm`, `….css`). */
function hashedAssets() {
  return fs.readdirSync(SITE).filter((name) => HASHED.test(name)).sort();
}

/** Asserts the headers every response of the reader gets: the strict CSP and CORS for embeds. */
function assertCommonHeaders(response, what) {
  assert.equal(response.headers['content-security-policy'], CSP, `${what}: Content-Security-Policy`);
  assert.equal(response.headers['access-control-allow-origin'], '*', `${what}: Access-Control-Allow-Origin`);
}

/** Asserts a `Vary` header that names Accept-Encoding. */
function assertVary(response, what) {
  assert.match(response.headers.vary ?? '', /(^|,\s*)Accept-Encoding(\s*,|$)/i, `${what}: Vary (${response.headers.vary})`);
}

// ---------------------------------------------------------------------------------------------

test("the README's nginx block passes `nginx -t` without a warning", () => {
  // startNginx() already failed on any error or warning; this shows what nginx said.
  assert.match(nginx.configTest, /syntax is ok/);
  assert.match(nginx.configTest, /test is successful/);
});

test('the seed episode renders through nginx under the strict CSP: one h1, its sections, a subsection opens', async (t) => {
  const digest = digestOf(SEED_ID);
  const page = await newPage(t);
  const response = await page.goto(`${base}?episode=${SEED_ID}`);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /^text\/html\b/);
  assert.equal(response.headers()['content-security-policy'], CSP, 'the policy is really sent');
  await waitForEpisode(page);

  assert.equal(await page.locator('h1').count(), 1, 'the title is the only h1');
  assert.equal(normalize(await page.locator('h1').innerText()), SEED_TITLE);
  const sections = (await page.locator('section.details section.section h3 .section-text').allInnerTexts()).map(normalize);
  assert.deepEqual(sections, digest.sections.map((section) => normalize(section.title)));
  // The stylesheet applied (a blocked style-src would leave the browser's default serif font).
  assert.doesNotMatch(await page.locator('h1').evaluate((h1) => getComputedStyle(h1).fontFamily), /^"?Times/);

  // A subsection opens by click: its points, or (the seed's are locked) the upgrade prompt.
  const sub = firstSubsection(digest);
  assert.ok(sub, 'the seed episode has subsections');
  assert.deepEqual(await subsectionState(page, sub.id), CLOSED);
  await toggleOf(page, sub.id).click();
  assert.deepEqual(await subsectionState(page, sub.id), OPEN);
  await page.locator(`#${sub.id}-body ${sub.locked ? '.upgrade-prompt' : 'li.point'}`).first().waitFor({ state: 'visible' });

  await page.waitForTimeout(300);
  assert.deepEqual(page.violations, [], 'CSP violations');
});

test('the library at /reader/ lists the newest episodes and finds the seed, with no CSP violation', async (t) => {
  const index = readJson(siteFile('digests/index.json'));
  const page = await newPage(t);
  const response = await page.goto(base);
  assert.equal(response.headers()['content-security-policy'], CSP);
  await waitForLibrary(page);
  const titles = (await page.locator('ol.episode-list > li.episode-card h2.card-title a').allInnerTexts()).map(normalize);
  // The first screen: the newest episodes, in the index's order (a published index is newest first).
  assert.equal(titles.length, Math.min(index.episodes.length, 30));
  assert.deepEqual(titles, index.episodes.slice(0, titles.length).map((episode) => normalize(episode.title)));
  await page.locator('#library-search').fill(SEED_TITLE);
  await page.getByRole('link', { name: SEED_TITLE }).waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(page.violations, [], 'CSP violations');
});

test('/reader?episode=… (no slash) redirects to /reader/?episode=…, and the episode renders', async (t) => {
  const raw = await get(`${nginx.origin}/reader?episode=${SEED_ID}`);
  assert.equal(raw.status, 301);
  assert.equal(new URL(raw.headers.location, nginx.origin).href, `${base}?episode=${SEED_ID}`);
  const bare = await get(`${nginx.origin}/reader`);
  assert.equal(bare.status, 301);
  assert.equal(new URL(bare.headers.location, nginx.origin).href, base, 'no stray "?" without a query');

  const page = await newPage(t);
  await page.goto(`${nginx.origin}/reader?episode=${SEED_ID}`);
  assert.equal(page.url(), `${base}?episode=${SEED_ID}`);
  await waitForEpisode(page);
  assert.equal(normalize(await page.locator('h1').innerText()), SEED_TITLE);
  assert.deepEqual(page.violations, [], 'CSP violations');
});

test('a script embed on another origin shows the episode from nginx in a shadow root', async (t) => {
  const digest = digestOf(SEED_ID);
  const page = await newPage(t);
  const hostUrl = `${hostServer.url}embed.html`;
  assert.notEqual(new URL(hostUrl).origin, nginx.origin, 'the host page is of another origin');
  await page.goto(hostUrl);
  await page.locator('#embed main[aria-busy="false"] article.episode h1.episode-title').waitFor({ state: 'visible' });
  const shown = await page.locator('#embed').evaluate((element) => {
    const root = element.shadowRoot;
    const text = (el) => el.textContent.replace(/\s+/g, ' ').trim();
    return {
      shadow: Boolean(root),
      h1s: root ? [...root.querySelectorAll('h1')].map(text) : [],
      sections: root ? [...root.querySelectorAll('.details .section .section-text')].map(text) : [],
      alerts: root ? root.querySelectorAll('[role="alert"]').length : -1,
    };
  });
  assert.deepEqual(shown, {
    shadow: true,
    h1s: [SEED_TITLE],
    sections: digest.sections.map((section) => normalize(section.title)),
    alerts: 0,
  });
});

test('index.html: text/html, no-cache, the CSP, CORS and Vary', async () => {
  for (const rel of ['', 'index.html']) {
    const response = await get(base + rel);
    assert.equal(response.status, 200, `/reader/${rel}`);
    assert.match(response.headers['content-type'], /^text\/html\b/, `/reader/${rel}`);
    assert.equal(response.headers['cache-control'], 'no-cache', `/reader/${rel}`);
    assert.equal(response.headers['content-encoding'], undefined);
    assert.deepEqual(response.body, fs.readFileSync(siteFile('index.html')));
    assertCommonHeaders(response, `/reader/${rel}`);
    assertVary(response, `/reader/${rel}`);
  }
});

test('hashed assets (the nested location): immutable, their types, and still the CSP, CORS and Vary', async () => {
  const assets = hashedAssets();
  // The app's wasm, and the smaller one that takes over published episode pages.
  assert.equal(assets.filter((name) => name.startsWith('digest-reader-') && name.endsWith('_bg.wasm')).length, 1, `the app's wasm in ${assets}`);
  assert.ok(assets.some((name) => name.endsWith('.js')), `hashed scripts in ${assets}`);
  assert.ok(assets.some((name) => name.endsWith('.css')), `a hashed stylesheet in ${assets}`);
  for (const name of assets) {
    const response = await get(base + name);
    assert.equal(response.status, 200, name);
    assert.equal(response.headers['cache-control'], IMMUTABLE, `${name}: Cache-Control`);
    const type = name.endsWith('.wasm') ? /^application\/wasm$/ : name.endsWith('.js') ? /^(application|text)\/javascript\b/ : /^text\/css\b/;
    assert.match(response.headers['content-type'], type, `${name}: Content-Type`);
    assertCommonHeaders(response, name);
    assertVary(response, name);
  }
});

test('embed.js, site.json and the digests: no-cache, their types, CORS for embeds, the CSP', async () => {
  const all = fs.readdirSync(siteFile('digests')).filter((name) => name.endsWith('.json')).sort();
  assert.ok(all.includes('index.json') && all.includes(`${SEED_ID}.json`), `digests/: ${all.length} files`);
  // A published site has up to 100,000 here: the samples and index.json, and every 500th other.
  const samples = new Set(fs.readdirSync(path.join(REPO, 'public', 'digests')));
  const digests = all.filter((name, i) => samples.has(name) || i % 500 === 0);
  const files = ['embed.js', 'site.json', ...digests.map((name) => `digests/${name}`)];
  for (const rel of files) {
    const response = await get(base + rel);
    assert.equal(response.status, 200, rel);
    assert.equal(response.headers['cache-control'], 'no-cache', `${rel}: Cache-Control`);
    const type = rel.endsWith('.js') ? /^(application|text)\/javascript\b/ : /^application\/json\b/;
    assert.match(response.headers['content-type'], type, `${rel}: Content-Type`);
    assertCommonHeaders(response, rel);
  }
});

test('with Accept-Encoding: gzip, nginx sends the precompressed .gz copy (Content-Encoding: gzip, Vary)', async () => {
  const wasm = hashedAssets().find((name) => name.startsWith('digest-reader-') && name.endsWith('_bg.wasm'));
  const css = hashedAssets().find((name) => name.endsWith('.css'));
  for (const rel of ['index.html', wasm, css, 'embed.js', 'site.json', `digests/${SEED_ID}.json`]) {
    assert.ok(fs.existsSync(siteFile(`${rel}.gz`)), `the build wrote ${rel}.gz`);
    const gzip = await get(base + rel, { 'Accept-Encoding': 'gzip' });
    assert.equal(gzip.status, 200, rel);
    assert.equal(gzip.headers['content-encoding'], 'gzip', `${rel}: Content-Encoding`);
    assert.ok(gzip.body.equals(fs.readFileSync(siteFile(`${rel}.gz`))), `${rel}: the body is the .gz file itself`);
    assertVary(gzip, `${rel} (gzip)`);
    const plain = await get(base + rel);
    assert.equal(plain.headers['content-encoding'], undefined, `${rel} without Accept-Encoding`);
    assert.ok(plain.body.equals(fs.readFileSync(siteFile(rel))), `${rel}: the plain body`);
    assertVary(plain, `${rel} (identity)`);
  }
});

test('with ngx_brotli, the uncommented `brotli_static on;` serves the .br copies', async (t) => {
  if (!fs.existsSync(BROTLI_MODULE)) {
    t.skip(`${BROTLI_MODULE} is not installed (Debian: apt-get install libnginx-mod-http-brotli-static)`);
    return;
  }
  const block = readmeNginxBlock(README);
  const commented = /^([ \t]*)#[ \t]*(brotli_static on;)/m;
  assert.match(block, commented, 'the README block has a commented `# brotli_static on;`');
  const brotli = await startNginx({ block: block.replace(commented, '$1$2'), root: SITE, modules: [BROTLI_MODULE] });
  t.after(() => brotli.stop());
  const wasm = hashedAssets().find((name) => name.startsWith('digest-reader-') && name.endsWith('_bg.wasm'));
  for (const rel of ['index.html', wasm, `digests/${SEED_ID}.json`]) {
    const response = await get(`${brotli.origin}/reader/${rel}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(response.headers['content-encoding'], 'br', `${rel}: brotli before gzip`);
    assert.ok(response.body.equals(fs.readFileSync(siteFile(`${rel}.br`))), `${rel}: the body is the .br file itself`);
    assertVary(response, rel);
    assertCommonHeaders(response, rel);
  }
});

test('a missing file is a 404 that embeds can read (CORS) and still has the CSP', async () => {
  const response = await get(`${base}digests/no-such-episode.json`);
  assert.equal(response.status, 404);
  assertCommonHeaders(response, 'the 404');
});

// Files only a published site has (SITE_DIR); the build in dist/ does not.
test('published pages and feeds: types, no-cache, the CSP and CORS', async (t) => {
  const episodesDir = siteFile('episodes');
  const ids = fs.existsSync(episodesDir)
    ? fs.readdirSync(episodesDir).filter((name) => fs.statSync(path.join(episodesDir, name)).isDirectory()).sort()
    : [];
  await t.test('episodes/<id>/ pages', async (st) => {
    if (ids.length === 0) return st.skip(`${episodesDir} has no episode pages (not a published site)`);
    const id = ids.includes(SEED_ID) ? SEED_ID : ids[0];
    const page = await get(`${base}episodes/${id}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'], /^text\/html\b/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    assertCommonHeaders(page, `episodes/${id}/`);
    const noSlash = await get(`${base}episodes/${id}`);
    assert.equal(noSlash.status, 301, `episodes/${id} (no slash)`);
    assert.equal(new URL(noSlash.headers.location, nginx.origin).href, `${base}episodes/${id}/`);
    const types = { 'index.md': /^text\/markdown; charset=utf-8$/, 'oembed.json': /^application\/json\b/, 'chapters.json': /^application\/json\b/ };
    assert.ok(fs.existsSync(path.join(episodesDir, id, 'index.md')), `episodes/${id}/index.md`);
    for (const [name, type] of Object.entries(types)) {
      if (!fs.existsSync(path.join(episodesDir, id, name))) continue;
      const response = await get(`${base}episodes/${id}/${name}`);
      assert.equal(response.status, 200, name);
      assert.match(response.headers['content-type'], type, `${name}: Content-Type`);
      assert.equal(response.headers['cache-control'], 'no-cache', `${name}: Cache-Control`);
      assertCommonHeaders(response, `episodes/${id}/${name}`);
    }
  });
  const feeds = {
    'sitemap.xml': /^(text|application)\/xml\b/,
    'feed.xml': /^(text|application)\/(rss\+)?xml\b/,
    'feed.json': /^application\/(feed\+)?json\b/,
    'robots.txt': /^text\/plain\b/,
  };
  for (const [rel, type] of Object.entries(feeds)) {
    await t.test(rel, async (st) => {
      if (!fs.existsSync(siteFile(rel))) return st.skip(`${siteFile(rel)} does not exist (not a published site)`);
      const response = await get(base + rel);
      assert.equal(response.status, 200);
      assert.match(response.headers['content-type'], type, `${rel}: Content-Type`);
      assert.equal(response.headers['cache-control'], 'no-cache', `${rel}: Cache-Control`);
      assertCommonHeaders(response, rel);
    });
  }
});
