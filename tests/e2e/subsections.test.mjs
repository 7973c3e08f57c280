// Subsections are native <details>/<summary>: they start collapsed and toggle by mouse and keyboard;
// locked ones show the upgrade prompt.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitForEpisode, normalize, assertEventually, SEED_ID } from './helpers.mjs';
import { SUBSECTION, TOGGLE, OPEN as EXPANDED, CLOSED as COLLAPSED, subsectionState as state, toggleOf } from './subsection-helpers.mjs';

const ctx = setup();

const pointText = (p) => (typeof p === 'string' ? p : p.text);

/** The first sample episode (index order) with an unlocked subsection that has points. */
async function unlockedSubsection() {
  const index = await ctx.getJson('digests/index.json');
  for (const entry of index.episodes) {
    const digest = await ctx.getJson(`digests/${entry.id}.json`);
    for (const [i, section] of digest.sections.entries()) {
      for (const [j, sub] of (section.subsections ?? []).entries()) {
        if (!sub.locked && (sub.points ?? []).length > 0) {
          return { digest, n: i + 1, m: j + 1, sub, id: `section-${i + 1}-${j + 1}` };
        }
      }
    }
  }
  throw new Error('no sample digest has an unlocked subsection with points');
}

/** A locked subsection whose file nevertheless has points (they must never show), if a sample has one. */
async function lockedSubsectionWithPoints() {
  const index = await ctx.getJson('digests/index.json');
  for (const entry of index.episodes) {
    const digest = await ctx.getJson(`digests/${entry.id}.json`);
    for (const [i, section] of digest.sections.entries()) {
      for (const [j, sub] of (section.subsections ?? []).entries()) {
        if (sub.locked && (sub.points ?? []).length > 0) return { digest, sub, id: `section-${i + 1}-${j + 1}` };
      }
    }
  }
  return null;
}

test('all subsections start collapsed: a details without an open attribute, its summary first, then its body', async (t) => {
  const { digest } = await unlockedSubsection();
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(digest.id));
  await waitForEpisode(page);
  const expected = digest.sections.flatMap((s, i) => (s.subsections ?? []).map((_, j) => `section-${i + 1}-${j + 1}`));
  const subsections = await page.locator(SUBSECTION).evaluateAll((els) =>
    els.map((el) => ({
      id: el.id,
      open: el.open,
      openAttribute: el.hasAttribute('open'),
      children: [...el.children].map((child) => `${child.tagName.toLowerCase()}.${child.className}#${child.id}`),
      heading: el.querySelector(':scope > summary > h4.subsection-heading') !== null,
    })),
  );
  assert.deepEqual(
    subsections,
    expected.map((id) => ({
      id,
      open: false,
      openAttribute: false,
      children: ['summary.subsection-toggle#', `div.subsection-body#${id}-body`],
      heading: true,
    })),
  );
  assert.equal(await page.locator(TOGGLE).count(), expected.length);
  for (const id of expected) assert.deepEqual(await state(page, id), COLLAPSED, id);
});

test('a subsection expands and collapses by mouse', async (t) => {
  const { digest, sub, id, n, m } = await unlockedSubsection();
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(digest.id));
  await waitForEpisode(page);
  const toggle = toggleOf(page, id);
  assert.equal(normalize(await toggle.locator('.subsection-number').innerText()), `${n}.${m}.`);
  assert.equal(normalize(await toggle.locator('.subsection-title').innerText()), sub.title);
  await assertEventually(() => state(page, id), COLLAPSED);
  // The points are not shown while collapsed.
  for (const p of sub.points) assert.equal((await page.evaluate(() => document.body.innerText)).includes(pointText(p)), false);

  await toggle.click();
  await assertEventually(() => state(page, id), EXPANDED);
  const shown = (await page.locator(`#${id}-body li.point`).allInnerTexts()).map(normalize);
  assert.equal(shown.length, sub.points.length);
  sub.points.forEach((p, k) => assert.ok(shown[k].startsWith(normalize(pointText(p))), `point ${k}: ${shown[k]}`));
  assert.equal(await page.locator(`#${id}-body .upgrade-prompt`).count(), 0);

  await toggle.click();
  await assertEventually(() => state(page, id), COLLAPSED);
});

test('a subsection is reachable with Tab and toggles with Enter and Space', async (t) => {
  const { digest, id } = await unlockedSubsection();
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(digest.id));
  await waitForEpisode(page);
  const isFocused = () =>
    page.evaluate((sel) => document.activeElement === document.querySelector(sel), `#${id} > summary.subsection-toggle`);

  let reached = false;
  for (let presses = 0; presses < 150 && !reached; presses++) {
    await page.keyboard.press('Tab');
    reached = await isFocused();
  }
  assert.ok(reached, `Tab never reached #${id}'s toggle`);

  await page.keyboard.press('Enter');
  await assertEventually(() => state(page, id), EXPANDED);
  assert.ok(await isFocused(), 'focus stays on the toggle');
  await page.keyboard.press('Enter');
  await assertEventually(() => state(page, id), COLLAPSED);
  await page.keyboard.press('Space');
  await assertEventually(() => state(page, id), EXPANDED);
  await page.keyboard.press('Space');
  await assertEventually(() => state(page, id), COLLAPSED);
  // Space must not have scrolled the page instead.
  assert.ok(await isFocused());
});

test('a locked subsection shows the upgrade prompt when expanded, never points', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  const site = await ctx.getJson('site.json');
  const id = 'section-1-1';
  assert.equal(await page.locator(`#${id}`).evaluate((el) => el.classList.contains('subsection--locked')), true);
  assert.equal(await page.locator(`#${id} .lock`).getAttribute('aria-label'), 'Locked');
  await assertEventually(() => state(page, id), COLLAPSED);

  await toggleOf(page, id).click();
  await assertEventually(() => state(page, id), EXPANDED);
  const prompt = page.locator(`#${id}-body .upgrade-prompt`);
  assert.ok(await prompt.isVisible());
  assert.equal(normalize(await prompt.locator('.upgrade-headline').innerText()), site.upgrade.headline);
  assert.equal(normalize(await prompt.locator('.upgrade-detail').innerText()), site.upgrade.detail);
  const cta = prompt.getByRole('link', { name: site.upgrade.cta_label, exact: true });
  assert.equal(await cta.count(), 1);
  assert.equal(await cta.getAttribute('href'), site.upgrade.cta_url);
  assert.equal(await page.locator(`#${id}-body li.point, #${id}-body .points`).count(), 0);

  await toggleOf(page, id).click();
  await assertEventually(() => state(page, id), COLLAPSED);
});

test('points of a locked subsection in the file are never shown', async (t) => {
  const found = await lockedSubsectionWithPoints();
  const page = await ctx.newPage(t);
  let digest;
  let id;
  let secret;
  if (found) {
    ({ digest, id } = found);
    secret = pointText(found.sub.points[0]);
  } else {
    // No sample has one: serve the seed with points added to its locked 1.1.
    digest = await ctx.getJson(`digests/${SEED_ID}.json`);
    secret = 'This point is for paying readers only.';
    digest.sections[0].subsections[0].points = [secret];
    id = 'section-1-1';
    await page.route(`**/digests/${SEED_ID}.json`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(digest) }),
    );
  }
  await page.goto(ctx.episodeUrl(digest.id));
  await waitForEpisode(page);
  await toggleOf(page, id).click();
  assert.deepEqual(await state(page, id), EXPANDED);
  assert.equal(await page.locator(`#${id}-body li.point`).count(), 0);
  assert.ok(await page.locator(`#${id}-body .upgrade-prompt`).isVisible());
  assert.equal((await page.content()).includes(secret), false, 'the locked point is in the DOM');
});

test('without an upgrade offer in site.json, a locked subsection just says it is locked', async (t) => {
  const page = await ctx.newPage(t);
  const site = await ctx.getJson('site.json');
  delete site.upgrade;
  await page.route('**/site.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(site) }),
  );
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  await toggleOf(page, 'section-1-1').click();
  assert.deepEqual(await state(page, 'section-1-1'), EXPANDED);
  assert.equal(normalize(await page.locator('#section-1-1-body .locked-note').innerText()), 'This part is locked.');
  assert.equal(await page.locator('#section-1-1-body .upgrade-prompt').count(), 0);
  assert.equal(await page.locator('aside.upgrade-banner').count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Upgrade to Plus' }).count(), 0);
});
