// Right-to-left text, combining marks, emoji sequences and 10,000-character words display in full
// without breaking the layout (no horizontal scrolling), on a phone and on a desktop.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitForEpisode, readJson, FIXTURES } from './helpers.mjs';
import { TOGGLE } from './subsection-helpers.mjs';
import path from 'node:path';

const ctx = setup();
const digest = readJson(path.join(FIXTURES, 'digests', 'unicode-stress.json'));

for (const viewport of [{ width: 320, height: 640 }, { width: 1280, height: 800 }]) {
  test(`hard text keeps the layout at ${viewport.width} px`, async (t) => {
    const page = await ctx.newPage(t, { viewport });
    await page.goto(ctx.episodeUrl('unicode-stress'));
    await waitForEpisode(page);
    // Open every subsection so their points are laid out too.
    for (const toggle of await page.locator(TOGGLE).all()) await toggle.click();
    assert.equal(await page.locator('details.subsection:not([open])').count(), 0);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      widest: Math.max(...[...document.querySelectorAll('main *')].map((e) => e.getBoundingClientRect().right)),
    }));
    assert.ok(widths.scroll <= widths.client, `no horizontal scroll: ${JSON.stringify(widths)}`);
    assert.ok(widths.widest <= widths.client + 1, `nothing sticks out: ${JSON.stringify(widths)}`);
    // Shown in full, exactly as written (nothing truncated or re-ordered in the DOM).
    assert.equal(await page.locator('h1').textContent(), digest.title);
    const text = await page.locator('article.episode').textContent();
    for (const point of digest.key_points) {
      const expected = typeof point === 'string' ? point : point.text;
      assert.ok(text.includes(expected), `key point shown: ${expected.slice(0, 40)}…`);
    }
    assert.ok(text.includes(digest.sections[1].subsections[0].title));
    // Each text block takes its direction from its own first strong character (dir="auto"):
    // the Arabic title and section read right to left, the Latin points left to right.
    const direction = (selector) => page.locator(selector).first().evaluate((e) => getComputedStyle(e).direction);
    assert.equal(await direction('h1'), 'rtl');
    assert.equal(await direction('.section-text'), 'rtl');
    assert.equal(await page.locator('.key-points li.point').nth(3).evaluate((e) => getComputedStyle(e).direction), 'ltr');
  });
}
