// The reference episode renders like the seed page: same text, same order, the documented semantics.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  setup, waitForEpisode, normalize, escapeRegExp, clock, readJson,
  FIXTURES, SEED_ID, SEED_TITLE, SEED_PAGE,
} from './helpers.mjs';
import { toggleOf } from './subsection-helpers.mjs';

const ctx = setup();

/** Every non-empty line of the seed page, bullets and the colons of "Key Points:"/"Details:" removed. */
function seedLines() {
  return fs
    .readFileSync(SEED_PAGE, 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/^•\s*/, ''))
    .filter((line) => line !== '')
    .map((line) => (line === 'Key Points:' || line === 'Details:' ? line.slice(0, -1) : line));
}

/**
 * A pattern for one seed line. Words keep their spacing (any whitespace); numbered headings
 * ("1. 🌐 Title", "1.1. Title") are rendered as separate spans, so around their pieces the
 * whitespace may be absent.
 */
function linePattern(line) {
  const heading = /^(\d+\.(?:\d+\.)*)\s+(.*)$/.exec(line);
  if (!heading) return escapeRegExp(line).replace(/\s+/g, '\\s+');
  const [, number, rest] = heading;
  const words = rest.split(/\s+/);
  // An emoji (no letters or digits) as first word may stick to the number and to the title.
  const startsWithEmoji = !/[\p{L}\p{N}]/u.test(words[0]);
  const title = (startsWithEmoji ? words.slice(1) : words).map(escapeRegExp).join('\\s+');
  const emoji = startsWithEmoji ? `${escapeRegExp(words[0])}\\s*` : '';
  return `${escapeRegExp(number)}\\s*${emoji}${title}`;
}

test('the whole text of the seed page appears, in order and word for word', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  // Compare the words themselves: CSS may show some in capitals (text-transform), which is styling.
  await page.addStyleTag({ content: '* { text-transform: none !important; }' });
  const text = await page.evaluate(() => document.body.innerText);
  const lines = seedLines();
  assert.equal(lines.length, 53, 'the seed page has 53 non-empty lines');
  let from = 0;
  for (const [index, line] of lines.entries()) {
    const pattern = new RegExp(linePattern(line), 'gu');
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    assert.ok(
      match,
      `seed line ${index + 1} not found after the previous one:\n  ${line}\n` +
        `text after the previous match:\n  ${normalize(text.slice(from, from + 400))}`,
    );
    from = match.index + match[0].length;
  }
});

test('one h1 with the title; the page title names the episode and the site', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(normalize(await page.locator('h1').innerText()), SEED_TITLE);
  assert.equal(await page.locator('h1').getAttribute('class'), 'episode-title');
  const title = await page.title();
  assert.ok(title.includes(SEED_TITLE), `document.title: ${title}`);
  assert.ok(title.includes('Digestly'), `document.title: ${title}`);
  assert.equal(normalize(await page.locator('header.site-header a.brand').innerText()), 'Digestly');
});

test('the date is a <time> reading "Jan 29, 2025"', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  const time = page.locator('.episode-header .episode-date time');
  assert.equal(await time.count(), 1);
  assert.equal(await time.getAttribute('datetime'), '2025-01-29');
  // The text itself (CSS may display it in capitals).
  assert.equal(normalize(await time.textContent()), 'Jan 29, 2025');
});

test('"Key Points" and "Details" are h2 headings; every section title is an h3', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  const digest = await ctx.getJson(`digests/${SEED_ID}.json`);

  const keyPoints = page.getByRole('heading', { name: 'Key Points', exact: true });
  const details = page.getByRole('heading', { name: 'Details', exact: true });
  assert.equal(await keyPoints.count(), 1);
  assert.equal(await details.count(), 1);
  assert.equal(await keyPoints.evaluate((el) => el.tagName), 'H2');
  assert.equal(await details.evaluate((el) => el.tagName), 'H2');

  // The key points, in order.
  const keyPointTexts = (await page.locator('section.key-points li.point').allInnerTexts()).map(normalize);
  assert.deepEqual(keyPointTexts, digest.key_points.map((p) => (typeof p === 'string' ? p : p.text)));

  const sections = page.locator('section.details section.section');
  assert.equal(await sections.count(), digest.sections.length);
  assert.equal(digest.sections.length, 7);
  for (const [i, section] of digest.sections.entries()) {
    const n = i + 1;
    const heading = page.locator(`#section-${n} > h3.section-title`);
    assert.equal(await heading.count(), 1, `section ${n} has one h3`);
    assert.equal(await heading.getAttribute('id'), `section-${n}-heading`);
    assert.equal(normalize(await heading.locator('.section-number').innerText()), `${n}.`);
    assert.equal(normalize(await heading.locator('.section-emoji').innerText()), section.emoji);
    assert.equal(normalize(await heading.locator('.section-text').innerText()), section.title);
    assert.equal(await page.locator(`#section-${n}`).getAttribute('aria-labelledby'), `section-${n}-heading`);
  }
  // Subsections are numbered 1.1., 1.2., titled from the file, and locked ones show a lock.
  for (const [j, sub] of digest.sections[0].subsections.entries()) {
    const toggle = toggleOf(page, `section-1-${j + 1}`);
    assert.equal(normalize(await toggle.locator('.subsection-number').innerText()), `1.${j + 1}.`);
    assert.equal(normalize(await toggle.locator('.subsection-title').innerText()), sub.title);
    assert.equal(await toggle.locator('.lock[aria-label="Locked"]').count(), sub.locked ? 1 : 0);
  }
});

test('the source line reads "channel - title" and links to the original', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  const link = page.locator('.episode-header .episode-source a.source-link');
  assert.equal(await link.count(), 1);
  assert.equal(normalize(await link.innerText()), 'Fireship - DeepSeek stole our tech... says OpenAI');
  assert.equal(await link.getAttribute('href'), 'https://www.youtube.com/watch?v=EXAMPLE');
  const rel = (await link.getAttribute('rel')) ?? '';
  assert.ok(rel.split(/\s+/).includes('noopener'), `rel="${rel}"`);
});

test('"View Full Content" links to the full content', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  const link = page.getByRole('link', { name: 'View Full Content', exact: true });
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute('href'), 'https://example.org/episodes/deepseek-stole-our-tech');
  assert.ok(await link.isVisible());
});

test('a relative "View Full Content" link opens the page next to the app', async (t) => {
  const id = 'hidden-cost-of-always-on-ai-data-centres';
  const digest = await ctx.getJson(`digests/${id}.json`);
  assert.ok(!/^[a-z]+:/i.test(digest.full_content_url), 'the sample uses a relative URL');
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(id));
  await waitForEpisode(page);
  const link = page.getByRole('link', { name: 'View Full Content', exact: true });
  assert.equal(await link.getAttribute('href'), digest.full_content_url);
  const [response] = await Promise.all([page.waitForNavigation(), link.click()]);
  assert.equal(response.status(), 200);
  assert.equal(page.url(), `${ctx.base}${digest.full_content_url}`);
  assert.equal(normalize(await page.locator('h1').innerText()), normalize(digest.title));
});

test('the upgrade banner shows headline, detail and an "Upgrade to Plus" link from site.json', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  const site = await ctx.getJson('site.json');
  const banner = page.locator('aside.upgrade-banner');
  assert.equal(await banner.count(), 1);
  assert.ok(await banner.isVisible());
  assert.equal(normalize(await banner.locator('.upgrade-headline').innerText()), site.upgrade.headline);
  assert.equal(
    normalize(await banner.locator('.upgrade-headline').innerText()),
    'Upgrade to Plus to unlock complete episodes, key insights, and in-depth analysis',
  );
  assert.equal(normalize(await banner.locator('.upgrade-detail').innerText()), 'Starting at $5/month. Cancel anytime.');
  const cta = banner.getByRole('link', { name: 'Upgrade to Plus', exact: true });
  assert.equal(await cta.count(), 1);
  assert.equal(await cta.getAttribute('href'), site.upgrade.cta_url);
});

test('timestamps are <time> elements inside links to that moment (?t=)', async (t) => {
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(SEED_ID));
  await waitForEpisode(page);
  const digest = await ctx.getJson(`digests/${SEED_ID}.json`);

  // Every at_seconds of the file (key points, sections, their points, unlocked subsections).
  const moments = [];
  const pointMoments = (points = []) => points.forEach((p) => typeof p === 'object' && p.at_seconds != null && moments.push(p.at_seconds));
  pointMoments(digest.key_points);
  for (const section of digest.sections) {
    if (section.at_seconds != null) moments.push(section.at_seconds);
    pointMoments(section.points);
    for (const sub of section.subsections ?? []) if (!sub.locked) pointMoments(sub.points);
  }
  assert.ok(moments.length >= 7, 'the seed has timestamps');

  const stamps = page.locator('article.episode a.timestamp');
  assert.equal(await stamps.count(), moments.length);
  const seen = await stamps.evaluateAll((links) =>
    links.map((a) => ({
      href: a.getAttribute('href'),
      times: a.querySelectorAll('time').length,
      datetime: a.querySelector('time')?.getAttribute('datetime'),
      text: a.querySelector('time')?.textContent.trim(),
    })),
  );
  for (const stamp of seen) {
    assert.equal(stamp.times, 1, `one <time> in ${stamp.href}`);
    const url = new URL(stamp.href);
    assert.equal(url.origin + url.pathname, 'https://www.youtube.com/watch');
    assert.equal(url.searchParams.get('v'), 'EXAMPLE');
    assert.match(url.searchParams.get('t') ?? '', /^\d+$/);
    assert.equal(stamp.text, clock(Number(url.searchParams.get('t'))));
    assert.match(stamp.datetime ?? '', /^PT(\d+H)?(\d+M)?\d+(\.\d+)?S$|^PT(\d+H)?(\d+M)?$/);
  }
  assert.deepEqual(
    seen.map((s) => Number(new URL(s.href).searchParams.get('t'))).sort((a, b) => a - b),
    moments.map(Math.floor).sort((a, b) => a - b),
  );

  // The two documented examples: section 2 at 0:41, its second point at 1:03.
  const section2 = page.locator('#section-2 > h3 a.timestamp');
  assert.equal(await section2.getAttribute('href'), 'https://www.youtube.com/watch?v=EXAMPLE&t=41');
  assert.equal(normalize(await section2.innerText()), '0:41');
  const point = page.locator('#section-2 > ul.points > li.point').nth(1).locator('a.timestamp');
  assert.equal(await point.getAttribute('href'), 'https://www.youtube.com/watch?v=EXAMPLE&t=63');
  assert.equal(await point.locator('time').getAttribute('datetime'), 'PT1M3S');
  assert.equal(normalize(await point.innerText()), '1:03');
  // Section 1 has no at_seconds: no timestamp in its heading.
  assert.equal(await page.locator('#section-1 > h3 a.timestamp').count(), 0);
});

test('a digest without source.url shows the source as text and no timestamps; RFC 3339 dates read as dates', async (t) => {
  // A fixture, not a sample: the samples may change, and this case must not quietly go untested.
  const digest = readJson(path.join(FIXTURES, 'digests', 'no-source-url.json'));
  assert.equal(digest.source.url, undefined);
  assert.ok(JSON.stringify(digest).includes('"at_seconds"'), 'offsets that could have been links');
  assert.match(digest.published, /T/, 'an RFC 3339 date-time');
  const page = await ctx.newPage(t);
  await page.goto(ctx.episodeUrl(digest.id));
  await waitForEpisode(page);
  assert.equal(normalize(await page.locator('h1').innerText()), normalize(digest.title));
  assert.equal(await page.locator('.episode-source a').count(), 0);
  assert.equal(
    normalize(await page.locator('.episode-source .source-text').innerText()),
    normalize(`${digest.source.channel} - ${digest.source.title}`),
  );
  assert.equal(await page.locator('a.timestamp').count(), 0);
  const published = new Date(digest.published);
  const expected = published.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  assert.equal(normalize(await page.locator('.episode-date time').textContent()), expected);
  assert.ok((await page.locator('.episode-date time').getAttribute('datetime')).startsWith(digest.published.slice(0, 10)));
});

test('text from the file is shown as text, never as HTML', async (t) => {
  const page = await ctx.newPage(t);
  const nasty = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await page.route('**/digests/html-in-text.json', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        format: 'digest/v1',
        id: 'html-in-text',
        published: '2025-01-29',
        title: `Title ${nasty}`,
        source: { channel: 'Chan <i>nel</i>', title: 'T', url: 'https://example.org/v' },
        summary: `First paragraph ${nasty}`,
        key_points: [`Point ${nasty}`],
        sections: [{ title: `Section ${nasty}`, points: [`Deep ${nasty}`] }],
      }),
    }),
  );
  await page.goto(ctx.episodeUrl('html-in-text'));
  await waitForEpisode(page);
  assert.equal(normalize(await page.locator('h1').innerText()), `Title ${nasty}`);
  assert.equal(normalize(await page.locator('.source-link').innerText()), 'Chan <i>nel</i> - T');
  assert.equal(normalize(await page.locator('section.summary').innerText()), `First paragraph ${nasty}`);
  assert.equal(normalize(await page.locator('section.key-points li.point').innerText()), `Point ${nasty}`);
  assert.equal(normalize(await page.locator('#section-1 .section-text').innerText()), `Section ${nasty}`);
  assert.equal(normalize(await page.locator('#section-1 li.point').innerText()), `Deep ${nasty}`);
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.locator('main b, main i').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('summary paragraphs are split at blank lines', async (t) => {
  const page = await ctx.newPage(t);
  await page.route('**/digests/two-paragraphs.json', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        format: 'digest/v1',
        id: 'two-paragraphs',
        published: '2025-01-29',
        title: 'Two <paragraphs>',
        source: { channel: 'C', title: 'T' },
        summary: 'First paragraph, <b>one</b>.\n\nSecond paragraph.',
        key_points: [],
        sections: [],
      }),
    }),
  );
  await page.goto(ctx.episodeUrl('two-paragraphs'));
  await waitForEpisode(page);
  assert.equal(normalize(await page.locator('h1').innerText()), 'Two <paragraphs>');
  assert.deepEqual(
    (await page.locator('section.summary p').allInnerTexts()).map(normalize),
    ['First paragraph, <b>one</b>.', 'Second paragraph.'],
  );
  assert.equal(await page.locator('section.summary b').count(), 0);
});
