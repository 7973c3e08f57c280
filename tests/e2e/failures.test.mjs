// Every failure of spec section 7 gets a message in role="alert", with a retry only where it can help
// (a 404 may be a file not uploaded yet; a 410, a bad file or a refusal will not change).
// The tests of this file run concurrently (each in its own browser context), so that the 15 s
// timeout test does not add to the suite's time.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  setup, waitForEpisode, readAlert, headingText, serve, recordRequests, readJson, sleep, FIXTURES, SEED_ID, SEED_TITLE,
} from './helpers.mjs';

const ctx = setup();

/** The seed digest's bytes, as served. */
const seedBody = async () => Buffer.from(await (await fetch(new URL(`digests/${SEED_ID}.json`, ctx.base))).arrayBuffer());

/**
 * Serves the seed digest, with CORS, for every request to another origin that matches `pattern`;
 * returns the URLs requested there.
 */
async function serveSeedElsewhere(page, pattern) {
  const requested = [];
  await page.context().route(pattern, async (route) => {
    requested.push(route.request().url());
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: await seedBody(),
    });
  });
  return requested;
}

/** Checks the "Back to the library" link of a failure message. */
async function assertBackLink(page) {
  const back = page.locator('[role="alert"] .error-actions a', { hasText: 'Back to the library' });
  assert.equal(await back.count(), 1);
  const href = await back.evaluate((a) => a.href);
  assert.equal(new URL(href).pathname, '/reader/');
}

/** Checks a failure message against a case: its title, its detail (text or pattern), its retry. */
function assertMessage(alert, { title, detail, retry }) {
  assert.equal(alert.title, title);
  if (detail instanceof RegExp) assert.match(alert.detail, detail);
  else assert.equal(alert.detail, detail);
  assert.equal(alert.retryButtons, retry ? 1 : 0, retry ? 'a retry is offered' : 'no retry is offered');
}

/**
 * One request for digest `id`, one answer, one message. `answer` is served for the digest (status,
 * body, content type); without it the file comes from tests/e2e/fixtures/digests.
 */
const ANSWERS = [
  {
    name: '410: gone for good, no retry',
    id: 'gone',
    answer: { status: 410, body: 'Gone', contentType: 'text/plain' },
    title: "We couldn't find this episode",
    detail: /^There is no file at \S+gone\.json \(HTTP 410\)\. The link may be mistyped, or the episode was removed\.$/,
    retry: false,
  },
  {
    name: '500: the server fails',
    id: 'x',
    answer: { status: 500, body: 'Internal Server Error', contentType: 'text/plain' },
    title: 'The server had a problem',
    detail: 'It answered with an error (HTTP 500). This is usually temporary: try again in a moment.',
    retry: true,
    backLink: true,
  },
  {
    name: '403: the server refuses',
    id: 'x',
    answer: { status: 403, body: 'Forbidden', contentType: 'text/plain' },
    title: 'The server would not send this episode',
    detail: 'It answered HTTP 403.',
    retry: true,
  },
  {
    name: 'not JSON: the message says where it breaks',
    id: 'broken-json',
    title: 'This episode file is damaged',
    // The fixture misses the comma at the end of line 4; the parser notices at line 5, column 3.
    detail: 'It is not valid JSON: line 5, column 3: expected `,` or `}`.',
    retry: false,
    backLink: true,
  },
  {
    name: 'not JSON at all (an HTML error page served as 200)',
    id: 'html',
    answer: { body: '<!doctype html>\n<p>Oops</p>', contentType: 'text/html' },
    title: 'This episode file is damaged',
    detail: /^It is not valid JSON: line 1, column 1: .+\.$/,
    retry: false,
  },
  {
    name: 'not UTF-8 text',
    id: 'latin',
    answer: { body: Buffer.concat([Buffer.from('{"format": "digest/v1", "title": "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]) },
    title: 'This episode file is damaged',
    detail: 'It is not readable text (UTF-8).',
    retry: false,
  },
  {
    name: 'an unknown format says which format it found',
    id: 'future-format',
    title: "This episode uses a format this reader can't open",
    detail: 'The file says its format is "digest/v2"; this reader understands digest/v1.',
    retry: false,
  },
  {
    name: 'a body over 5 MB is refused',
    id: 'huge',
    answer: { body: `{"format":"digest/v1","padding":"${'x'.repeat(6 * 1024 * 1024)}"}` },
    title: 'This episode file is too large',
    detail: 'It is larger than 5 MB, the most this reader loads.',
    retry: false,
  },
];

describe('failures', { concurrency: 4 }, () => {
  test('no answer within 15 seconds', { timeout: 30_000 }, async (t) => {
    const page = await ctx.newPage(t);
    let requested = false;
    await page.route('**/digests/slow.json', () => {
      requested = true; // never answered
    });
    const start = Date.now();
    await page.goto(ctx.episodeUrl('slow'));
    await page.locator('main#main[aria-busy="true"]').waitFor({ state: 'attached' });
    const alert = await readAlert(page, { timeout: 25_000 });
    // The app's clock starts after the navigation began: it cannot give up before 15 s from here.
    const waited = Date.now() - start;
    assert.ok(requested, 'the digest was requested');
    assert.ok(waited >= 14_900 && waited <= 25_000, `gave up after ${waited} ms`);
    assert.equal(alert.title, 'The server took too long');
    assert.equal(alert.detail, 'No complete answer arrived within 15 seconds. Try again, perhaps on a better connection.');
    assert.equal(alert.retryButtons, 1);
    assert.equal(await page.locator('main#main').getAttribute('aria-busy'), 'false');
  });

  for (const { name, id, answer, backLink, ...expected } of ANSWERS) {
    test(name, async (t) => {
      const page = await ctx.newPage(t);
      if (answer) {
        const { body, ...options } = answer;
        await serve(page, `**/digests/${id}.json`, body, options);
      }
      await page.goto(ctx.episodeUrl(id));
      assertMessage(await readAlert(page), expected);
      assert.equal(await page.locator('article.episode').count(), 0);
      if (backLink) await assertBackLink(page);
    });
  }

  test('404: an unknown episode', async (t) => {
    const page = await ctx.newPage(t);
    const digestRequests = recordRequests(page, /\/digests\/no-such-episode\.json$/);
    await page.goto(ctx.episodeUrl('no-such-episode'));
    const alert = await readAlert(page);
    assert.equal(alert.title, "We couldn't find this episode");
    assert.equal(alert.headingTag, 'H1', 'the failure is what the page is about: its one h1');
    assert.equal(await page.locator('h1').count(), 1);
    const detail = /^There is no file at (\S+) \(HTTP 404\)\. The link may be mistyped, or the episode was removed\.$/.exec(alert.detail);
    assert.ok(detail, `detail: ${alert.detail}`);
    assert.match(detail[1], /(^|\/)digests\/no-such-episode\.json$/);
    assert.equal(alert.retryButtons, 1);
    assert.equal(alert.alerts, 1);
    assert.equal(digestRequests.length, 1);
    assert.equal(await page.locator('article.episode').count(), 0);
    await assertBackLink(page);
  });

  for (const { status, body, title, why } of [
    { status: 503, body: 'Service Unavailable', title: 'The server had a problem', why: 'once the server is back' },
    { status: 404, body: 'Not Found', title: "We couldn't find this episode", why: 'once the publisher has uploaded it' },
  ]) {
    test(`${status}, then "Try again" loads the episode ${why}`, async (t) => {
      const page = await ctx.newPage(t);
      let calls = 0;
      await page.route(`**/digests/${SEED_ID}.json`, (route) => {
        calls += 1;
        return calls === 1 ? route.fulfill({ status, body }) : route.continue();
      });
      await page.goto(ctx.episodeUrl(SEED_ID));
      const alert = await readAlert(page);
      assert.equal(alert.title, title);
      assert.match(alert.detail, new RegExp(`\\(HTTP ${status}\\)`));
      assert.equal(alert.retryButtons, 1);
      assert.equal(calls, 1);

      await page.getByRole('button', { name: 'Try again' }).click();
      await waitForEpisode(page);
      assert.equal(calls, 2);
      assert.equal(await headingText(page), SEED_TITLE);
      assert.equal(await page.locator('[role="alert"]').count(), 0);
    });
  }

  test('network down, then "Try again" works when it is back', async (t) => {
    const page = await ctx.newPage(t);
    let down = true;
    await page.route(`**/digests/${SEED_ID}.json`, (route) =>
      down ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.goto(ctx.episodeUrl(SEED_ID));
    const alert = await readAlert(page);
    assert.equal(alert.title, "Couldn't reach the server");
    assert.equal(alert.detail, 'Check your internet connection, then try again.');
    assert.equal(alert.retryButtons, 1);

    down = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await waitForEpisode(page);
    assert.equal(await headingText(page), SEED_TITLE);
  });

  test('an invalid digest lists the fields at fault', async (t) => {
    const page = await ctx.newPage(t);
    await page.goto(ctx.episodeUrl('invalid-digest'));
    const alert = await readAlert(page);
    assert.equal(alert.title, 'This episode file is not valid');
    assert.equal(alert.detail, "The publisher's file has 2 mistakes:");
    assert.deepEqual([...alert.problems].sort(), ['sections[3].title: missing', 'source.url: not an http(s) URL']);
    assert.deepEqual(
      (await page.locator('[role="alert"] .error-problems li code').allInnerTexts()).sort(),
      ['sections[3].title', 'source.url'],
    );
    assert.equal(alert.retryButtons, 0);
    // Nothing of the invalid digest is rendered, and no javascript: link exists.
    assert.equal(await page.locator('article.episode').count(), 0);
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  });

  test('one mistake reads in the singular', async (t) => {
    const page = await ctx.newPage(t);
    const digest = readJson(path.join(FIXTURES, 'digests', 'invalid-digest.json'));
    digest.source.url = 'https://example.org/ok';
    await serve(page, '**/digests/one-mistake.json', digest);
    await page.goto(ctx.episodeUrl('one-mistake'));
    const alert = await readAlert(page);
    assert.equal(alert.detail, "The publisher's file has a mistake:");
    assert.deepEqual(alert.problems, ['sections[3].title: missing']);
  });

  for (const badId of ['../secret', 'DeepSeek', 'a b']) {
    test(`an invalid id (${JSON.stringify(badId)}) gets a message and no request`, async (t) => {
      const page = await ctx.newPage(t);
      const digestRequests = recordRequests(page, /\/digests\/(?!index\.json)[^/]*$|secret/);
      await page.goto(`${ctx.base}?episode=${encodeURIComponent(badId)}`);
      const alert = await readAlert(page);
      assert.equal(alert.title, 'This link does not name an episode');
      assert.equal(alert.detail, `"${badId}" is not a valid episode id: ids use lowercase letters, digits and -.`);
      assert.equal(alert.retryButtons, 0);
      await sleep(200);
      assert.deepEqual(digestRequests, []);
    });
  }

  // The message names the origin as the browser reads it, not the address as written.
  for (const [src, origin] of [
    ['https://evil.example/x.json', 'https://evil.example'],
    ['HTTPS://Evil.Example:443/d/x.json?user=1', 'https://evil.example'],
    ['http://evil.example:8080/x.json', 'http://evil.example:8080'],
  ]) {
    test(`?src= of an origin that is not allowed (${src}) is refused without a request`, async (t) => {
      const page = await ctx.newPage(t);
      const evil = await serveSeedElsewhere(page, /^https?:\/\/evil\.example(:\d+)?\//);
      await page.goto(`${ctx.base}?src=${encodeURIComponent(src)}`);
      assertMessage(await readAlert(page), {
        title: 'This source is not allowed',
        detail: `This site does not load digests from ${origin}. It loads its own digests and those of the sites listed in its allowed sources.`,
        retry: false,
      });
      await sleep(200);
      assert.deepEqual(evil, []);
      assert.equal(await page.locator('article.episode').count(), 0);
    });
  }

  test('?src= that is not an http(s) URL is refused', async (t) => {
    const page = await ctx.newPage(t);
    await page.goto(`${ctx.base}?src=${encodeURIComponent('javascript:alert(1)')}`);
    const alert = await readAlert(page);
    assert.equal(alert.title, 'This link does not point to a digest');
    assert.equal(alert.detail, '"javascript:alert(1)" is not an http(s) address.');
    assert.equal(alert.retryButtons, 0);
  });

  test('?src= of a same-origin URL loads that digest', async (t) => {
    const page = await ctx.newPage(t);
    const src = new URL(`digests/${SEED_ID}.json`, ctx.base).href;
    await page.goto(`${ctx.base}?src=${encodeURIComponent(src)}`);
    await waitForEpisode(page);
    assert.equal(await headingText(page), SEED_TITLE);
    assert.equal(await page.locator('section.details section.section').count(), 7);
    assert.equal(await page.locator('[role="alert"]').count(), 0);
  });

  test('?src= of an origin listed in allowed_sources loads that digest', async (t) => {
    const page = await ctx.newPage(t);
    const site = await ctx.getJson('site.json');
    site.allowed_sources = ['https://other.example'];
    await serve(page, '**/site.json', site);
    const other = await serveSeedElsewhere(page, 'https://other.example/**');
    await page.goto(`${ctx.base}?src=${encodeURIComponent('https://other.example/d/seed.json')}`);
    await waitForEpisode(page);
    assert.equal(await headingText(page), SEED_TITLE);
    assert.deepEqual(other, ['https://other.example/d/seed.json']);
  });

  test('while the digest loads, main is aria-busy="true"; "false" after', async (t) => {
    const page = await ctx.newPage(t);
    // The digest is held back until the loading state has been checked (not for a fixed time,
    // which a loaded machine can outlast).
    let released = 0;
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(`**/digests/${SEED_ID}.json`, async (route) => {
      await held;
      released = Date.now();
      await route.continue();
    });
    await page.goto(ctx.episodeUrl(SEED_ID), { waitUntil: 'commit' });
    await page.locator('main#main[aria-busy="true"]').waitFor({ state: 'attached' });
    // site.json may come first ("Loading…"); then the digest, held back for a second.
    await page.locator('main#main[aria-busy="true"] [role="status"]', { hasText: 'Loading episode…' }).waitFor({ state: 'attached' });
    assert.equal(released, 0, 'busy was seen while the digest was held back');
    assert.equal(await page.locator('main#main').getAttribute('aria-busy'), 'true');
    assert.equal(await page.locator('article.episode h1').count(), 0);
    assert.equal(await page.locator('main#main .skeleton[aria-hidden="true"]').count(), 1);
    release();
    await waitForEpisode(page);
    assert.ok(released > 0);
    assert.equal(await page.locator('main#main').getAttribute('aria-busy'), 'false');
    assert.equal(await page.locator('main#main .skeleton').count(), 0);
  });

  test('a missing site.json is not fatal, and the console says so', async (t) => {
    const page = await ctx.newPage(t);
    await page.route('**/site.json', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    await page.goto(ctx.episodeUrl(SEED_ID));
    await waitForEpisode(page);
    assert.equal(await headingText(page), SEED_TITLE);
    assert.ok(
      page.consoleMessages.some((m) => /site\.json/.test(m) && !/Failed to load resource/.test(m)),
      `console: ${JSON.stringify(page.consoleMessages)}`,
    );
  });

  test('a broken site.json is not fatal either', async (t) => {
    const page = await ctx.newPage(t);
    await serve(page, '**/site.json', '{"name": ');
    await page.goto(ctx.episodeUrl(SEED_ID));
    await waitForEpisode(page);
    assert.equal(await headingText(page), SEED_TITLE);
    assert.ok(page.consoleMessages.some((m) => /site\.json/.test(m)), `console: ${JSON.stringify(page.consoleMessages)}`);
  });

  test('a site.json over its own limit is not fatal, and the console names that limit', async (t) => {
    const page = await ctx.newPage(t);
    // Over the 256 KB a site configuration may have, far under the library index's 50 MB.
    await serve(page, '**/site.json', `{"name": "Big", "padding": "${'x'.repeat(300 * 1024)}"}`);
    await page.goto(ctx.episodeUrl(SEED_ID));
    await waitForEpisode(page);
    assert.equal(await headingText(page), SEED_TITLE);
    const warning = page.consoleMessages.find((m) => /site\.json could not be loaded/.test(m));
    assert.ok(warning, `console: ${JSON.stringify(page.consoleMessages)}`);
    assert.match(warning, /larger than 256 KB, the most this reader loads/);
  });
});
