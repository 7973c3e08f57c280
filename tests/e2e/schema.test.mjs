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

test('full_content_url: http(s) or relative, never another scheme however it is disguised', () => {
  const valid = ['https://example.org/a', 'HTTP://example.org', 'full/a.html', '../a.html', '/a', '?episode=x', '#top'];
  const invalid = [
    'javascript:alert(1)', ' javascript:alert(1)', '\u0001javascript:alert(1)', 'java\tscript:alert(1)',
    'java\nscript:alert(1)', 'data:text/html,x', 'vbscript:x', 'https://', 'mailto:a@b.c', '',
  ];
  for (const url of valid) assert.equal(digestV1(seedWith((d) => { d.full_content_url = url; })), true, JSON.stringify(url));
  for (const url of invalid) assert.equal(digestV1(seedWith((d) => { d.full_content_url = url; })), false, JSON.stringify(url));
  assert.equal(digestV1(seedWith((d) => { d.source.url = 'javascript:alert(1)'; })), false);
});

test('titles, dates and numbers as the reader reads them', () => {
  const ok = (change, why) => assert.deepEqual(errorsOf(digestV1, seedWith(change)), [], why);
  const bad = (change, why) => assert.equal(digestV1(seedWith(change)), false, why);
  bad((d) => { d.title = '   '; }, 'a whitespace title');
  bad((d) => { d.title = ''; }, 'an empty title');
  ok((d) => { d.sections[0].title = ''; }, 'a section title may be empty');
  ok((d) => { d.sections[0].subsections[0].title = ''; }, 'a subsection title may be empty');
  ok((d) => { d.published = '2025-03-14T23:30:00-05:00'; }, 'an offset');
  ok((d) => { d.published = '2016-12-31T23:59:60Z'; }, 'a leap second');
  for (const date of ['2025-13-01', '2025-01-32', '2025-00-10', '2025-01-29T24:00:00Z', '2025-01-29T10:00:00+24:00', '29/01/2025', '2025-01-29T10:00Z']) {
    bad((d) => { d.published = date; }, date);
  }
  ok((d) => { d.source.duration_seconds = 286.0; }, 'a whole number written with .0');
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
