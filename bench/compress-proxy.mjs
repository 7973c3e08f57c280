// A compressing front for tests/e2e/server.mjs, as a CDN or nginx with `gzip on` / brotli would be:
// forwards every request to `target` and, when the client accepts it, sends text, JSON, JavaScript,
// SVG and wasm bodies brotli-compressed (quality 11) or gzip-compressed (level 9). The compressed
// bodies are cached in memory, so a file costs its compression once.
//
//   const { url, close } = await startCompressingProxy('http://127.0.0.1:1234/reader/');
//   // url: http://127.0.0.1:<port>/reader/

import http from 'node:http';
import zlib from 'node:zlib';
import { listen } from '../tests/e2e/server.mjs';

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|manifest\+json)|image\/svg\+xml)/;

export function startCompressingProxy(target) {
  const upstream = new URL(target);
  const cache = new Map();

  const server = http.createServer((req, res) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, 'accept-encoding': 'identity' } },
      (up) => {
        const type = String(up.headers['content-type'] ?? '');
        const accepts = String(req.headers['accept-encoding'] ?? '');
        const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
        if (req.method !== 'GET' || up.statusCode !== 200 || !encoding || !COMPRESSIBLE.test(type)) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        const chunks = [];
        up.on('data', (chunk) => chunks.push(chunk));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          const key = `${encoding} ${req.url} ${body.length}`;
          let packed = cache.get(key);
          if (!packed || !packed.source.equals(body)) {
            const data = encoding === 'br'
              ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
              : zlib.gzipSync(body, { level: 9 });
            packed = { source: body, data };
            cache.set(key, packed);
          }
          const headers = { ...up.headers, 'content-encoding': encoding, 'content-length': packed.data.length, vary: 'Accept-Encoding' };
          res.writeHead(200, headers);
          res.end(packed.data);
        });
        up.on('error', () => res.destroy());
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });

  return listen(server, { path: upstream.pathname });
}
