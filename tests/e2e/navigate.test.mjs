// Navigating an episode (issue 13, item 2), in the app and on a published page: the contents (a
// side column on wide screens, a menu on phones) mark the section in view; the reading time
// against the original; "Expand all" / "Collapse all"; keyboard shortcuts with their help dialog,
// which never take a key while the reader types.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { assertEventually, bothPages, openEpisode, readJson, setupSite, waitForEpisode, REPO, SEED_ID } from './helpers.mjs';

const ctx = setupSite();
/** Sections with subsections, unlocked ones among them. */
const ID = 'small-models-big-bets';
const DIGEST = readJson(path.join(REPO, 'public', 'digests', `${ID}.json`));
const pages = () => bothPages(ctx, ID);
const open = openEpisode;

const currentLink = (page) => page.locator('.toc-link[aria-current="location"]').evaluateAll((links) => links.map((a) => a.hash));
const openSubsections = (page) => page.locator('details.subsection').evaluateAll((all) => all.filter((d) => d.open).length);

test('the contents list every section beside the episode and mark the one being read', async (t) => {
  const page = await ctx.newPage(t);
  for (const [where, url] of pages()) {
    await open(page, url);
    const links = page.locator('nav.episode-guide .toc-link');
    assert.deepEqual(
      (await links.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
      DIGEST.sections.map((section, i) => `${i + 1}. ${section.title}`),
      where,
    );
    // A column beside the episode on a wide screen, always open, staying in view while scrolling.
    assert.ok(await links.first().isVisible(), `${where}: the contents show without opening a menu`);
    const [guide, article] = await Promise.all(['nav.episode-guide', 'article.episode'].map((s) => page.locator(s).boundingBox()));
    assert.ok(guide.x + guide.width <= article.x, `${where}: the guide is left of the episode`);
    for (const n of [3, 1, DIGEST.sections.length]) {
      await page.locator(`#section-${n}`).evaluate((el) => el.scrollIntoView());
      await assertEventually(() => currentLink(page), [`#section-${n}`], `${where}: section ${n} is marked`);
      assert.ok(await page.locator(`.toc-link[href="#section-${n}"]`).isVisible(), `${where}: its entry is in view`);
    }
    // A link goes to its section.
    await links.nth(1).click();
    await assertEventually(() => page.evaluate(() => location.hash), '#section-2', where);
  }
});

test('on a phone the contents are a menu, and the reading time is set against the original', async (t) => {
  const page = await ctx.newPage(t, { viewport: { width: 320, height: 800 } });
  for (const [where, url] of pages()) {
    await open(page, url);
    const list = page.locator('.toc-list');
    assert.equal(await list.isVisible(), false, `${where}: closed at first`);
    await page.getByText('Contents', { exact: true }).click();
    assert.ok(await list.isVisible(), `${where}: opened`);
    // Open, the menu stays on a 320 px screen (under its own button it once reached 394 px).
    const box = await list.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 320, `${where}: the menu fits: ${JSON.stringify(box)}`);
    assert.equal(await page.locator('.reading-time').innerText(), expectedReadingTime(DIGEST));
  }
  await open(page, `${ctx.base}episodes/${SEED_ID}/`);
  assert.match(await page.locator('.reading-time').innerText(), /^\d+ min read · 4:46 video$/);
});

/** The reading time as src/moment.rs counts it: the words shown, 230 a minute. */
function expectedReadingTime(digest) {
  const words = (text) => text.split(/\s+/).filter(Boolean).length;
  const points = (list = []) => list.reduce((n, p) => n + words(typeof p === 'string' ? p : p.text), 0);
  let total = words(digest.title) + words(digest.summary) + points(digest.key_points);
  for (const section of digest.sections) {
    total += words(section.title) + points(section.points);
    for (const sub of section.subsections ?? []) total += words(sub.title) + (sub.locked ? 0 : points(sub.points));
  }
  const seconds = digest.source.duration_seconds;
  const clock = `${Math.floor(seconds / 3600)}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  return `${Math.max(1, Math.ceil(total / 230))} min read · ${clock} ${digest.source.kind}`;
}

test('Expand all and Collapse all open and close every subsection', async (t) => {
  const page = await ctx.newPage(t);
  const count = DIGEST.sections.reduce((n, s) => n + (s.subsections?.length ?? 0), 0);
  for (const [where, url] of pages()) {
    await open(page, url);
    await page.getByRole('button', { name: 'Expand all' }).click();
    assert.equal(await openSubsections(page), count, where);
    await page.getByRole('button', { name: 'Collapse all' }).click();
    assert.equal(await openSubsections(page), 0, where);
  }
});

test('keyboard shortcuts move between sections, expand and collapse, list themselves, and never take typing', async (t) => {
  const page = await ctx.newPage(t);
  for (const [where, url] of pages()) {
    await open(page, url);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    assert.equal(await page.evaluate(() => location.hash), '#section-2', where);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'section-2-heading', `${where}: focus follows`);
    await page.keyboard.press('k');
    assert.equal(await page.evaluate(() => location.hash), '#section-1', where);
    await page.keyboard.press('e');
    assert.ok((await openSubsections(page)) > 0, `${where}: e expands`);
    await page.keyboard.press('c');
    assert.equal(await openSubsections(page), 0, `${where}: c collapses`);
    // ? opens the list of shortcuts as a modal dialog; Escape closes it.
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    assert.ok(await dialog.isVisible(), where);
    assert.deepEqual(await dialog.locator('kbd').allInnerTexts(), ['j', 'k', 'e', 'c', '?']);
    await page.keyboard.press('Escape');
    assert.equal(await dialog.isVisible(), false, where);
    // In a form control the keys are the reader's: the Display menu's radios, say.
    await page.locator('.display-menu-toggle').click();
    await page.locator('.display-menu input').first().focus();
    await page.keyboard.press('j');
    await page.keyboard.press('e');
    assert.equal(await page.evaluate(() => location.hash), '#section-1', `${where}: j did nothing`);
    assert.equal(await openSubsections(page), 0, `${where}: e did nothing`);
    // Nor with a modifier (Ctrl+E is the browser's).
    await page.locator('h1').click();
    await page.keyboard.press('Control+e');
    assert.equal(await openSubsections(page), 0, `${where}: Ctrl+E is not a shortcut`);
  }
});

test('a text fragment into a collapsed subsection opens it and shows the text, with JavaScript on and off', async (t) => {
  // A link that quotes a line of a subsection's body (`#:~:text=`, what search engines and
  // "Copy link to highlight" make): the browser finds it in the closed <details>, opens it and
  // scrolls to it, as find-in-page does.
  const [sectionIndex, subsectionIndex] = [1, 0];
  const point = DIGEST.sections[sectionIndex].subsections[subsectionIndex].points[1];
  const quote = (typeof point === 'string' ? point : point.text).split(':')[0];
  const fragment = `#:~:text=${encodeURIComponent(quote)}`;
  const id = `section-${sectionIndex + 1}-${subsectionIndex + 1}`;
  const shown = (page) => page.locator(`details#${id}`).evaluate((details) => {
    const box = details.getBoundingClientRect();
    return details.open && box.bottom > 0 && box.top < innerHeight;
  });
  const page = await ctx.newPage(t);
  for (const [where, url] of pages()) {
    await open(page, url);
    assert.equal(await page.locator(`details#${id}`).evaluate((details) => details.open), false, where);
    // (A new document: a fragment changed in place is not searched again.)
    await page.goto('about:blank');
    await page.goto(`${url}${fragment}`);
    await waitForEpisode(page);
    await assertEventually(() => shown(page), true, `${where}: the subsection quoted is open and in view`);
  }
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
  t.after(() => context.close());
  const off = await context.newPage();
  await off.goto(`${ctx.base}episodes/${ID}/${fragment}`);
  await assertEventually(() => shown(off), true, 'published page, JavaScript off');
});
