// Search folds letters beyond Latin-1 as readers type them: Romanian commas below, Vietnamese
// stacked accents, ligatures and full-width letters, Greek breathings, Arabic vowel signs,
// Russian ё (against a hand-written index, fixtures-library/folding, served under /reader/).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, DIST, FIXTURES, assertEventually } from './helpers.mjs';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ctx = setup();
let server = null;

before(async () => {
  server = await startServer({ root: DIST, overlays: [path.join(here, 'fixtures-library', 'folding'), FIXTURES] });
});
after(async () => {
  await server?.close();
});

/** The ids of the cards shown, in order. */
function cardIds(page) {
  return page.locator('ol.episode-list > li.episode-card h2.card-title a').evaluateAll((links) =>
    links.map((a) => new URLSearchParams(a.getAttribute('href').replace(/^[^?]*/, '')).get('episode')),
  );
}

const CASES = [
  // [typed, ids found, the highlighted words of the first card's title]
  ['stiri', ['ro-stiri'], ['Știri']],
  ['tara iasi', ['ro-stiri'], []],
  ['viet', ['vi-tieng-viet'], ['Việt']],
  ['da nang', ['vi-tieng-viet'], []],
  ['finance ai', ['en-finance'], ['ﬁnance', 'ＡＩ']],
  ['αθηναι οδος', ['el-athens'], ['Ἀθῆναι', 'ὁδός']],
  ['كتاب', ['ar-kitab'], ['كِتَابٌ']],
  ['елка', ['ru-yolka'], ['Ёлка']],
  ['иогурт', [], []],
];

for (const [typed, ids, marks] of CASES) {
  test(`"${typed}" finds ${ids.join(', ') || 'nothing'}`, async (t) => {
    const page = await ctx.newPage(t);
    await page.goto(`${server.url}?q=${encodeURIComponent(typed)}`);
    await page.locator('main#main[aria-busy="false"]').waitFor();
    await assertEventually(() => cardIds(page), ids, typed);
    if (ids.length) {
      const title = page.locator('li.episode-card').first().locator('h2.card-title mark');
      assert.deepEqual(await title.allInnerTexts(), marks);
    }
  });
}
