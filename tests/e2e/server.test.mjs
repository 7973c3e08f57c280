// The test server itself behaves like a dumb static host (no browser, no build needed).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { startServer } from './server.mjs';

let tmp;
let server;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-server-'));
  const root = path.join(tmp, 'dist');
  const overlay = path.join(tmp, 'overlay');
  fs.mkdirSync(path.join(root, 'digests'), { recursive: true });
  fs.mkdirSync(path.join(overlay, 'digests'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  fs.writeFileSync(path.join(root, 'app.js'), 'export {}');
  fs.writeFileSync(path.join(root, 'app_bg.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  fs.writeFileSync(path.join(root, 'style.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(root, 'digests', 'a.json'), '{"from":"root"}');
  fs.writeFileSync(path.join(root, 'digests', 'b.json'), '{"from":"root"}');
  fs.writeFileSync(path.join(overlay, 'digests', 'b.json'), '{"from":"overlay"}');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
  server = await startServer({ root, overlays: [overlay] });
});

after(async () => {
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A raw GET (the path sent exactly as written, unlike fetch which normalizes `..`). */
function rawGet(rawPath) {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], location: res.headers.location, body }));
      })
      .on('error', reject);
  });
}

test('the URL is 127.0.0.1 with the /reader/ prefix', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/reader\/$/);
});

test('/reader/ and /reader/?query serve index.html', async () => {
  for (const p of ['/reader/', '/reader/?episode=x#section-1', '/reader/index.html']) {
    const r = await rawGet(p);
    assert.equal(r.status, 200, p);
    assert.match(r.type, /^text\/html/);
    assert.equal(r.body, '<!doctype html><title>app</title>');
  }
});

test('content types by extension', async () => {
  const types = {
    '/reader/app.js': /^text\/javascript/,
    '/reader/app_bg.wasm': /^application\/wasm$/,
    '/reader/style.css': /^text\/css/,
    '/reader/icon.svg': /^image\/svg\+xml$/,
    '/reader/digests/a.json': /^application\/json/,
  };
  for (const [p, type] of Object.entries(types)) {
    const r = await rawGet(p);
    assert.equal(r.status, 200, p);
    assert.match(r.type, type, p);
  }
});

test('overlays come first', async () => {
  assert.equal((await rawGet('/reader/digests/b.json')).body, '{"from":"overlay"}');
  assert.equal((await rawGet('/reader/digests/a.json')).body, '{"from":"root"}');
});

test('missing files are 404, with no fallback to index.html', async () => {
  for (const p of ['/reader/nope.json', '/reader/episode/x', '/reader/digests/c.json', '/', '/index.html', '/readers/']) {
    assert.equal((await rawGet(p)).status, 404, p);
  }
});

test('path traversal is refused', async () => {
  for (const p of ['/reader/../secret.txt', '/reader/%2e%2e/secret.txt', '/reader/..%2fsecret.txt', '/reader/digests/..%2f..%2fsecret.txt', '/reader/..%5csecret.txt']) {
    const r = await rawGet(p);
    assert.ok(r.status === 403 || r.status === 404, `${p}: ${r.status}`);
    assert.notEqual(r.body, 'secret');
  }
});

test('/reader redirects to /reader/', async () => {
  const r = await rawGet('/reader');
  assert.equal(r.status, 301);
  assert.equal(r.location, '/reader/');
});

test('/reader?episode=x redirects to /reader/?episode=x, keeping the query', async () => {
  const r = await rawGet('/reader?episode=deepseek-stole-our-tech&embed=1');
  assert.equal(r.status, 301);
  assert.equal(r.location, '/reader/?episode=deepseek-stole-our-tech&embed=1');
});

test('precompressed: the .br copy beside a file when the request accepts br, never one from another folder', async () => {
  const root = path.join(tmp, 'dist');
  const overlay = path.join(tmp, 'overlay');
  const zlib = await import('node:zlib');
  fs.writeFileSync(path.join(root, 'style.css.br'), zlib.brotliCompressSync('body{}'));
  // The root's b.json has a copy, the overlay's (which is what is served) has none.
  fs.writeFileSync(path.join(root, 'digests', 'b.json.br'), zlib.brotliCompressSync('{"from":"root"}'));
  const brotli = await startServer({ root, overlays: [overlay], precompressed: true });
  try {
    const get = async (rel, encoding) => {
      const response = await fetch(brotli.url + rel, { headers: encoding ? { 'Accept-Encoding': encoding } : {} });
      return { encoding: response.headers.get('content-encoding'), vary: response.headers.get('vary'), body: await response.text() };
    };
    assert.deepEqual(await get('style.css', 'gzip, br'), { encoding: 'br', vary: 'Accept-Encoding', body: 'body{}' });
    assert.deepEqual(await get('style.css', 'identity'), { encoding: null, vary: 'Accept-Encoding', body: 'body{}' });
    assert.deepEqual(await get('app.js', 'br'), { encoding: null, vary: 'Accept-Encoding', body: 'export {}' }, 'no copy: the file');
    assert.equal((await get('digests/b.json', 'br')).body, '{"from":"overlay"}');
    // And the plain server ignores the copies.
    assert.equal((await fetch(server.url + 'style.css', { headers: { 'Accept-Encoding': 'br' } })).headers.get('content-encoding'), null);
  } finally {
    await brotli.close();
  }
});
