// Real nginx for tests/e2e/nginx.test.mjs: the README's nginx block, copied out of README.md, inside a
// throwaway config (temporary prefix, logs, temp paths and pid file), on a free loopback port, as
// the current user (root or not), in the foreground; and a raw HTTP GET that keeps the bytes as
// sent (no decompression), to compare bodies with the files on disk.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The nginx binary: Debian's package `nginx` (`bash scripts/setup.sh --browser` installs it). */
export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
/** The MIME map the README's block includes (`include mime.types;`), as Debian installs it. */
export const MIME_TYPES = '/etc/nginx/mime.types';
/** Debian's ngx_brotli static module (package libnginx-mod-http-brotli-static), if installed. */
export const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
/** The folder the README's block serves, replaced by the folder under test. */
export const PLACEHOLDER = '/srv/reader/';

/** Fails, saying how to install nginx, if it is not there. */
export function assertNginxInstalled() {
  assert.ok(
    fs.existsSync(NGINX) && fs.existsSync(MIME_TYPES),
    `nginx is not installed (${NGINX}, ${MIME_TYPES}): run \`bash scripts/setup.sh --browser\``,
  );
}

/** Every fenced block of `lang` in a Markdown text. */
export function fencedBlocks(markdown, lang) {
  return [...markdown.matchAll(/^```([\w-]*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm)]
    .filter(([, info]) => info === lang)
    .map(([, , body]) => body);
}

/** The README's one ```nginx block; fails loudly if there is none or more than one. */
export function readmeNginxBlock(readme) {
  const blocks = fencedBlocks(readme, 'nginx');
  assert.equal(blocks.length, 1, `README.md must have exactly one \`\`\`nginx block (the test runs it), found ${blocks.length}`);
  const [block] = blocks;
  assert.ok(block.includes(PLACEHOLDER), `the README's nginx block must serve the placeholder folder ${PLACEHOLDER}`);
  return block;
}

/** A free TCP port on 127.0.0.1 (free when asked: nginx binds it a moment later). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The whole nginx.conf: what Debian's /etc/nginx/nginx.conf would have around a site (an `http`
 * block including mime.types), one `server` on `port`, and inside it the README's `block` with the
 * placeholder folder replaced by `root`. `master_process off` keeps one process running as the
 * current user (no switch to `nobody`, so a private temporary folder is readable as root too).
 */
function nginxConf({ dir, port, block, root, modules }) {
  const served = root.endsWith('/') ? root : `${root}/`;
  const locations = block.split(PLACEHOLDER).join(served);
  const temp = (name) => path.join(dir, 'temp', name);
  return [
    ...modules.map((module) => `load_module ${module};`),
    'master_process off;',
    'worker_processes 1;',
    'events { worker_connections 256; }',
    'http {',
    '    include mime.types;',
    '    default_type application/octet-stream;',
    `    access_log ${path.join(dir, 'access.log')};`,
    `    client_body_temp_path ${temp('client_body')};`,
    `    proxy_temp_path ${temp('proxy')};`,
    `    fastcgi_temp_path ${temp('fastcgi')};`,
    `    uwsgi_temp_path ${temp('uwsgi')};`,
    `    scgi_temp_path ${temp('scgi')};`,
    '    server {',
    `        listen 127.0.0.1:${port};`,
    '        server_name localhost;',
    '        # ---- the README\'s nginx block ----',
    locations,
    '        # ---- end of the README\'s block ----',
    '    }',
    '}',
    '',
  ].join('\n');
}

/**
 * Writes the config into a new temporary prefix, runs `nginx -t` on it (fails with its output on
 * any error or warning), starts nginx in the foreground and waits until it answers. Resolves to
 * `{ origin, port, dir, configTest, conf, stop() }`; `stop()` ends it and removes the prefix.
 */
export async function startNginx({ block, root, modules = [] }) {
  assertNginxInstalled();
  for (let attempt = 1; ; attempt++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reader-nginx-'));
    fs.mkdirSync(path.join(dir, 'temp'));
    fs.copyFileSync(MIME_TYPES, path.join(dir, 'mime.types'));
    const port = await freePort();
    const conf = nginxConf({ dir, port, block, root, modules });
    const confPath = path.join(dir, 'nginx.conf');
    fs.writeFileSync(confPath, conf);
    const errorLog = path.join(dir, 'error.log');
    const args = ['-p', dir, '-c', confPath, '-e', errorLog, '-g', `daemon off; pid ${path.join(dir, 'nginx.pid')};`];

    const check = spawnSync(NGINX, [...args, '-t'], { encoding: 'utf8' });
    const configTest = `${check.stdout}${check.stderr}`.trim();
    if (check.status !== 0 || /\[(warn|emerg|alert|crit|error)\]/.test(configTest)) {
      fs.rmSync(dir, { recursive: true, force: true });
      assert.fail(`nginx -t rejects the README's nginx block:\n${configTest}\n--- the config tested ---\n${conf}`);
    }

    const child = spawn(NGINX, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const log = () => `${stderr}${fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8') : ''}`.trim();

    const ready = await Promise.race([waitForPort(port), exited.then(() => false)]);
    if (!ready) {
      child.kill('SIGKILL');
      await exited;
      const text = log();
      fs.rmSync(dir, { recursive: true, force: true });
      // Another process took the port between freePort() and nginx's bind: try another one.
      if (/Address already in use/.test(text) && attempt < 3) continue;
      assert.fail(`nginx did not start on 127.0.0.1:${port}:\n${text}`);
    }

    return {
      origin: `http://127.0.0.1:${port}`,
      port,
      dir,
      conf,
      configTest,
      log,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGQUIT');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
        }
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

/** Resolves true once something accepts connections on 127.0.0.1:`port` (false after 10 s). */
async function waitForPort(port, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/**
 * GET `url` with exactly `headers` (no Accept-Encoding unless given); resolves to
 * `{ status, headers, body }`, `body` the raw bytes as sent (a Buffer, still compressed).
 */
export function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.setTimeout(10_000, () => request.destroy(new Error(`GET ${url}: no answer in 10 s`)));
  });
}
