// Trust (issue 13, item 4): every digest is visibly labelled AI-written, naming the model or tool
// and the date where the digest says; with site.json's report_url, "Report a problem" on the
// episode and on each section carries the episode's URL, its id and the section.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bothPages, normalize, openEpisode, readJson, setupSite, waitForEpisode, REPO } from './helpers.mjs';
import path from 'node:path';

const ctx = setupSite();
const ID = 'small-models-big-bets';
const DIGEST = readJson(path.join(REPO, 'public', 'digests', `${ID}.json`));
/** What scripts/test.sh (and a publisher) sets as base_url. */
const BASE_URL = 'https://example.org/reader/';

/** The episode's report links: the header's first, then one per section. */
async function reportLinks(page) {
  const header = await page.locator('.episode-header a.report-link').getAttribute('href');
  const sections = await page.locator('section.section > .section-report a.report-link').evaluateAll((links) =>
    links.map((link) => ({ href: link.getAttribute('href'), name: link.textContent })));
  return { header, sections };
}

test('the label names who wrote the digest and when, in the app and on the published page', async (t) => {
  const page = await ctx.newPage(t);
  for (const [, url] of bothPages(ctx, ID)) {
    await openEpisode(page, url);
    const label = page.locator('.episode-header .episode-provenance');
    assert.ok(await label.isVisible(), url);
    assert.match(normalize(await label.innerText()), new RegExp(`^AI-written by ${DIGEST.generated.by.replace(/[()]/g, '\\$&')} on Jun 17, 2025`));
    assert.equal(await label.locator('time').getAttribute('datetime'), DIGEST.generated.at);
  }
});

test('"Report a problem" carries the episode URL, id and section', async (t) => {
  const page = await ctx.newPage(t);
  const site = await (await fetch(new URL('site.json', ctx.base))).json();
  assert.ok(site.report_url, 'the published site.json has report_url');
  const expect = (pageUrl, links) => {
    const header = new URL(links.header);
    assert.equal(`${header.origin}${header.pathname}`, site.report_url);
    assert.equal(header.searchParams.get('episode'), ID);
    assert.equal(header.searchParams.get('url'), pageUrl);
    assert.equal(header.searchParams.get('section'), null);
    assert.equal(links.sections.length, DIGEST.sections.length);
    links.sections.forEach((link, index) => {
      const params = new URL(link.href).searchParams;
      assert.equal(params.get('section'), String(index + 1));
      assert.equal(params.get('url'), pageUrl);
      assert.equal(normalize(link.name), `Report a problem in section ${index + 1}`);
    });
  };
  // A published page: its canonical address, the same in its HTML and after the take-over; and
  // the app's own page of the episode names that address too (the site has base_url).
  const canonical = `${BASE_URL}episodes/${ID}/`;
  await page.goto(`${ctx.base}episodes/${ID}/`);
  await page.waitForFunction(() => performance.getEntriesByName('digest:interactive').length > 0);
  expect(canonical, await reportLinks(page));
  await page.goto(`${ctx.base}?episode=${ID}#section-2`);
  await waitForEpisode(page);
  expect(canonical, await reportLinks(page));
  // Without base_url the app names the page the reader is on (without its fragment).
  await page.route('**/site.json', (route) => route.fulfill({ json: { ...site, base_url: undefined } }));
  await page.reload();
  await waitForEpisode(page);
  expect(`${ctx.base}?episode=${ID}`, await reportLinks(page));
});
