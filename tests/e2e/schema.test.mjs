// The JSON Schemas the app ships (public/schema/): the bundled samples pass them, and they refuse
// what the reader refuses (spec sections 2 to 4), so a publisher who checks files before
// publishing finds the same mistakes a reader would.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { REPO, readJson } from './helpers.mjs';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const schema = (name) => ajv.compile(readJson(path.join(REPO, 'public', 'schema', `${name}.schema.json`)));
const digestV1 = schema('digest-v1');
const indexV1 = schema('digest-index-v1');
const siteV1 = schema('site-v1');
const DIGESTS = path.join(REPO, 'public', 'digests');
const SEED = readJson(path.join(DIGESTS, 'deepseek-stole-our-tech.json'));

function errorsOf(validate, value) {
  return validate(value) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
}

test('the bundled digests, index and site.json pass their schemas', () => {
  const files = fs.readdirSync(DIGESTS).filter((f) => f.endsWith('.json') && f !== 'index.json');
  assert.ok(files.length >= 4, files.join());
  for (const file of files) assert.deepEqual(errorsOf(digestV1, readJson(path.join(DIGESTS, file))), [], file);
  assert.deepEqual(errorsOf(indexV1, readJson(path.join(DIGESTS, 'index.json'))), []);
  assert.deepEqual(errorsOf(siteV1, readJson(path.join(REPO, 'public', 'site.json'))), []);
});

/** The seed digest with `change` applied to a copy. */
function seedWith(change) {
  const copy = structuredClone(SEED);
  change(copy);
  return copy;
}

test('URLs: the schemas accept what the reader accepts (tests/fixtures/links.json), never another scheme', () => {
  const { links } = readJson(path.join(REPO, 'tests', 'fixtures', 'links.json'));
  const failures = [];
  for (const { url, full_content_url, source_url, schema_refuses } of links) {
    const full = digestV1(seedWith((d) => { d.full_content_url = url; }));
    const source = digestV1(seedWith((d) => { d.source.url = url; }));
    if (full !== (full_content_url && !schema_refuses)) failures.push(`full_content_url ${JSON.stringify(url)}: schema says ${full}`);
    if (source !== (source_url && !schema_refuses)) failures.push(`source.url ${JSON.stringify(url)}: schema says ${source}`);
    // The same pattern guards site.json's digests and cta_url.
    const site = siteV1({ name: 'S', digests: url, allowed_sources: [] });
    if (site !== (full_content_url && !schema_refuses)) failures.push(`digests ${JSON.stringify(url)}: schema says ${site}`);
  }
  assert.deepEqual(failures, []);
});

test('titles, dates and numbers as the reader reads them', () => {
  const ok = (change, why) => assert.deepEqual(errorsOf(digestV1, seedWith(change)), [], why);
  const bad = (change, why) => assert.equal(digestV1(seedWith(change)), false, why);
  bad((d) => { d.title = '   '; }, 'a whitespace title');
  bad((d) => { d.title = ''; }, 'an empty title');
  // Whitespace as the reader's trim() sees it, not as a JavaScript \\s.
  bad((d) => { d.title = '\u0085\u3000\t'; }, 'a title of Unicode whitespace');
  ok((d) => { d.title = '\ufeff'; }, 'a byte-order mark is not whitespace to the reader');
  ok((d) => { d.sections[0].title = ''; }, 'a section title may be empty');
  ok((d) => { d.sections[0].subsections[0].title = ''; }, 'a subsection title may be empty');
  ok((d) => { d.published = '2025-03-14T23:30:00-05:00'; }, 'an offset');
  ok((d) => { d.published = '2016-12-31T23:59:60Z'; }, 'a leap second');
  ok((d) => { d.published = '2016-12-31T18:59:60-05:00'; }, 'a leap second, at 23:59:60 UTC');
  ok((d) => { d.published = '2025-01-29 10:00:00Z'; }, 'RFC 3339 allows a space for the T');
  for (const date of ['2025-13-01', '2025-01-32', '2025-00-10', '2025-01-29T24:00:00Z', '2025-01-29T10:00:00+24:00', '29/01/2025', '2025-01-29T10:00Z', '2025-01-29T10:30:60Z']) {
    bad((d) => { d.published = date; }, date);
  }
  ok((d) => { d.source.duration_seconds = 18446744073709551615; }, 'the largest the reader reads');
  bad((d) => { d.source.duration_seconds = 1e300; }, 'more than the reader reads');
  bad((d) => { d.source.duration_seconds = 286.5; }, 'a fraction of a second');
  bad((d) => { d.source.duration_seconds = -1; }, 'a negative length');
  bad((d) => { d.id = 'Not A Slug'; }, 'an id that is not a slug');
  bad((d) => { d.format = 'digest/v2'; }, 'another format');
  ok((d) => { d.publisher_note = 'anything'; }, 'unknown fields are allowed');
});

test('site.json: name, digests and allowed_sources; an upgrade offer needs a headline', () => {
  const site = readJson(path.join(REPO, 'public', 'site.json'));
  for (const field of ['name', 'digests', 'allowed_sources']) {
    const copy = structuredClone(site);
    delete copy[field];
    assert.equal(siteV1(copy), false, `without ${field}`);
  }
  const noOffer = structuredClone(site);
  delete noOffer.upgrade;
  assert.equal(siteV1(noOffer), true, 'upgrade is optional');
  for (const headline of [undefined, '', '  ']) {
    const copy = structuredClone(site);
    copy.upgrade.headline = headline;
    if (headline === undefined) delete copy.upgrade.headline;
    assert.equal(siteV1(copy), false, `headline ${JSON.stringify(headline)}`);
  }
  const elsewhere = { ...site, allowed_sources: ['https://other.example', 'https://other.example/path'] };
  assert.equal(siteV1(elsewhere), false, 'an origin has no path');
});

test('digest-index/v1: entries need id, title, published and source', () => {
  const index = readJson(path.join(DIGESTS, 'index.json'));
  for (const field of ['id', 'title', 'published', 'source']) {
    const copy = structuredClone(index);
    delete copy.episodes[0][field];
    assert.equal(indexV1(copy), false, `without ${field}`);
  }
  const blank = structuredClone(index);
  blank.episodes[0].title = ' ';
  assert.equal(indexV1(blank), false, 'a blank title');
});
