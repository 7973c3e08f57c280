// The W3C Nu HTML checker (npm vnu-jar, run with the machine's Java) on what a published site
// serves as HTML: every sample's episode page and the library page. Errors fail the test;
// warnings and info are printed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './helpers.mjs';

const SITE = process.env.SITE_DIR ? path.resolve(REPO, process.env.SITE_DIR) : '';
const VNU = path.join(REPO, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

test('the Nu HTML checker finds no error in published episode pages and the library page', () => {
  assert.ok(SITE && fs.existsSync(path.join(SITE, 'episodes')), 'SITE_DIR must name a published site (bash scripts/test.sh)');
  assert.ok(fs.existsSync(VNU), `${VNU} is missing: npm ci`);
  const samples = fs.readdirSync(path.join(REPO, 'public', 'digests'))
    .filter((name) => name.endsWith('.json') && name !== 'index.json')
    .map((name) => path.join(SITE, 'episodes', name.slice(0, -5), 'index.html'));
  const files = [...samples, path.join(SITE, 'index.html')];
  const run = spawnSync('java', ['-jar', VNU, '--format', 'json', '--exit-zero-always', ...files], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  // vnu writes its JSON report to standard error.
  const messages = JSON.parse(run.stderr).messages;
  for (const message of messages.filter((m) => m.type !== 'error')) {
    console.log(`${message.subType ?? message.type}: ${path.relative(SITE, new URL(message.url).pathname)}: ${message.message}`);
  }
  const errors = messages.filter((m) => m.type === 'error').map((m) => `${m.url}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, [], `${files.length} files checked`);
});
