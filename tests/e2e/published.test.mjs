// A site written by `bash scripts/publish.sh` (the bundled samples plus generated digests, as
// scripts/test.sh builds it into SITE_DIR), served under /reader/ by the plain static server:
// the library from the built index, episode pages at their canonical URLs, what crawlers and
// link previews read without JavaScript, the oEmbed iframe, feeds and the sitemap.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { LAUNCH_OPTIONS, REPO, SEED_ID, SEED_TITLE, UI_TIMEOUT, normalize } from './helpers.mjs';

const SITE = process.env.SITE_DIR ? path.resolve(REPO, process.env.SITE_DIR) : '';
const BASE_URL = 'https://example.org/reader/';
let server;
let browser;

before(async () => {
  assert.ok(
    SITE && fs.existsSync(path.join(SITE, 'episodes')),
    'SITE_DIR must name a published site: run bash scripts/test.sh, or bash scripts/publish.sh first',
  );
  server = await startServer({ root: SITE });
  browser = await chromium.launch(LAUNCH_OPTIONS);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(t) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors.filter((text) => /panicked/i.test(text)), [], 'the app panicked');
  });
  return page;
}

async function get(rel) {
  const response = await fetch(new URL(rel, server.url));
  assert.equal(response.status, 200, `GET ${rel}`);
  return response;
}

test('the library lists every published digest, newest first, from the index the command built', async (t) => {
  const index = await (await get('digests/index.json')).json();
  assert.equal(index.format, 'digest-index/v1');
  const onDisk = fs.readdirSync(path.join(SITE, 'episodes')).length;
  assert.equal(index.episodes.length, onDisk, 'one entry per episode folder');
  assert.ok(index.episodes.length >= 1000, `a large library: ${index.episodes.length}`);
  const times = index.episodes.map((entry) => Date.parse(entry.published));
  assert.ok(times.every((time, i) => i === 0 || times[i - 1] >= time), 'newest first');
  const page = await newPage(t);
  await page.goto(server.url);
  const first = page.locator('ol.episode-list li.episode-card h2.card-title a').first();
  await first.waitFor();
  assert.equal(normalize(await first.innerText()), normalize(index.episodes[0].title));
  const count = normalize(await page.locator('.library-count').innerText());
  assert.equal(count, `${index.episodes.length.toLocaleString('en-US')} episodes`);
  await page.locator('input[type="search"]').fill('DeepSeek stole');
  await page.getByRole('link', { name: SEED_TITLE }).click();
  await page.locator('article.episode h1').waitFor();
  assert.equal(normalize(await page.locator('h1').innerText()), SEED_TITLE);
});

test('an episode page carries its title, description, Open Graph and JSON-LD for clients without JavaScript', async () => {
  const html = await (await get(`episodes/${SEED_ID}/`)).text();
  const canonical = `${BASE_URL}episodes/${SEED_ID}/`;
  assert.match(html, new RegExp(`<title>${SEED_TITLE.replace(/\./g, '\\.')} \\| Digestly</title>`));
  assert.match(html, /<meta name="description" content="OpenAI is accusing Deep Seek of intellectual property theft/);
  assert.ok(html.includes(`<link rel="canonical" href="${canonical}">`));
  assert.ok(html.includes(`<meta property="og:url" content="${canonical}">`));
  assert.ok(html.includes('<meta property="og:type" content="article">'));
  assert.ok(html.includes('<meta name="twitter:card" content="summary">'));
  const ld = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)[1]);
  assert.equal(ld['@type'], 'Article');
  assert.equal(ld.headline, SEED_TITLE);
  assert.equal(ld.isBasedOn['@type'], 'VideoObject');
  assert.match(html, /<h1 dir="auto" class="episode-title">DeepSeek stole our tech\.\.\. says OpenAI<\/h1>/);
});

test('an episode page is the episode, at its own URL, taken over by the app', async (t) => {
  const page = await newPage(t);
  const url = new URL(`episodes/${SEED_ID}/`, server.url).href;
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('digest:interactive').length > 0);
  assert.equal(normalize(await page.locator('h1').innerText()), SEED_TITLE);
  assert.equal(page.url(), url, 'no redirect');
  assert.equal(await page.title(), `${SEED_TITLE} | Digestly`);
  // Its links lead into the site: the library, and a neighbour's page.
  assert.equal(await page.locator('a.back-to-library').evaluate((a) => a.href), server.url);
  const neighbour = await page.locator('.episode-nav-neighbours a').first().evaluate((a) => a.href);
  assert.match(neighbour, /\/reader\/episodes\/[a-z0-9-]+\/$/);
  assert.equal((await fetch(neighbour)).status, 200, neighbour);
});

test('the oEmbed answer embeds the compact view in an iframe', async (t) => {
  const oembed = await (await get(`episodes/${SEED_ID}/oembed.json`)).json();
  assert.equal(oembed.type, 'rich');
  assert.equal(oembed.version, '1.0');
  const src = oembed.html.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.ok(src.startsWith(BASE_URL), src);
  const local = new URL(src.slice(BASE_URL.length), server.url).href;
  const page = await newPage(t);
  await page.goto(local);
  await page.locator('article.episode h1').waitFor();
  assert.equal(await page.locator('.site-header').count(), 0, 'no site chrome in the compact view');
});

test('Markdown, chapters, feeds, sitemap and robots.txt are served beside the pages', async () => {
  const markdown = await (await get(`episodes/${SEED_ID}/index.md`)).text();
  assert.ok(markdown.startsWith(`---\nid: "${SEED_ID}"\n`));
  assert.ok(markdown.includes(`# ${SEED_TITLE.replace(/\./g, '.')}`));
  const chapters = await (await get(`episodes/${SEED_ID}/chapters.json`)).json();
  assert.equal(chapters.version, '1.2.0');
  const rss = await (await get('feed.xml')).text();
  assert.ok(rss.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"'));
  assert.equal(rss.match(/<item>/g).length, 50, 'the newest 50');
  const feed = await (await get('feed.json')).json();
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  const sitemap = await (await get('sitemap.xml')).text();
  const index = await (await get('digests/index.json')).json();
  // Past 50,000 URLs (the sitemaps protocol's limit per file) it is an index of parts.
  const parts = [...sitemap.matchAll(/<loc>https:\/\/example\.org\/reader\/(sitemap-\d+\.xml)<\/loc>/g)].map((m) => m[1]);
  assert.equal(parts.length > 0, index.episodes.length + 1 > 50_000, `sitemap index: ${parts.length} parts`);
  let urls = parts.length ? 0 : sitemap.match(/<url>/g).length;
  for (const part of parts) {
    const text = await (await get(part)).text();
    const count = text.match(/<url>/g).length;
    assert.ok(count <= 50_000, `${part}: ${count} URLs`);
    urls += count;
  }
  assert.equal(urls, index.episodes.length + 1);
  assert.match(await (await get('robots.txt')).text(), /^Sitemap: https:\/\/example\.org\/reader\/sitemap\.xml$/m);
  for (const rel of ['digests/index.json', `episodes/${SEED_ID}/index.html`, 'feed.xml', 'sitemap.xml']) {
    assert.ok(fs.existsSync(path.join(SITE, `${rel}.br`)) && fs.existsSync(path.join(SITE, `${rel}.gz`)), `${rel} precompressed`);
  }
});
