// Embedding (spec section 6, issue 4): script embeds in shadow roots and the iframe compact view,
// on a host page of ANOTHER origin (another port) than the reader, with a hostile stylesheet
// (fixtures-embed/hostile.css). The reader is served with CORS, as a host of embeds must be.

import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import {
  setup, normalize, escapeRegExp, assertEventually, sleep, readJson, DIST, FIXTURES, REPO,
} from './helpers.mjs';
import { TOGGLE, OPEN, CLOSED, subsectionState as stateIn, toggleOf } from './subsection-helpers.mjs';

// The browser (and `newPage`, with its panic check) of the shared setup; the reader of these
// tests is a second server of the same build that answers other origins (CORS).
const ctx = setup();
const here = path.dirname(fileURLToPath(import.meta.url));
const HOST_FIXTURES = path.join(here, 'fixtures-embed');

/** The reader's root URL (CORS), e.g. `http://127.0.0.1:41234/reader/`. */
let app = '';
/** The host pages' root URL: another port, so another origin. */
let host = '';
let appServer;
let hostServer;

before(async () => {
  appServer = await startServer({ root: DIST, overlays: [FIXTURES], cors: true });
  hostServer = await startServer({ root: HOST_FIXTURES, prefix: '/host/' });
  app = appServer.url;
  host = hostServer.url;
  assert.notEqual(new URL(app).origin, new URL(host).origin, 'the host page must be of another origin');
});

after(async () => {
  await appServer?.close();
  await hostServer?.close();
});

const SITE = readJson(path.join(REPO, 'public', 'site.json'));
const INDEX = readJson(path.join(REPO, 'public', 'digests', 'index.json'));
const digestOf = (id) => readJson(path.join(REPO, 'public', 'digests', `${id}.json`));

/** The first subsection (in page order) that is unlocked and has points: `section-N-M`. */
function unlockedSubsection(digest) {
  for (const [i, section] of digest.sections.entries()) {
    for (const [j, sub] of (section.subsections ?? []).entries()) {
      if (!sub.locked && (sub.points ?? []).length > 0) return `section-${i + 1}-${j + 1}`;
    }
  }
  return null;
}

// The sample episodes, in index order, that have an unlocked subsection to open.
const SAMPLES = INDEX.episodes.map((entry) => digestOf(entry.id)).filter((digest) => unlockedSubsection(digest));
assert.ok(SAMPLES.length >= 3, 'three sample episodes with an unlocked subsection');
const [A, B, C] = SAMPLES;
assert.notEqual(A.title, B.title);

const digestUrl = (id) => `${app}digests/${id}.json`;
const NOPE = () => `${app}digests/nope.json`;

/** The host page with one script embed per digest URL (after a host button `#before-N` each). */
function hostPage(...digests) {
  const query = new URLSearchParams({ app });
  for (const url of digests) query.append('digest', url);
  return `${host}host.html?${query}`;
}

/**
 * `nope.json` answers 404 WITH `Access-Control-Allow-Origin`, as static hosts that serve embeds do
 * (tests/e2e/server.mjs sends its 404s without CORS headers, which the browser would report as a
 * network failure to another origin, not as a missing file).
 */
async function routeNope(page) {
  await page.route('**/digests/nope.json', (route) =>
    route.fulfill({
      status: 404,
      headers: { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' },
      body: 'Not Found\n',
    }),
  );
}

/**
 * A new page of the host with one script embed per id, in order (`#embed-1`, …); `'nope'` is the
 * missing digest (answered 404). Returns once each embed shows its episode or its failure.
 */
async function openHost(t, ...ids) {
  const page = await ctx.newPage(t);
  if (ids.includes('nope')) await routeNope(page);
  await page.goto(hostPage(...ids.map((id) => (id === 'nope' ? NOPE() : digestUrl(id)))));
  for (const [i, id] of ids.entries()) {
    if (id === 'nope') await page.locator(`#embed-${i + 1} [role="alert"]`).waitFor({ state: 'visible' });
    else await waitForEmbed(page, `#embed-${i + 1}`);
  }
  return page;
}

/** Waits until the script embed `selector` shows an episode (loaded, `<h1>` in its shadow root). */
async function waitForEmbed(page, selector) {
  await page.locator(`${selector} main[aria-busy="false"] article.episode h1.episode-title`).waitFor({ state: 'visible' });
}

/** What a script embed shows, read from its shadow root. */
function readEmbed(page, selector) {
  return page.locator(selector).evaluate((element) => {
    const root = element.shadowRoot;
    const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : null);
    const readOn = root?.querySelector('p.read-on a');
    return {
      shadow: root ? 'open' : 'none',
      lightChildren: element.childNodes.length,
      h1s: root ? [...root.querySelectorAll('h1')].map(text) : [],
      keyPoints: text(root?.querySelector('.key-points .block-heading')),
      points: root?.querySelectorAll('.key-points li.point').length ?? 0,
      sections: root ? [...root.querySelectorAll('.details .section .section-text')].map(text) : [],
      readOn: readOn ? { text: text(readOn), href: readOn.href } : null,
      banner: root?.querySelectorAll('.upgrade-banner').length ?? 0,
      compact: root?.querySelectorAll('.app.app--embed').length ?? 0,
      alerts: root?.querySelectorAll('[role="alert"]').length ?? 0,
      sheets: root ? [...root.styleSheets].map((sheet) => sheet.href) : [],
    };
  });
}

/** What a script embed of `digest` must show. */
function expectedEmbed(digest) {
  return {
    shadow: 'open',
    lightChildren: 0,
    h1s: [normalize(digest.title)],
    keyPoints: 'Key Points',
    points: digest.key_points.length,
    sections: digest.sections.map((section) => normalize(section.title)),
    readOn: { text: `Read on ${SITE.name}`, href: `${app}?episode=${digest.id}` },
    // The compact view drops the site header and the library chrome (spec section 5), not the offer.
    banner: SITE.upgrade ? 1 : 0,
    compact: 1,
    alerts: 0,
  };
}

// Computed styles compared between a script embed and the reader's own compact view.
const STYLED = {
  app: '.app',
  title: 'h1.episode-title',
  keyPointsHeading: '.key-points .block-heading',
  point: '.key-points li.point',
  summary: '.summary p',
  sectionTitle: '.section-title',
  subsection: 'details.subsection',
  toggle: 'summary.subsection-toggle',
  subsectionTitle: '.subsection-title',
  readOn: 'p.read-on a',
};
const PROPERTIES = [
  'font-size', 'font-family', 'font-weight', 'font-style', 'color', 'background-color', 'line-height',
  'letter-spacing', 'word-spacing', 'text-transform', 'text-align', 'text-decoration-line',
  'border-top-style', 'border-top-width', 'padding-top', 'margin-top', 'display', 'list-style-type',
];

/** In the page: the computed styles of STYLED in `element`'s shadow root, or in the document. */
function computedStyles(element, [selectors, properties]) {
  const root = element?.shadowRoot ?? document;
  const out = {};
  for (const [name, selector] of Object.entries(selectors)) {
    const el = root.querySelector(selector);
    if (!el) {
      out[name] = null;
      continue;
    }
    const style = getComputedStyle(el);
    out[name] = Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
  }
  return out;
}

/** The styles of the reader's own compact view of `digest` (a page of its own, same viewport). */
async function referenceStyles(t, digest) {
  const page = await ctx.newPage(t);
  await page.goto(`${app}?episode=${digest.id}&embed=1`);
  await page.locator('main#main[aria-busy="false"] article.episode h1').waitFor({ state: 'visible' });
  const styles = await page.locator('html').evaluate(computedStyles, [STYLED, PROPERTIES]);
  await page.close();
  return styles;
}

/** Polls `read()` until `done(value)`; fails with `message` and the last value read. */
async function waitUntil(read, done, message, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(50);
    value = await read();
  }
  assert.ok(done(value), `${message}: ${JSON.stringify(value)}`);
  return value;
}

/** A subsection's state inside a script embed's shadow root: `{ open, bodyVisible }`. */
function subsectionState(page, embed, id) {
  return stateIn(page.locator(embed), id);
}

// ---------------------------------------------------------------------------------------------

test('two script embeds of different episodes render in open shadow roots, with the reader\'s stylesheet', async (t) => {
  const page = await openHost(t, A.id, B.id);
  for (const [selector, digest] of [['#embed-1', A], ['#embed-2', B]]) {
    const { sheets, ...content } = await readEmbed(page, selector);
    assert.deepEqual(content, expectedEmbed(digest), `${selector} shows ${digest.id}`);
    // The reader's own stylesheet, from the reader's origin, and nothing else.
    assert.equal(sheets.length, 1, `${selector}: stylesheets ${JSON.stringify(sheets)}`);
    assert.match(sheets[0], new RegExp(`^${escapeRegExp(app)}[\\w.-]+\\.css$`));
    // The copy-link buttons need src/reader.js, which a script embed does not bring: not shown.
    const copy = page.locator(`${selector} .copy-link`);
    assert.ok(await copy.count() > 0, `${selector}: the headings have their copy-link buttons`);
    assert.equal(await page.locator(`${selector} .copy-link:visible`).count(), 0, `${selector}: none shown`);
  }
  // Nothing of the reader is in the host's own DOM.
  assert.equal(await page.evaluate(() => document.querySelectorAll('.app, article.episode, main, [role="alert"]').length), 0);
});

// The host's rules that match the embed's host element itself (`* { all: revert; font: 40px serif
// !important }`, inherited properties of a container such as `.embeds { text-transform: uppercase }`)
// beat a `:host` reset in the cascade; the reader's reset on `.embed-root` inside the shadow root must
// hold anyway.
test('the host page\'s CSS does not reach into the script embeds (computed styles = the reader\'s own compact view)', async (t) => {
  // THE SPEC (section 6): "rendered inside a shadow root with the app's own styles, so the host
  // page's CSS does not reach in". Expected: the styles of the reader's own compact view of the
  // same episode, at the same viewport size.
  const reference = { A: await referenceStyles(t, A), B: await referenceStyles(t, B) };
  const page = await openHost(t, A.id, B.id);

  for (const [selector, expected] of [['#embed-1', reference.A], ['#embed-2', reference.B]]) {
    const actual = await page.locator(selector).evaluate(computedStyles, [STYLED, PROPERTIES]);
    // Every property, against the reader's own compact view; all differences in one message.
    const differences = [];
    for (const name of Object.keys(STYLED)) {
      assert.ok(expected[name], `the reference page has ${STYLED[name]}`);
      assert.ok(actual[name], `${selector} has ${STYLED[name]}`);
      for (const property of PROPERTIES) {
        if (actual[name][property] !== expected[name][property]) {
          differences.push(`${STYLED[name]} ${property}: ${actual[name][property]} (the reader's own: ${expected[name][property]})`);
        }
      }
    }
    assert.deepEqual(differences, [], `${selector}: the host's CSS reached into the embed`);
    // (Redundant with the above, but explicit: the hostile colours, fonts and custom properties.)
    assert.notEqual(actual.title.color, 'rgb(255, 0, 0)', `${selector} h1 colour`);
    assert.match(actual.title['font-family'], /^system-ui\b/, `${selector} h1 font-family`);
    assert.notEqual(actual.app['background-color'], 'rgb(255, 0, 0)', `${selector} background (host --bg)`);
    assert.notEqual(actual.toggle['background-color'], 'rgb(0, 128, 0)', `${selector} toggle background`);
    assert.notEqual(actual.point.color, 'rgb(255, 0, 0)', `${selector} point colour`);
    assert.notEqual(actual.readOn.color, 'rgb(255, 0, 0)', `${selector} link colour (host --accent)`);
    assert.notEqual(actual.title['font-size'], '40px', `${selector} h1 font-size`);
    assert.notEqual(actual.title['font-size'], '50px', `${selector} h1 font-size`);
  }
});

/** The reader's custom properties, set by the host on the embeds' host elements themselves. */
const HOST_ELEMENT_VARIABLES = `
  .embed {
    --text: rgb(255, 0, 0);
    --accent: rgb(255, 0, 0);
    --bg: rgb(255, 0, 0);
    --surface: rgb(255, 0, 0);
    --font-sans: serif;
  }
`;

// A host rule on the host element (`.embed { --text: ... }`) beats `:host` in the cascade; the
// reader's own custom properties on `.embed-root` must win inside the shadow root.
test('custom properties the host sets on the embed\'s own element do not reach in', async (t) => {
  const reference = await referenceStyles(t, A);
  const page = await openHost(t, A.id);
  await page.addStyleTag({ content: HOST_ELEMENT_VARIABLES });
  // The rule applies to the host element (the control: the test would otherwise prove nothing).
  assert.equal(
    await page.locator('#embed-1').evaluate((element) => getComputedStyle(element).getPropertyValue('--text').trim()),
    'rgb(255, 0, 0)',
  );
  const actual = await page.locator('#embed-1').evaluate(computedStyles, [STYLED, PROPERTIES]);
  const differences = [];
  for (const name of Object.keys(STYLED)) {
    for (const property of ['color', 'background-color', 'font-family']) {
      if (actual[name][property] !== reference[name][property]) {
        differences.push(`${STYLED[name]} ${property}: ${actual[name][property]} (the reader's own: ${reference[name][property]})`);
      }
    }
  }
  assert.deepEqual(differences, [], "the host's custom properties reached into the embed");
});

test("the host page keeps its own styles: the reader's CSS does not leak out", async (t) => {
  const page = await openHost(t, A.id, B.id, 'nope');

  const host = await page.evaluate(() => {
    const style = (selector, ...properties) => {
      const computed = getComputedStyle(document.querySelector(selector));
      return Object.fromEntries(properties.map((p) => [p, computed.getPropertyValue(p)]));
    };
    return {
      p: style('#host-p', 'color', 'font-size', 'font-family', 'margin-top', 'line-height'),
      h1: style('#host-title', 'color', 'font-size', 'font-family', 'text-transform', 'letter-spacing'),
      button: style('#host-button', 'color', 'font-size', 'font-family', 'background-color', 'border-top-style',
        'border-top-color', 'border-top-width', 'padding-top', 'text-transform'),
      buttonLink: style('#host-button-link', 'color', 'font-size', 'background-color', 'border-top-style',
        'padding-top', 'text-decoration-line'),
      mark: style('#host-mark', 'background-color', 'color', 'font-size'),
      tag: style('#host-tag', 'background-color', 'border-top-style', 'padding-left', 'font-size'),
      hidden: {
        position: getComputedStyle(document.querySelector('#host-hidden')).position,
        wide: document.querySelector('#host-hidden').getBoundingClientRect().width > 100,
      },
      html: style('html', 'background-color'),
      body: style('body', 'margin-top', 'background-color', 'line-height'),
      sheets: [...document.styleSheets].map((sheet) => new URL(sheet.href ?? 'inline:', location.href).pathname),
      adopted: document.adoptedStyleSheets.length,
      styleElements: document.querySelectorAll('style').length,
      linkElements: [...document.querySelectorAll('link')].map((link) => link.getAttribute('href')),
    };
  });
  assert.deepEqual(host, {
    p: { color: 'rgb(255, 0, 0)', 'font-size': '40px', 'font-family': 'serif', 'margin-top': '30px', 'line-height': 'normal' },
    h1: { color: 'rgb(255, 0, 0)', 'font-size': '50px', 'font-family': 'serif', 'text-transform': 'uppercase', 'letter-spacing': '8px' },
    button: {
      color: 'rgb(255, 0, 0)', 'font-size': '40px', 'font-family': 'serif', 'background-color': 'rgb(0, 128, 0)',
      'border-top-style': 'dashed', 'border-top-color': 'rgb(0, 0, 255)', 'border-top-width': '5px', 'padding-top': '20px',
      'text-transform': 'uppercase',
    },
    buttonLink: {
      color: 'rgb(255, 0, 0)', 'font-size': '40px', 'background-color': 'rgb(0, 128, 0)', 'border-top-style': 'dashed',
      'padding-top': '20px', 'text-decoration-line': 'line-through',
    },
    mark: { 'background-color': 'rgb(255, 255, 0)', color: 'rgb(255, 0, 0)', 'font-size': '40px' },
    // The reader styles .tag, .visually-hidden, :root and body; none of that may apply here.
    tag: { 'background-color': 'rgba(0, 0, 0, 0)', 'border-top-style': 'none', 'padding-left': '0px', 'font-size': '40px' },
    hidden: { position: 'static', wide: true },
    html: { 'background-color': 'rgba(0, 0, 0, 0)' },
    body: { 'margin-top': '8px', 'background-color': 'rgba(0, 0, 0, 0)', 'line-height': 'normal' },
    sheets: ['/host/hostile.css'],
    adopted: 0,
    styleElements: 0,
    linkElements: ['hostile.css'],
  });
});

test("an embed with a missing digest shows its error in its own shadow root; the others work", async (t) => {
  const page = await ctx.newPage(t);
  await routeNope(page);
  await page.goto(hostPage(digestUrl(A.id), digestUrl(B.id), NOPE()));
  const alert = page.locator('#embed-3 [role="alert"]');
  await alert.waitFor({ state: 'visible' });
  await waitForEmbed(page, '#embed-1');
  await waitForEmbed(page, '#embed-2');

  const failed = await page.locator('#embed-3').evaluate((element) => {
    const root = element.shadowRoot;
    const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : null);
    return {
      inShadow: root !== null && root.contains(root.querySelector('[role="alert"]')),
      alerts: root.querySelectorAll('[role="alert"]').length,
      title: text(root.querySelector('[role="alert"] .error-title')),
      detail: text(root.querySelector('[role="alert"] .error-detail')),
      episodes: root.querySelectorAll('article.episode').length,
      busy: root.querySelector('main')?.getAttribute('aria-busy'),
      retry: root.querySelectorAll('[role="alert"] button').length,
      lightChildren: element.childNodes.length,
    };
  });
  assert.equal(failed.title, "We couldn't find this episode");
  assert.match(failed.detail, /digests\/nope\.json \(HTTP 404\)/);
  assert.deepEqual(
    { ...failed, title: undefined, detail: undefined },
    { inShadow: true, alerts: 1, title: undefined, detail: undefined, episodes: 0, busy: 'false', retry: 1, lightChildren: 0 },
  );
  assert.deepEqual((await readEmbed(page, '#embed-1')).h1s, [normalize(A.title)]);
  assert.deepEqual((await readEmbed(page, '#embed-2')).h1s, [normalize(B.title)]);
  assert.equal((await readEmbed(page, '#embed-1')).alerts, 0);
  assert.equal((await readEmbed(page, '#embed-2')).alerts, 0);
  // The host's document has no alert of its own.
  assert.equal(await page.evaluate(() => document.querySelectorAll('[role="alert"]').length), 0);
});

test('embeds added after load render; a removed one is unmounted; re-adding it works', async (t) => {
  const page = await openHost(t, A.id);

  // A bare element appended to <body>.
  await page.evaluate((url) => {
    const element = document.createElement('div');
    element.id = 'late';
    element.setAttribute('data-digest', url);
    window.lateEmbed = element;
    document.body.append(element);
  }, digestUrl(B.id));
  await waitForEmbed(page, '#late');
  assert.deepEqual((await readEmbed(page, '#late')).h1s, [normalize(B.title)]);

  // An element inside an added subtree.
  await page.evaluate((url) => {
    const wrapper = document.createElement('section');
    wrapper.id = 'late-wrapper';
    const element = document.createElement('div');
    element.id = 'late-nested';
    element.setAttribute('data-digest', url);
    wrapper.append(element);
    document.getElementById('host-after').before(wrapper);
  }, digestUrl(C.id));
  await waitForEmbed(page, '#late-nested');
  assert.deepEqual((await readEmbed(page, '#late-nested')).h1s, [normalize(C.title)]);

  // Removed: its view is taken down, the shadow root left empty.
  const before = await page.evaluate(() => window.lateEmbed.shadowRoot.childNodes.length);
  assert.ok(before > 0);
  await page.evaluate(() => window.lateEmbed.remove());
  await assertEventually(
    () => page.evaluate(() => ({ connected: window.lateEmbed.isConnected, nodes: window.lateEmbed.shadowRoot.childNodes.length })),
    { connected: false, nodes: 0 },
    'the removed embed is unmounted',
  );
  // The others are untouched.
  assert.deepEqual((await readEmbed(page, '#embed-1')).h1s, [normalize(A.title)]);
  assert.deepEqual((await readEmbed(page, '#late-nested')).h1s, [normalize(C.title)]);

  // Removing a subtree unmounts the embeds in it.
  await page.evaluate(() => {
    window.lateWrapper = document.getElementById('late-wrapper');
    window.lateWrapper.remove();
  });
  await assertEventually(
    () => page.evaluate(() => window.lateWrapper.querySelector('#late-nested').shadowRoot.childNodes.length),
    0,
    'the embed of a removed subtree is unmounted',
  );

  // Re-added: mounted again, once.
  await page.evaluate(() => document.body.append(window.lateEmbed));
  await waitForEmbed(page, '#late');
  const again = await readEmbed(page, '#late');
  assert.deepEqual(again.h1s, [normalize(B.title)]);
  assert.equal(again.compact, 1, 'one view, not two');
  // ... and it works: a subsection opens.
  const id = unlockedSubsection(B);
  await toggleOf(page.locator('#late'), id).click();
  await assertEventually(() => subsectionState(page, '#late', id), OPEN);
});

test('clicking inside the embeds changes neither the host title, nor its URL, nor its history', async (t) => {
  const page = await openHost(t, A.id, B.id, 'nope');
  const url = hostPage(digestUrl(A.id), digestUrl(B.id), NOPE());
  const hostState = () => page.evaluate(() => ({ title: document.title, href: location.href, history: history.length }));
  const start = await hostState();
  assert.equal(start.title, 'Host page with script embeds');
  assert.equal(start.href, url);

  let clicked = 0;
  for (const embed of ['#embed-1', '#embed-2']) {
    const toggles = page.locator(embed).locator(TOGGLE);
    const count = await toggles.count();
    assert.ok(count > 0, `${embed} has subsection toggles`);
    for (let i = 0; i < count; i++) {
      await toggles.nth(i).click();
      clicked += 1;
    }
    assert.equal(await page.locator(embed).locator('details.subsection[open]').count(), count);
    await toggles.first().click(); // and one closed again
    clicked += 1;
  }
  assert.ok(clicked >= 4);
  await sleep(300);
  assert.deepEqual(await hostState(), start);
  assert.equal(page.url(), url);
});

test('keyboard: Tab from the host reaches a toggle in the shadow root; Enter opens, Space closes', async (t) => {
  const page = await openHost(t, A.id, B.id);
  const id = unlockedSubsection(A);
  const isFocused = () =>
    page.locator('#embed-1').evaluate(
      (element, id) =>
        document.activeElement === element &&
        element.shadowRoot.activeElement === element.shadowRoot.querySelector(`#${id} > summary.subsection-toggle`),
      id,
    );

  await page.locator('#before-1').focus();
  let reached = false;
  for (let presses = 0; presses < 200 && !reached; presses++) {
    await page.keyboard.press('Tab');
    reached = await isFocused();
  }
  assert.ok(reached, `Tab from the host button never reached #${id}'s toggle in #embed-1`);
  assert.deepEqual(await subsectionState(page, '#embed-1', id), CLOSED);

  await page.keyboard.press('Enter');
  await assertEventually(() => subsectionState(page, '#embed-1', id), OPEN, 'Enter opens');
  assert.ok(await isFocused(), 'focus stays on the toggle');
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('Space');
  await assertEventually(() => subsectionState(page, '#embed-1', id), CLOSED, 'Space closes');
  assert.ok(await isFocused(), 'focus stays on the toggle');
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'Space did not scroll the host page');
  // The same subsection of the other embed was not touched.
  const other = unlockedSubsection(B);
  assert.deepEqual(await subsectionState(page, '#embed-2', other), CLOSED);
});

test('iframe embed: compact view, resize messages with the content height, before and after a subsection opens', async (t) => {
  const page = await ctx.newPage(t);
  const src = `${app}?episode=${C.id}&embed=1`;
  await page.goto(`${host}frame.html?src=${encodeURIComponent(src)}`);
  const frame = await (await page.waitForSelector('#frame')).contentFrame();
  assert.ok(frame, 'the iframe has a frame');
  await frame.locator('main#main[aria-busy="false"] article.episode h1').waitFor({ state: 'visible' });
  assert.equal(new URL(frame.url()).origin, new URL(app).origin);

  const appHeight = () => frame.evaluate(() => document.querySelector('.app').getBoundingClientRect().height);
  const messages = () => page.evaluate(() => window.resizeMessages);
  const settled = (floor = 0) =>
    waitUntil(
      async () => ({ messages: await messages(), height: await appHeight() }),
      ({ messages, height }) => {
        const last = messages.at(-1);
        return messages.length > floor && typeof last?.data?.height === 'number' && Math.abs(last.data.height - height) <= 2;
      },
      'a digest:resize message with the height of .app',
    );

  const first = await settled();
  for (const message of first.messages) {
    assert.deepEqual(Object.keys(message.data).sort(), ['height', 'type']);
    assert.equal(message.data.type, 'digest:resize');
    assert.equal(message.origin, new URL(app).origin);
    assert.equal(message.fromFrame, true);
  }
  const loadedHeight = first.messages.at(-1).data.height;
  assert.ok(loadedHeight > 300, `the loaded episode is taller than 300 px: ${loadedHeight}`);
  // The host sized the frame from it, and the view stays still (no resize loop).
  await sleep(500);
  const still = await messages();
  assert.equal(still.length, first.messages.length, `no further messages: ${JSON.stringify(still.slice(first.messages.length))}`);
  assert.equal(await page.locator('#frame').getAttribute('height'), String(loadedHeight));
  assert.ok(Math.abs((await appHeight()) - loadedHeight) <= 2);

  // The compact view: no site header or footer, the site's upgrade banner, a link to the full reader.
  const compact = await frame.evaluate(() => {
    const readOn = document.querySelector('p.read-on a');
    return {
      app: document.querySelectorAll('.app.app--embed').length,
      header: document.querySelectorAll('.site-header').length,
      footer: document.querySelectorAll('.site-footer').length,
      banner: document.querySelectorAll('.upgrade-banner').length,
      h1: document.querySelector('h1')?.textContent.replace(/\s+/g, ' ').trim(),
      readOn: readOn && { text: readOn.textContent.trim(), href: readOn.href, target: readOn.target },
    };
  });
  assert.deepEqual(compact, {
    app: 1,
    header: 0,
    footer: 0,
    banner: 1,
    h1: normalize(C.title),
    readOn: { text: `Read on ${SITE.name}`, href: `${app}?episode=${C.id}`, target: '_blank' },
  });

  // Opening a subsection makes the view taller: a new message with the new height.
  const historyLength = await page.evaluate(() => history.length);
  const id = unlockedSubsection(C);
  await toggleOf(frame, id).click();
  assert.deepEqual(await stateIn(frame, id), OPEN);
  const opened = await settled(still.length);
  const openedHeight = opened.messages.at(-1).data.height;
  assert.ok(openedHeight > loadedHeight, `taller after opening ${id}: ${loadedHeight} -> ${openedHeight}`);
  assert.ok(Math.abs(openedHeight - (await appHeight())) <= 2);
  for (const message of opened.messages) assert.equal(message.fromFrame, true);
  // The host's page itself did not navigate.
  assert.equal(await page.evaluate(() => history.length), historyLength);
  assert.equal(page.url(), `${host}frame.html?src=${encodeURIComponent(src)}`);
});

for (const origin of ['another origin', 'the same origin']) test(`iframe embed on ${origin}: the compact view follows its fragment and names the episode in its title, never scrolling the host`, async (t) => {
  const page = await ctx.newPage(t);
  const id = unlockedSubsection(C);
  const src = `${app}?episode=${C.id}&embed=1#${id}`;
  let hostRoot = host;
  if (origin === 'the same origin') {
    // The host page served from the reader's own origin (a publisher's blog next to its reader),
    // where a browser lets a frame scroll its parent.
    hostRoot = `${app}host-fixtures/`;
    await page.route(`${hostRoot}**`, async (route) => {
      const file = new URL(route.request().url()).pathname.split('/').pop();
      return route.fulfill({ path: path.join(HOST_FIXTURES, file) });
    });
  }
  await page.goto(`${hostRoot}frame.html?src=${encodeURIComponent(src)}`);
  const hostTitle = await page.title();
  const frame = await (await page.waitForSelector('#frame')).contentFrame();
  await frame.locator('main#main[aria-busy="false"] article.episode h1').waitFor({ state: 'visible' });
  // Spec section 5: "any of the above plus &embed=1" – the deep link opens its subsection there too.
  await assertEventually(() => stateIn(frame, id), OPEN, `${id} opened`);
  // Spec section 8: the iframe's document is the view's own, so its title names the episode;
  // the host page keeps its own.
  assert.equal(await frame.evaluate(() => document.title), `${normalize(C.title)} | ${SITE.name}`);
  assert.equal(await page.title(), hostTitle);

  // Once the host has sized the frame to its content, a fragment change inside it opens another
  // subsection (the last one, far down), and the host's page does not move: the frame has
  // nothing to scroll, and it must not scroll its host.
  const subsections = C.sections.flatMap((section, i) =>
    (section.subsections ?? []).map((sub, j) => ({ sub, id: `section-${i + 1}-${j + 1}` })),
  );
  const other = subsections.filter(({ sub, id: candidate }) => candidate !== id && !sub.locked).at(-1);
  assert.ok(other, 'the sample has a second unlocked subsection');
  await assertEventually(() => page.evaluate(() => Number(document.querySelector('#frame').height) > 1000), true, 'the host sized the frame');
  await page.evaluate(() => window.scrollTo(0, 0));
  await frame.evaluate((hash) => { location.hash = hash; }, other.id);
  await assertEventually(() => stateIn(frame, other.id), OPEN, `${other.id} opened`);
  await sleep(500);
  assert.equal(await page.evaluate(() => Math.round(window.scrollY)), 0, 'the host page did not scroll');
});

test('script embed: relative links in the digest and site.json point into the reader, not the host page', async (t) => {
  const page = await ctx.newPage(t);
  const id = 'hidden-cost-of-always-on-ai-data-centres';
  const digest = digestOf(id);
  assert.ok(!/^[a-z]+:/i.test(digest.full_content_url), 'the sample has a relative full_content_url');
  // The reader's site.json with a relative call to action.
  await page.route(`${app}site.json`, (route) =>
    route.fulfill({
      contentType: 'application/json',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: JSON.stringify({ ...SITE, upgrade: { ...SITE.upgrade, cta_url: 'plus.html' } }),
    }),
  );
  await page.goto(hostPage(digestUrl(id)));
  await waitForEmbed(page, '#embed-1');
  const links = await page.locator('#embed-1').evaluate((element) => ({
    full: element.shadowRoot.querySelector('a.full-content-link')?.href,
    cta: element.shadowRoot.querySelector('.upgrade-banner a.upgrade-cta')?.href,
  }));
  assert.deepEqual(links, { full: `${app}${digest.full_content_url}`, cta: `${app}plus.html` });
  assert.equal((await fetch(links.full)).status, 200);
});

test('all script embeds on a page share one WebAssembly module', async (t) => {
  const page = await ctx.newPage(t);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await routeNope(page);
  await page.goto(hostPage(digestUrl(A.id), digestUrl(B.id), NOPE()));
  await waitForEmbed(page, '#embed-1');
  await waitForEmbed(page, '#embed-2');
  await page.locator('#embed-3 [role="alert"]').waitFor({ state: 'visible' });
  await page.evaluate((url) => {
    const element = document.createElement('div');
    element.id = 'late';
    element.setAttribute('data-digest', url);
    document.body.append(element);
  }, digestUrl(C.id));
  await waitForEmbed(page, '#late');
  await sleep(300);

  const count = (pattern) => requests.filter((url) => pattern.test(new URL(url).pathname)).length;
  assert.equal(count(/_bg\.wasm$/), 1, `wasm requests: ${requests.filter((u) => u.endsWith('.wasm')).join(', ')}`);
  assert.equal(count(/\/reader\/embed\.js$/), 1);
  assert.equal(count(/\/reader\/digest-reader-[0-9a-f]+\.js$/), 1);
  // One site.json request for all four embeds (the reader shares it).
  assert.equal(count(/\/reader\/site\.json$/), 1);
  // One request per digest (the failed one included).
  for (const id of [A.id, B.id, C.id, 'nope']) assert.equal(count(new RegExp(`/digests/${id}\\.json$`)), 1, id);
});
