// src/prefetch.js, run as the page runs it (in a VM with the browser APIs it touches), on the
// table of ids that tests/prefetch.rs also checks against the app's rule (model::is_slug): the
// script starts a request exactly for the ids the app accepts, at the URL the app will want.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { REPO, readJson } from './helpers.mjs';

const SCRIPT = fs.readFileSync(path.join(REPO, 'src', 'prefetch.js'), 'utf8');
const IDS = readJson(path.join(REPO, 'tests', 'fixtures', 'episode-ids.json'));
const PAGE = 'https://example.org/reader/';

/** Runs prefetch.js on `PAGE?episode=<id>`; returns the requests it started, its timers and what it left on window. */
function runPrefetch(id) {
  const requests = [];
  const timers = [];
  const window = {};
  const context = {
    URL,
    URLSearchParams,
    AbortController,
    performance,
    location: { search: `?${new URLSearchParams({ episode: id })}`, href: `${PAGE}?${new URLSearchParams({ episode: id })}` },
    fetch: (url, init) => {
      requests.push({ url, signal: init?.signal });
      return new Promise(() => {});
    },
    setTimeout: (callback, ms) => {
      timers.push({ callback, ms });
      return timers.length;
    },
    window,
  };
  vm.runInNewContext(SCRIPT, context);
  return { requests, timers, window };
}

test('prefetch.js requests the digest for every id the app accepts, at the app\'s URL', () => {
  for (const id of IDS.valid) {
    const { requests, window } = runPrefetch(id);
    assert.deepEqual(requests.map((r) => r.url), [`${PAGE}digests/${id}.json`], id);
    assert.equal(window.digestReaderPrefetch.url, requests[0].url, id);
  }
});

test('prefetch.js requests nothing for an id the app refuses', () => {
  for (const id of IDS.invalid) {
    const { requests, window } = runPrefetch(id);
    assert.deepEqual(requests, [], JSON.stringify(id));
    assert.equal(window.digestReaderPrefetch, undefined, JSON.stringify(id));
  }
});

test('its backstop stops the request and withdraws it, so a late app makes its own', () => {
  const { requests, timers, window } = runPrefetch(IDS.valid[0]);
  assert.equal(timers.length, 1);
  assert.equal(requests[0].signal.aborted, false);
  timers[0].callback();
  assert.equal(requests[0].signal.aborted, true);
  assert.equal(window.digestReaderPrefetch, undefined);
});
