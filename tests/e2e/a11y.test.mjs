// Accessibility (issue 5, item 5): axe-core finds no WCAG 2.2 A/AA violation on any view, in light
// and dark; the seed episode can be read with the keyboard alone, with a visible focus everywhere;
// the views reflow at 320 CSS px (400 % zoom of 1280) without horizontal scrolling, even with very
// long words; reduced motion stops the animations; and the semantics of spec section 8 hold.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  setup, REPO, SEED_ID, SEED_TITLE, waitForEpisode, waitForLibrary, readAlert, normalize, clock, sleep, assertEventually,
} from './helpers.mjs';
import { SUBSECTION, TOGGLE, OPEN, CLOSED, subsectionState, openSubsections, accessibleSubsections } from './subsection-helpers.mjs';

const ctx = setup();

/** axe-core as pinned in package.json. */
const AXE = path.join(REPO, 'node_modules', 'axe-core', 'axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
/** An episode with unlocked subsections (public/digests). */
const UNLOCKED_ID = 'small-models-big-bets';
const SCHEMES = ['light', 'dark'];

// ---------------------------------------------------------------------------------------------
// Helpers

/** A page of the shared helpers (panic check included) with the colour scheme / motion emulated. */
async function openPage(t, { colorScheme = 'light', reducedMotion = 'no-preference', viewport } = {}) {
  const page = await ctx.newPage(t, viewport ? { viewport } : undefined);
  await page.emulateMedia({ colorScheme, reducedMotion });
  return page;
}

/** Waits until every finite animation and transition (e.g. a chevron turning) has finished. */
async function settle(page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => {})),
    ),
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Clicks every subsection toggle so that every body is shown; asserts they all opened. */
async function expandAll(page) {
  const toggles = page.locator(TOGGLE);
  const n = await toggles.count();
  assert.ok(n > 0, 'the episode has subsections');
  for (let i = 0; i < n; i++) await toggles.nth(i).click();
  await assertEventually(
    () => page.locator(SUBSECTION).evaluateAll((els) => els.map((el) => el.open)),
    Array(n).fill(true),
    'every subsection is expanded',
  );
  return n;
}

/**
 * Runs axe-core (WCAG 2.2 A + AA rules) on the page, logs how many rules ran and returns the result
 * with each violation made readable: id, impact, help, and per node the target and failure summary.
 */
async function runAxe(page, label) {
  await settle(page);
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    const ids = (list) => list.map((rule) => rule.id);
    return {
      version: r.testEngine.version,
      passes: ids(r.passes),
      inapplicable: ids(r.inapplicable),
      incomplete: r.incomplete.map((rule) => ({ id: rule.id, nodes: rule.nodes.length })),
      violations: r.violations.map((rule) => ({
        id: rule.id,
        impact: rule.impact,
        help: rule.help,
        helpUrl: rule.helpUrl,
        nodes: rule.nodes.map((node) => ({
          target: node.target.join(' '),
          html: node.html.slice(0, 200),
          summary: node.failureSummary,
        })),
      })),
    };
  }, WCAG_TAGS);
  const total = result.passes.length + result.violations.length + result.incomplete.length + result.inapplicable.length;
  console.log(
    `axe ${result.version} [${label}]: ${total} rules run — ${result.passes.length} passed, ` +
      `${result.violations.length} violations, ${result.incomplete.length} incomplete` +
      (result.incomplete.length ? ` (${result.incomplete.map((r) => `${r.id}×${r.nodes}`).join(', ')})` : '') +
      `, ${result.inapplicable.length} inapplicable`,
  );
  return result;
}

function formatViolations(violations) {
  return violations
    .map((v) =>
      [
        `• ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})`,
        ...v.nodes.map((n) => `    at ${n.target}\n      ${n.html}\n      ${n.summary.replace(/\n/g, '\n      ')}`),
      ].join('\n'),
    )
    .join('\n');
}

async function assertNoViolations(page, label) {
  const { violations } = await runAxe(page, label);
  assert.equal(violations.length, 0, `axe found WCAG 2.2 A/AA violations on ${label}:\n${formatViolations(violations)}`);
}

// ---------------------------------------------------------------------------------------------
// 1. axe: zero WCAG 2.2 A/AA violations on every view, light and dark

const VIEWS = [
  {
    name: 'library',
    async open(page) {
      await page.goto(ctx.base);
      await waitForLibrary(page);
    },
  },
  {
    name: `seed episode, collapsed`,
    async open(page) {
      await page.goto(ctx.episodeUrl(SEED_ID));
      await waitForEpisode(page);
    },
  },
  {
    name: `seed episode, all subsections expanded`,
    async open(page) {
      await page.goto(ctx.episodeUrl(SEED_ID));
      await waitForEpisode(page);
      await expandAll(page);
      assert.ok(await page.locator('.subsection-body .upgrade-prompt').first().isVisible());
    },
  },
  {
    name: `${UNLOCKED_ID}, unlocked subsections expanded`,
    async open(page) {
      await page.goto(ctx.episodeUrl(UNLOCKED_ID));
      await waitForEpisode(page);
      await expandAll(page);
      assert.ok((await page.locator('.subsection-body li.point').count()) > 0, 'unlocked points are shown');
    },
  },
  {
    name: 'right-to-left episode (arabic-language-models), Display menu open, subsections expanded',
    async open(page) {
      await page.goto(ctx.episodeUrl('arabic-language-models'));
      await waitForEpisode(page);
      await expandAll(page);
      await page.locator('.display-menu-toggle').click();
      await page.locator('.display-menu-panel').waitFor({ state: 'visible' });
    },
  },
  {
    // The other theme than the system's, chosen in the Display menu (data-theme on <html>).
    name: 'seed episode, the other theme chosen in the Display menu',
    async open(page) {
      await page.goto(ctx.episodeUrl(SEED_ID));
      await waitForEpisode(page);
      await page.locator('.display-menu-toggle').click();
      const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
      await page.getByRole('radio', { name: dark ? 'Light' : 'Dark' }).check();
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'seed episode, keyboard shortcuts dialog open',
    async open(page) {
      await page.goto(ctx.episodeUrl(SEED_ID));
      await waitForEpisode(page);
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'visible' });
    },
  },
  {
    name: `${UNLOCKED_ID} on a phone, contents menu open, section 3 being read`,
    viewport: { width: 390, height: 800 },
    async open(page) {
      await page.goto(ctx.episodeUrl(UNLOCKED_ID));
      await waitForEpisode(page);
      await page.locator('#section-3').evaluate((el) => el.scrollIntoView());
      await page.locator('.toc-link[aria-current]').waitFor({ state: 'attached' });
      await page.getByText('Contents', { exact: true }).click();
    },
  },
  {
    name: 'error state (no such episode)',
    async open(page) {
      await page.goto(ctx.episodeUrl('no-such-episode'));
      await readAlert(page);
    },
  },
  {
    name: 'compact view (&embed=1)',
    async open(page) {
      await page.goto(ctx.episodeUrl(SEED_ID) + '&embed=1');
      await waitForEpisode(page);
      assert.equal(await page.locator('.app.app--embed').count(), 1);
    },
  },
  {
    name: 'library in an iframe (?embed=1)',
    async open(page) {
      await page.goto(ctx.base + '?embed=1');
      await waitForLibrary(page);
      assert.equal(await page.locator('.app.app--embed').count(), 1);
    },
  },
  {
    name: 'library search with matches (?q=deepseek)',
    async open(page) {
      await page.goto(ctx.base + '?q=deepseek');
      await waitForLibrary(page);
      await page.locator('li.episode-card mark').first().waitFor({ state: 'visible' });
    },
  },
];

// The 24 axe runs are independent (a context each): two at a time keeps the file quick.
describe('axe-core, WCAG 2.2 A + AA', { concurrency: 2 }, () => {
  for (const view of VIEWS) {
    for (const colorScheme of SCHEMES) {
      test(`axe: no WCAG 2.2 A/AA violations — ${view.name}, ${colorScheme}`, async (t) => {
        const page = await openPage(t, { colorScheme, viewport: view.viewport });
        await view.open(page);
        assert.equal(
          await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
          colorScheme === 'dark',
          'colour scheme emulated',
        );
        await assertNoViolations(page, `${view.name}, ${colorScheme}`);
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------
// 2. Keyboard only

/** What is focused, and whether it shows a focus indicator (read in the page, once transitions end). */
async function focusState(page, boxShadowsAtRest) {
  await settle(page);
  return page.evaluate((atRest) => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: el?.tagName ?? null };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    // A box shadow counts only if it is not there when the element is not focused.
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== atRest[el.dataset.a11yIndex];
    const rect = el.getBoundingClientRect();
    const header = document.querySelector('.site-header');
    const headerBottom = header && getComputedStyle(header).position === 'sticky' ? header.getBoundingClientRect().bottom : 0;
    return {
      tag: el.tagName,
      className: el.className,
      text: el.textContent.replace(/\s+/g, ' ').trim(),
      index: el.dataset.a11yIndex ?? null,
      focusVisible: el.matches(':focus-visible'),
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      indicator: outline || shadow,
      // At least partly on screen, and not entirely hidden under the sticky header (WCAG 2.4.11).
      inViewport: rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth,
      obscured: rect.bottom <= headerBottom + 1 && !el.closest('.site-header') && !el.classList.contains('skip-link'),
      rect: `top ${Math.round(rect.top)} bottom ${Math.round(rect.bottom)}; sticky header bottom ${Math.round(headerBottom)}`,
    };
  }, boxShadowsAtRest);
}

/**
 * Numbers the visible, tabbable elements (data-a11y-index) in DOM order; returns their descriptions
 * and their box shadows at rest.
 */
function tabbables(page) {
  return page.evaluate(() => {
    const selector = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, details > summary:first-of-type, [tabindex]:not([tabindex="-1"])';
    const els = [...document.querySelectorAll(selector)].filter((el) => el.checkVisibility({ visibilityProperty: true }));
    return els.map((el, i) => {
      el.dataset.a11yIndex = String(i);
      return { index: String(i), className: el.className, text: el.textContent.replace(/\s+/g, ' ').trim(), boxShadow: getComputedStyle(el).boxShadow };
    });
  });
}

/** The kind of a focused element, for the order assertion. */
function kind({ className, text }) {
  for (const k of ['skip-link', 'brand', 'display-menu-toggle', 'toc-link', 'guide-button', 'source-link', 'report-link', 'copy-link', 'subsection-toggle', 'timestamp', 'full-content-link', 'upgrade-cta']) {
    if (String(className).split(/\s+/).includes(k)) return k;
  }
  if (text === 'Library') return 'nav-link';
  return `other(${className || text})`;
}

function collapseRuns(list) {
  return list.filter((item, i) => i === 0 || item !== list[i - 1]);
}

test('keyboard: the first Tab shows the skip link; Enter on it moves to the main content', async (t) => {
  const page = await openPage(t);
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  await page.keyboard.press('Tab');
  const skip = await focusState(page, {});
  assert.equal(skip.className, 'skip-link');
  assert.equal(skip.text, 'Skip to content');
  assert.ok(skip.focusVisible && skip.indicator, `the skip link shows its focus (${skip.outline})`);
  // It is on screen once focused (it slides in), not clipped away.
  await settle(page);
  const box = await page.locator('a.skip-link').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, left: r.left, width: r.width, height: r.height, clip: getComputedStyle(el).clipPath };
  });
  assert.ok(box.top >= 0 && box.left >= 0 && box.width > 20 && box.height > 10, `skip link on screen: ${JSON.stringify(box)}`);
  assert.equal(box.clip, 'none');

  await page.keyboard.press('Enter');
  await assertEventually(() => page.evaluate(() => location.hash), '#main', 'the skip link targets #main');
  // Focus (or at least the sequential focus starting point) is now main: the next Tab lands inside
  // main on its first control, not on the brand or the navigation.
  const afterSkip = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  await page.keyboard.press('Tab');
  const next = await focusState(page, {});
  assert.ok(
    await page.evaluate(() => document.querySelector('main#main').contains(document.activeElement)),
    `after the skip link (focus was on ${afterSkip}), Tab went to ${next.className} "${next.text}", outside main`,
  );
  // The first control of main: the episode's contents (the guide beside it on a wide screen).
  assert.equal(next.className, 'toc-link');
  assert.equal(await page.locator('main#main').evaluate((el) => el.getBoundingClientRect().top < innerHeight), true);
  // The app did not take the fragment for something else: still the episode, nothing opened.
  await waitForEpisode(page);
  assert.deepEqual(await openSubsections(page), []);
});

test('keyboard: Tab walks the seed episode in DOM order with a visible focus; toggles work with Enter and Space', async (t) => {
  const page = await openPage(t);
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  const all = await tabbables(page);
  const atRest = Object.fromEntries(all.map((e) => [e.index, e.boxShadow]));
  // Walk up to the upgrade banner's call to action (the last stop the issue names).
  const bannerCta = all.findIndex((e) => kind(e) === 'upgrade-cta');
  assert.ok(bannerCta > 0, 'the seed page has an upgrade call to action');
  const expected = all.slice(0, bannerCta + 1);

  const seen = [];
  for (let step = 0; step < expected.length; step++) {
    await page.keyboard.press('Tab');
    const state = await focusState(page, atRest);
    seen.push(state);
    const where = `Tab #${step + 1}: ${state.tag}.${state.className} "${state.text}"`;
    assert.ok(state.focusVisible, `${where} matches :focus-visible`);
    assert.ok(state.indicator, `${where} has no visible focus indicator (outline: ${state.outline})`);
    assert.ok(state.inViewport, `${where} was not scrolled into view`);
    assert.ok(!state.obscured, `${where} is hidden under the sticky header`);

    if (kind(state) === 'subsection-toggle') {
      // Operable with Enter and Space; focus stays; a locked body's call to action is next in order.
      const toggle = page.locator(`[data-a11y-index="${state.index}"]`);
      assert.equal(state.tag, 'SUMMARY');
      const id = await toggle.evaluate((el) => el.parentElement.id);
      const body = page.locator(`#${id}-body`);
      assert.deepEqual(await subsectionState(page, id), CLOSED, `${where}: starts closed`);
      await page.keyboard.press('Enter');
      await assertEventually(() => subsectionState(page, id), OPEN, `${where}: Enter expands`);
      const bodyLinks = await body.locator('a[href], button').count();
      if (bodyLinks > 0) {
        await page.keyboard.press('Tab');
        assert.ok(await body.evaluate((el) => el.contains(document.activeElement)), `${where}: Tab goes into the expanded body`);
        const inside = await focusState(page, atRest);
        assert.ok(inside.indicator, `${where}: focus inside the body (${inside.className}) is visible`);
        await page.keyboard.press('Shift+Tab');
      }
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.a11yIndex), state.index, `${where}: focus back on the toggle`);
      const scrolled = await page.evaluate(() => window.scrollY);
      await page.keyboard.press('Space');
      await assertEventually(() => subsectionState(page, id), CLOSED, `${where}: Space collapses`);
      await page.keyboard.press('Space');
      await assertEventually(() => subsectionState(page, id), OPEN, `${where}: Space expands`);
      assert.equal(await page.evaluate(() => window.scrollY), scrolled, `${where}: Space did not scroll the page`);
      await page.keyboard.press('Enter');
      await assertEventually(() => subsectionState(page, id), CLOSED, `${where}: Enter collapses`);
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.a11yIndex), state.index, `${where}: focus stays on the toggle`);
    }
  }

  // The order is the DOM order of the visible controls…
  assert.deepEqual(
    seen.map((s) => s.index),
    expected.map((e) => e.index),
    `focus order:\n${seen.map((s) => `  ${s.className} "${s.text.slice(0, 40)}"`).join('\n')}`,
  );
  // …which for the seed is: skip link, brand, nav, the Display menu, the contents and the guide's
  // buttons, source, the subsection toggles, the timestamps, "View Full Content", the upgrade
  // banner's call to action; and a
  // "Report a problem" after the source and at the end of each section (site.json has report_url),
  // and each section heading's copy-link button (a closed subsection's is in its hidden body).
  const sections = await page.locator('section.section').count();
  assert.equal(seen.filter((s) => kind(s) === 'report-link').length, 1 + sections);
  assert.equal(seen.filter((s) => kind(s) === 'copy-link').length, sections);
  assert.deepEqual(collapseRuns(seen.map(kind).filter((k) => k !== 'report-link' && k !== 'copy-link')), [
    'skip-link',
    'brand',
    'nav-link',
    'display-menu-toggle',
    'toc-link',
    'guide-button',
    'source-link',
    'subsection-toggle',
    'timestamp',
    'full-content-link',
    'upgrade-cta',
  ]);
  assert.equal(seen.filter((s) => kind(s) === 'subsection-toggle').length, await page.locator(TOGGLE).count());
  assert.equal(seen.filter((s) => kind(s) === 'timestamp').length, await page.locator('a.timestamp').count());
  assert.equal(seen.find((s) => kind(s) === 'full-content-link').text, 'View Full Content');
  assert.equal(seen.find((s) => kind(s) === 'brand').text, 'Digestly');
  assert.match(seen.at(-1).text, /Upgrade to Plus/);
});

// With a sticky header, a control that focus scrolls to the top edge (Shift+Tab) lands under the
// header unless the page reserves room for it (scroll-padding-top on the root scroller).
test('keyboard: going back with Shift+Tab, no focused control is hidden under the sticky header (WCAG 2.4.11)', async (t) => {
  const hidden = [];
  for (const viewport of [{ width: 1280, height: 800 }, { width: 320, height: 256 }]) {
    const page = await openPage(t, { viewport });
    await page.goto(ctx.episodeUrl(SEED_ID));
    await waitForEpisode(page);
    const all = await tabbables(page);
    const atRest = Object.fromEntries(all.map((e) => [e.index, e.boxShadow]));
    const last = all.findIndex((e) => kind(e) === 'upgrade-cta');
    await page.locator(`[data-a11y-index="${last}"]`).focus();
    for (let step = 0; step < last; step++) {
      await page.keyboard.press('Shift+Tab');
      const state = await focusState(page, atRest);
      if (state.obscured || !state.inViewport) {
        hidden.push(`${viewport.width}px: ${state.className} "${state.text.slice(0, 40)}" (${state.rect})`);
      }
    }
  }
  assert.deepEqual(hidden, [], 'focused with Shift+Tab but entirely hidden under the sticky .site-header');
});

// ---------------------------------------------------------------------------------------------
// 3. Reflow at 320 CSS px

const NARROW = { width: 320, height: 256 }; // 1280 × 1024 at 400 %
const LONG_ID = 'a11y-long-words';

async function horizontalOverflow(page) {
  await settle(page);
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > width + 0.5)
      .filter((el) => !el.closest('.visually-hidden, .skip-link'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, bodyScrollWidth: document.body.scrollWidth, wide };
  });
}

async function assertReflows(page, label) {
  const o = await horizontalOverflow(page);
  assert.ok(
    o.scrollWidth <= NARROW.width && o.bodyScrollWidth <= NARROW.width,
    `${label}: horizontal scrolling at ${NARROW.width}px (scrollWidth ${o.scrollWidth}, body ${o.bodyScrollWidth}); widest: ${o.wide.join('; ')}`,
  );
}

test('reflow: the episode (expanded), the library and the error page fit 320 CSS px', async (t) => {
  const page = await openPage(t, { viewport: NARROW });
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  await assertReflows(page, 'seed episode, collapsed');
  await expandAll(page);
  await assertReflows(page, 'seed episode, expanded');

  await page.goto(ctx.episodeUrl(UNLOCKED_ID));
  await waitForEpisode(page);
  await expandAll(page);
  await assertReflows(page, `${UNLOCKED_ID}, expanded`);

  await page.goto(ctx.base);
  await waitForLibrary(page);
  await assertReflows(page, 'library');

  await page.goto(ctx.base + '?q=deepseek');
  await waitForLibrary(page);
  await assertReflows(page, 'library search');

  await page.goto(ctx.episodeUrl('no-such-episode'));
  await readAlert(page);
  await assertReflows(page, 'error page');

  await page.goto(ctx.episodeUrl(SEED_ID) + '&embed=1');
  await waitForEpisode(page);
  await assertReflows(page, 'compact view');
});

test('reflow: 10,000-character words in the title, a key point and section titles do not scroll sideways at 320 px', async (t) => {
  const page = await openPage(t, { viewport: NARROW });
  const digest = await ctx.getJson(`digests/${SEED_ID}.json`);
  const word = (c) => c.repeat(10_000);
  digest.id = LONG_ID;
  digest.title = `Long ${word('W')} title`;
  digest.source.title = word('S');
  digest.key_points[0] = typeof digest.key_points[0] === 'string' ? word('k') : { ...digest.key_points[0], text: word('k') };
  digest.sections[0].title = word('T');
  digest.sections[0].subsections[0].title = word('U');
  digest.sections[1].title = `https://example.org/${word('p')}`;
  const point = digest.sections[1].points[0];
  digest.sections[1].points[0] = typeof point === 'string' ? word('q') : { ...point, text: word('q') };
  await page.route(`**/digests/${LONG_ID}.json`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(digest) }),
  );
  await page.goto(ctx.episodeUrl(LONG_ID));
  await waitForEpisode(page);
  assert.equal(normalize(await page.locator('h1').innerText()), digest.title);
  assert.ok((await page.locator('.key-points li.point').first().innerText()).includes(word('k')));
  await assertReflows(page, 'long words, collapsed');
  await expandAll(page);
  await assertReflows(page, 'long words, expanded');
});

// ---------------------------------------------------------------------------------------------
// 4. Reduced motion

/** Holds the seed's digest request until `release()` so the loading skeleton stays up. */
async function holdDigest(page, id = SEED_ID) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(`**/digests/${id}.json`, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  return release;
}

function motion(page, selector) {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const s = getComputedStyle(el);
      const seconds = (list) => Math.max(...list.split(',').map((v) => parseFloat(v) * (v.trim().endsWith('ms') ? 0.001 : 1)));
      return {
        animationName: s.animationName,
        animation: s.animationName === 'none' ? 0 : seconds(s.animationDuration),
        transition: s.transitionProperty === 'none' ? 0 : seconds(s.transitionDuration),
        running: el.getAnimations().filter((a) => a.playState === 'running').length,
      };
    }),
  );
}

const still = (list) => list.every((m) => (m.animationName === 'none' || m.animation < 0.01) && m.transition < 0.01 && m.running === 0);

test('reduced motion: no shimmer, no chevron or card transitions', async (t) => {
  const page = await openPage(t, { reducedMotion: 'reduce' });
  const release = await holdDigest(page);
  t.after(() => release());
  await page.goto(ctx.episodeUrl(SEED_ID));
  await page.locator('.skeleton .skeleton-line').first().waitFor({ state: 'visible' });
  const skeleton = await motion(page, '.skeleton-line');
  assert.ok(skeleton.length > 0);
  assert.ok(still(skeleton), `skeleton lines still move: ${JSON.stringify(skeleton)}`);

  release();
  await waitForEpisode(page);
  const chevrons = await motion(page, '.subsection-toggle .chevron');
  assert.ok(chevrons.length > 0);
  assert.ok(still(chevrons), `chevrons still turn: ${JSON.stringify(chevrons)}`);
  await page.locator(TOGGLE).first().click();
  assert.deepEqual(await openSubsections(page), ['section-1-1']);
  assert.equal(await page.evaluate(() => document.getAnimations().length), 0, 'nothing animates when a subsection opens');

  await page.goto(ctx.base);
  await waitForLibrary(page);
  const cards = await motion(page, '.episode-card');
  assert.ok(still(cards), `cards still move: ${JSON.stringify(cards)}`);
  await page.locator('.episode-card').first().hover();
  assert.equal(await page.locator('.episode-card').first().evaluate((el) => getComputedStyle(el).transform), 'none', 'a hovered card does not lift');
  assert.equal(await page.evaluate(() => document.getAnimations().length), 0, 'nothing animates on hover');
});

test('without reduced motion the skeleton shimmers and the chevrons and cards transition (the check above can fail)', async (t) => {
  const page = await openPage(t, { reducedMotion: 'no-preference' });
  const release = await holdDigest(page);
  t.after(() => release());
  await page.goto(ctx.episodeUrl(SEED_ID));
  const line = page.locator('.skeleton .skeleton-line').first();
  await line.waitFor({ state: 'visible' });
  const skeleton = await motion(page, '.skeleton-line');
  assert.ok(skeleton.every((m) => m.animationName === 'skeleton-shimmer' && m.animation > 0.5 && m.running > 0), JSON.stringify(skeleton));
  const position = () => line.evaluate((el) => getComputedStyle(el).backgroundPosition);
  const before = await position();
  await sleep(250);
  assert.notEqual(await position(), before, 'the shimmer moves');

  release();
  await waitForEpisode(page);
  const chevrons = await motion(page, '.subsection-toggle .chevron');
  assert.ok(chevrons.every((m) => m.transition > 0.05), JSON.stringify(chevrons));
  await page.goto(ctx.base);
  await waitForLibrary(page);
  const cards = await motion(page, '.episode-card');
  assert.ok(cards.every((m) => m.transition > 0.05), JSON.stringify(cards));
});

// ---------------------------------------------------------------------------------------------
// 5. Semantics (spec section 8)

test('semantics: one h1, h2 blocks, h3 sections, subsections as details/summary with an h4 exposed as collapsed, <time datetime>, main[aria-busy]', async (t) => {
  const page = await openPage(t);
  const digest = await ctx.getJson(`digests/${SEED_ID}.json`);
  const site = await ctx.getJson('site.json');
  const release = await holdDigest(page);
  t.after(() => release());
  await page.goto(ctx.episodeUrl(SEED_ID));
  // While loading, main is busy.
  await page.locator('main#main[aria-busy="true"]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('main').count(), 1);
  release();
  await waitForEpisode(page);
  assert.equal(await page.locator('main#main').getAttribute('aria-busy'), 'false');
  assert.equal(await page.title(), `${SEED_TITLE} | ${site.name}`);

  // Exactly one h1: the title.
  const h1s = await page.locator('h1').allInnerTexts();
  assert.deepEqual(h1s.map(normalize), [SEED_TITLE]);
  assert.equal(await page.locator('article.episode h1.episode-title').count(), 1);

  // "Key Points" and "Details" are h2.
  assert.deepEqual((await page.locator('article.episode h2').allInnerTexts()).map(normalize), ['Key Points', 'Details']);
  assert.equal(await page.locator('section.key-points').getAttribute('aria-labelledby'), 'key-points-heading');
  assert.equal(await page.locator('#key-points-heading').evaluate((el) => el.tagName), 'H2');
  assert.equal(await page.locator('#details-heading').evaluate((el) => el.tagName), 'H2');

  // Each section title is an h3 under Details, in order.
  const titles = await page.locator('section.details .section-title').evaluateAll((els) =>
    els.map((el) => ({ tag: el.tagName, text: el.querySelector('.section-text')?.textContent.trim() })),
  );
  assert.deepEqual(
    titles,
    digest.sections.map((s) => ({ tag: 'H3', text: s.title })),
  );
  assert.equal(await page.locator('section.details h3').count(), digest.sections.length);

  // No heading level is skipped in the article.
  const levels = await page.locator('article.episode').evaluate((el) =>
    [...el.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
  );
  levels.forEach((level, i) => assert.ok(i === 0 ? level === 1 : level <= levels[i - 1] + 1, `heading levels ${levels.join(' ')}`));

  // Each subsection is a native details, closed, whose summary (its first child, in the tab order)
  // holds an h4 with the number and title; the body follows the summary.
  const subsections = digest.sections.flatMap((s, i) => (s.subsections ?? []).map((sub, j) => ({ sub, n: i + 1, m: j + 1 })));
  const toggles = await page.locator('.subsection .subsection-toggle').evaluateAll((els) =>
    els.map((el) => ({
      tag: el.tagName,
      parent: el.parentElement.tagName,
      first: el.parentElement.firstElementChild === el,
      open: el.parentElement.open,
      tabIndex: el.tabIndex,
      heading: el.querySelector(':scope > h4.subsection-heading') !== null,
      body: el.nextElementSibling?.id === `${el.parentElement.id}-body`,
    })),
  );
  assert.equal(toggles.length, subsections.length);
  for (const toggle of toggles) {
    assert.deepEqual(
      toggle,
      { tag: 'SUMMARY', parent: 'DETAILS', first: true, open: false, tabIndex: 0, heading: true, body: true },
      JSON.stringify(toggle),
    );
  }
  // What assistive technology gets (Chromium's accessibility tree): each summary is a focusable
  // disclosure control with its expanded state, named by the number and title, and the h4 inside
  // it stays a level-4 heading for heading navigation.
  const title = ({ sub, n, m }) => `${n}.${m}. ${sub.title}${sub.locked ? ' Locked' : ''}`;
  const exposed = (expanded) =>
    subsections.map((s) => ({ role: 'DisclosureTriangle', name: title(s), expanded, focusable: true, heading: { name: title(s), level: 4 } }));
  assert.deepEqual(await accessibleSubsections(page), exposed(false));
  await page.locator(TOGGLE).first().click();
  const after = await accessibleSubsections(page);
  assert.deepEqual(after.map((s) => s.expanded), exposed(false).map((_, i) => i === 0));

  // Dates and timestamps use <time datetime>.
  const date = await page.locator('.episode-date time').getAttribute('datetime');
  assert.equal(date, digest.published);
  const stamps = await page.locator('a.timestamp').evaluateAll((els) =>
    els.map((a) => ({ datetime: a.querySelector('time')?.getAttribute('datetime') ?? null, text: a.querySelector('time')?.textContent.trim() ?? null })),
  );
  assert.ok(stamps.length > 0, 'the seed has timestamps');
  for (const stamp of stamps) {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(stamp.datetime ?? '');
    assert.ok(m && stamp.datetime !== 'PT', `timestamp without a valid <time datetime>: ${JSON.stringify(stamp)}`);
    const seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
    assert.equal(stamp.text, clock(seconds), `the shown time matches datetime ${stamp.datetime}`);
  }
  const duration = page.locator('.source-duration time');
  if ((await duration.count()) > 0) assert.match((await duration.getAttribute('datetime')) ?? '', /^PT/);
  // Every <time> has a datetime.
  assert.equal(await page.locator('time:not([datetime])').count(), 0);
});
