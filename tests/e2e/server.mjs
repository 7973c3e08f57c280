// A dumb static file server for the end-to-end tests: no rewrites, no server code,
// the app served under a sub-path (`/reader/` by default) like on any plain static host.
//
//   import { startServer } from './server.mjs';
//   const { url, close } = await startServer({ root: 'dist', overlays: ['tests/e2e/fixtures'] });
//
// From the command line: `node tests/e2e/server.mjs dist 8080 [--overlay DIR]...`
//
// With `precompressed: true` it sends a file's `.br` (or `.gz`) copy from the same folder when the
// request accepts that encoding, as nginx's `brotli_static` / `gzip_static` and static hosts do
// with the copies the publish command writes: no compression per request.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/** Finds `rel` (a decoded path below the prefix) in the first of `dirs` that has it. */
function locate(dirs, rel) {
  for (const dir of dirs) {
    const full = path.resolve(dir, '.' + path.sep + rel);
    // Path traversal: whatever the request says, the file must be inside `dir`.
    if (full !== dir && !full.startsWith(dir + path.sep)) return { refused: true };
    let stat;
    try {
      stat = fs.statSync(full);
    } catch {
      continue;
    }
    if (stat.isFile()) return { file: full, size: stat.size };
    if (stat.isDirectory()) return { directory: true };
  }
  return null;
}

/** The precompressed copy of `file` (beside it) that the request accepts, if there is one. */
function precompressedCopy(req, file) {
  const accepts = String(req.headers['accept-encoding'] ?? '');
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!new RegExp(`\\b${encoding}\\b`).test(accepts)) continue;
    try {
      const stat = fs.statSync(file + suffix);
      if (stat.isFile()) return { encoding, file: file + suffix, size: stat.size };
    } catch {}
  }
  return null;
}

/**
 * Serves `root` (and first the `overlays`, in order) under `prefix`.
 * Resolves to `{ url, close }`, `url` being the absolute URL of the prefix, e.g. `http://127.0.0.1:41234/reader/`.
 */
export function startServer({ root, prefix = '/reader/', overlays = [], port = 0, host = '127.0.0.1', cors = false, headers = {}, precompressed = false }) {
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`prefix must start and end with "/": ${prefix}`);
  const dirs = [...overlays, root].map((dir) => path.resolve(dir));

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    }
    // The raw path, without query string or fragment; a static host ignores the query.
    const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0];
    // Redirects keep the query: `/reader?episode=x` must still open that episode.
    const query = (req.url ?? '').slice(rawPath.length);
    if (rawPath === prefix.slice(0, -1)) {
      return send(res, 301, 'Moved Permanently\n', { Location: prefix + query });
    }
    if (!rawPath.startsWith(prefix)) return send(res, 404, 'Not Found\n');
    let rel;
    try {
      rel = decodeURIComponent(rawPath.slice(prefix.length));
    } catch {
      return send(res, 400, 'Bad Request\n');
    }
    if (rel.includes('\0') || rel.includes('\\') || rel.split('/').some((part) => part === '..')) {
      return send(res, 403, 'Forbidden\n');
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';

    const found = locate(dirs, rel);
    if (found?.refused) return send(res, 403, 'Forbidden\n');
    if (found?.directory) {
      return send(res, 301, 'Moved Permanently\n', { Location: rawPath + '/' + query });
    }
    if (!found) return send(res, 404, 'Not Found\n');

    const copy = precompressed ? precompressedCopy(req, found.file) : null;
    res.writeHead(200, {
      'Content-Type': contentType(found.file),
      'Content-Length': copy?.size ?? found.size,
      ...(copy ? { 'Content-Encoding': copy.encoding } : {}),
      ...(precompressed ? { Vary: 'Accept-Encoding' } : {}),
      'Cache-Control': 'no-store',
      // Script embeds load the app's files from other origins (module scripts and fetches use CORS).
      ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
      ...headers,
    });
    if (req.method === 'HEAD') return res.end();
    const stream = fs.createReadStream(copy?.file ?? found.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });

  return listen(server, { port, host, path: prefix });
}

/**
 * Starts `server` listening on `host:port` (0: any free port). Resolves to `{ url, sockets, close }`:
 * `url` is `http://host:port` + `path`, `sockets` the open connections, and `close()` ends them
 * all at once (keep-alive sockets would otherwise hold it open) and stops the server.
 */
export function listen(server, { port = 0, host = '127.0.0.1', path: urlPath = '/' } = {}) {
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://${host}:${actual}${urlPath}`,
        sockets,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

// Command line: node tests/e2e/server.mjs [root] [port] [--overlay DIR]... [--prefix /reader/]
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const positional = [];
  const overlays = [];
  let prefix = '/reader/';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--overlay') overlays.push(args[++i]);
    else if (args[i] === '--prefix') prefix = args[++i];
    else positional.push(args[i]);
  }
  const [root = 'dist', port = '8080'] = positional;
  if (!fs.existsSync(root)) {
    console.error(`${root}: no such directory (build the app first: trunk build --release --offline)`);
    process.exit(1);
  }
  // From the command line it also answers other origins, so the embed demo page works.
  const { url } = await startServer({ root, prefix, overlays, port: Number(port), cors: true });
  console.log(`Serving ${path.resolve(root)} at ${url}`);
  console.log(`Open ${url}?episode=deepseek-stole-our-tech (or ${url} for the library)`);
}
