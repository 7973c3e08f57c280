// Sharing and exporting (issue 13, item 3), in the app and on a published page: the copy-link
// button of every section and subsection puts its URL on the clipboard (or in the system's share
// sheet where the browser has the Web Share API) and a polite live region says so; "Copy as
// Markdown" and "Download Markdown" give exactly the published index.md (one export, from
// src/export.rs); printed, every subsection is open, the chrome is gone and links show their URL.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { assertEventually, bothPages, openEpisode, readJson, setupSite, REPO } from './helpers.mjs';

const ctx = setupSite();
const ID = 'small-models-big-bets';
const DIGEST = readJson(path.join(REPO, 'public', 'digests', `${ID}.json`));
const pages = () => bothPages(ctx, ID);
const open = openEpisode;

async function clipboardPage(t) {
  const page = await ctx.newPage(t);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ctx.base).origin });
  return page;
}

const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());
const status = (page) => page.locator('.guide-status[role="status"]').innerText();

test('every section and subsection heading copies its link, and a live region says so', async (t) => {
  const page = await clipboardPage(t);
  for (const [where, url] of pages()) {
    await open(page, url);
    // One button per section (in its heading) and per subsection (atop its body).
    const subsections = DIGEST.sections.reduce((n, s) => n + (s.subsections?.length ?? 0), 0);
    assert.equal(await page.locator('section.section > h3 > .copy-link').count(), DIGEST.sections.length, where);
    assert.equal(await page.locator('details.subsection > .subsection-body > .copy-link').count(), subsections, where);
    // Each is named after its heading, as a list of the page's buttons reads them.
    const ids = await page.locator('section.section > h3 > .copy-link').evaluateAll((buttons) => buttons.map((b) => b.id));
    assert.deepEqual(ids, DIGEST.sections.map((_, index) => `section-${index + 1}-copy`), where);
    const title = DIGEST.sections[1].title;
    await page.getByRole('button', { name: `Copy link to ${title}`, exact: true }).click();
    await assertEventually(() => clipboard(page), `${url}#section-2`, `${where}: section 2`);
    await assertEventually(() => status(page), 'Link copied', where);
    // A subsection's, once it is open (by keyboard: the button is a tab stop in its body).
    const sub = DIGEST.sections.findIndex((s) => s.subsections?.length) + 1;
    await page.locator(`#section-${sub}-1 > summary`).click();
    const subTitle = DIGEST.sections[sub - 1].subsections[0].title;
    assert.equal(await page.locator(`#section-${sub}-1 .copy-link`).getAttribute('id'), `section-${sub}-1-copy`);
    await page.getByRole('button', { name: `Copy link to ${subTitle}`, exact: true }).focus();
    await page.keyboard.press('Enter');
    await assertEventually(() => clipboard(page), `${url}#section-${sub}-1`, `${where}: subsection ${sub}.1`);
  }
});

test('where the browser has the Web Share API, the link goes to the share sheet', async (t) => {
  const page = await clipboardPage(t);
  await page.addInitScript(() => {
    navigator.share = (data) => {
      window.shared = data;
      return Promise.resolve();
    };
  });
  for (const [where, url] of pages()) {
    await open(page, url);
    await page.evaluate(() => navigator.clipboard.writeText('untouched'));
    await page.locator('#section-3 > h3 .copy-link').click();
    assert.deepEqual(await page.evaluate(() => window.shared), { url: `${url}#section-3` }, where);
    assert.equal(await clipboard(page), 'untouched', `${where}: not copied as well`);
  }
});

test('"Copy as Markdown" and "Download Markdown" give the published index.md, every field of it', async (t) => {
  const page = await clipboardPage(t);
  const published = await (await fetch(new URL(`episodes/${ID}/index.md`, ctx.base))).text();
  // The export carries the digest's fields (src/export.rs; publish/tests check every one).
  for (const expected of [DIGEST.title, DIGEST.generated.by, ...DIGEST.tags, DIGEST.source.url]) {
    assert.ok(published.includes(expected), expected);
  }
  for (const [where, url] of pages()) {
    await open(page, url);
    // (The other page copied the same text: start from something else.)
    await page.evaluate(() => navigator.clipboard.writeText('before'));
    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await assertEventually(() => clipboard(page), published, `${where}: the clipboard has index.md`);
    await assertEventually(() => status(page), 'Markdown copied', where);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download Markdown' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `${ID}.md`, where);
    const file = await download.path();
    assert.equal(fs.readFileSync(file, 'utf8'), published, `${where}: the download is index.md`);
  }
});

test('printed: every subsection open, no chrome, links followed by their URL', async (t) => {
  const page = await ctx.newPage(t);
  for (const [where, url] of pages()) {
    await open(page, url);
    await page.emulateMedia({ media: 'print' });
    const bodies = await page.locator('.subsection-body').evaluateAll((all) => all.map((b) => b.checkVisibility()));
    assert.ok(bodies.length > 0 && bodies.every(Boolean), `${where}: ${bodies}`);
    assert.equal(await page.locator('details.subsection[open]').count(), 0, `${where}: still closed on screen`);
    for (const chrome of ['.site-header', '.site-footer', '.episode-guide', '.episode-nav', '.copy-link', '.report-link']) {
      assert.equal(await page.locator(chrome).first().isVisible(), false, `${where}: ${chrome}`);
    }
    const after = await page.locator('.source-link').evaluate((a) => getComputedStyle(a, '::after').content);
    assert.ok(after.includes(DIGEST.source.url), `${where}: ${after}`);
    await page.emulateMedia({ media: 'screen' });
  }
});
