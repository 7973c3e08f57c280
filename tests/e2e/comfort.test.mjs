// Reading comfort (issue 13, item 5): the Display menu's theme and text size, remembered on the
// device and applied on the very first frame of the next page (the app's and a published one,
// under the strict CSP: src/reader.js is a file, not inline code); a right-to-left digest laid out
// from the right; the lock drawn without an emoji font.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bothPages, openEpisode, setupSite, waitForEpisode } from './helpers.mjs';

const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'none'; frame-ancestors *; object-src 'none'";
const ctx = setupSite({ headers: { 'Content-Security-Policy': CSP } });
const RTL_ID = 'arabic-language-models';
const LIGHT_BG = 'rgb(248, 247, 244)';
const DARK_BG = 'rgb(15, 16, 20)';

/**
 * A page that notes, in the callback of the first animation frame of every document it loads
 * (run before that frame is painted), the page's background, theme and text size, and every CSP
 * violation.
 */
async function pageNotingFirstFrame(t, colorScheme) {
  const page = await ctx.newPage(t);
  await page.emulateMedia({ colorScheme });
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.violations.push(event.violatedDirective));
    requestAnimationFrame(() => {
      const root = document.documentElement;
      window.firstFrame = {
        background: getComputedStyle(root).backgroundColor,
        theme: root.dataset.theme ?? null,
        fontSize: document.body ? getComputedStyle(document.body).fontSize : null,
      };
    });
  });
  return page;
}

const firstFrame = (page) => page.waitForFunction(() => window.firstFrame).then((handle) => handle.jsonValue());

/** Opens the Display menu with the keyboard and picks `label` in the group `legend` with arrows. */
async function choose(page, legend, label) {
  const toggle = page.locator('.display-menu-toggle');
  if (!(await page.locator('.display-menu[open]').count())) {
    await toggle.focus();
    await page.keyboard.press('Enter');
  }
  const group = page.locator('.display-group', { has: page.locator('legend', { hasText: legend }) });
  // The radios show the current choice; Tab reaches the checked one, arrows move the choice.
  const checked = group.locator('input:checked');
  await checked.focus();
  const labels = await group.locator('label').allInnerTexts();
  const from = labels.indexOf(await checked.evaluate((input) => input.parentElement.innerText));
  const to = labels.indexOf(label);
  assert.ok(from >= 0 && to >= 0, `${legend}: ${labels}`);
  for (let i = from; i < to; i++) await page.keyboard.press('ArrowDown');
  for (let i = from; i > to; i--) await page.keyboard.press('ArrowUp');
  assert.equal(await group.locator('input:checked').evaluate((input) => input.parentElement.innerText.trim()), label);
}

test('the theme chosen in the Display menu is on the first frame after a reload, and on published pages', async (t) => {
  const page = await pageNotingFirstFrame(t, 'light');
  await page.goto(`${ctx.base}?episode=${RTL_ID}`);
  await waitForEpisode(page);
  assert.deepEqual(await firstFrame(page), { background: LIGHT_BG, theme: null, fontSize: '16px' });
  await choose(page, 'Theme', 'Dark');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), DARK_BG);
  // Escape closes the menu and gives focus back to its button.
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.display-menu[open]').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'display-menu-toggle');

  await page.reload();
  assert.deepEqual(await firstFrame(page), { background: DARK_BG, theme: 'dark', fontSize: '16px' }, 'no flash of light');
  await waitForEpisode(page);

  // The published page of the same episode, on the same device: dark from its first frame, and
  // its take-over still matches (no mismatch fallback to the app).
  await page.goto(`${ctx.base}episodes/${RTL_ID}/`);
  assert.deepEqual(await firstFrame(page), { background: DARK_BG, theme: 'dark', fontSize: '16px' });
  await page.waitForFunction(() => performance.getEntriesByName('digest:interactive').length > 0);
  assert.equal(new URL(page.url()).pathname, `/reader/episodes/${RTL_ID}/`);
  // System again: the system's scheme (light here) and nothing remembered.
  await choose(page, 'Theme', 'System');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), LIGHT_BG);
  assert.equal(await page.evaluate(() => localStorage.getItem('digest-reader:theme')), null);
  assert.deepEqual(await page.evaluate(() => window.violations), [], 'the strict CSP holds');
});

test('a light theme chosen on a dark system, and a larger text size, hold from the first frame', async (t) => {
  const page = await pageNotingFirstFrame(t, 'dark');
  await page.goto(`${ctx.base}episodes/${RTL_ID}/`);
  assert.equal((await firstFrame(page)).background, DARK_BG);
  await choose(page, 'Theme', 'Light');
  await choose(page, 'Text size', 'Larger');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontSize), '21px');
  // A click elsewhere (the page's margin, away from the open panel) closes the menu.
  await page.mouse.click(5, 700);
  assert.equal(await page.locator('.display-menu[open]').count(), 0);
  await page.goto(`${ctx.base}?episode=${RTL_ID}`);
  assert.deepEqual(await firstFrame(page), { background: LIGHT_BG, theme: 'light', fontSize: '21px' });
  await waitForEpisode(page);
  // The text is larger, not just the body's number: the episode title grew with it.
  const title = await page.locator('h1').evaluate((h1) => parseFloat(getComputedStyle(h1).fontSize));
  assert.ok(title > 40, `title ${title}px`);
});

test('a right-to-left digest is laid out from the right, and its lock needs no emoji font', async (t) => {
  const page = await ctx.newPage(t);
  for (const [, url] of bothPages(ctx, RTL_ID)) {
    await openEpisode(page, url);
    const article = page.locator('article.episode');
    assert.equal(await article.getAttribute('lang'), 'ar');
    assert.equal(await article.evaluate((el) => getComputedStyle(el).direction), 'rtl');
    // Bullets on the right of their points; a section's number right of its title.
    const bullet = await page.locator('.key-points .point').first().evaluate((li) => {
      const before = getComputedStyle(li, '::before');
      return { left: parseFloat(before.left), right: parseFloat(before.right) };
    });
    // (The resolved insets of a positioned box: its distance from each side of the point.)
    assert.ok(bullet.right < 30 && bullet.left > 200, `${url}: bullet ${JSON.stringify(bullet)}`);
    const [number, title] = await Promise.all(['.section-number', '.section-text'].map((selector) =>
      page.locator(`section.section ${selector}`).first().evaluate((el) => el.getBoundingClientRect().left)));
    assert.ok(number > title, `${url}: number at ${number}, title at ${title}`);
    // The lock: a drawn icon of its own size, named "Locked", with no text that needs a font.
    const lock = page.locator('.subsection--locked .lock').first();
    assert.equal(await lock.getAttribute('aria-label'), 'Locked');
    assert.equal((await lock.innerText()).trim(), '');
    const icon = await lock.locator('svg').boundingBox();
    assert.ok(icon && icon.width >= 10 && icon.height >= 10, `icon ${JSON.stringify(icon)}`);
  }
});
