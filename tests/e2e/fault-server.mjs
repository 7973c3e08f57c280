// A real HTTP server for the failure tests: the app (a build output) under `/reader/`, exactly as
// server.mjs serves it, plus digests that fail the way real servers and networks fail.
//
//   import { startFaultServer } from './fault-server.mjs';
//   const server = await startFaultServer({ dist: 'dist' });
//   // open `${server.url}?episode=stall` ... then look at server.events / server.requestsFor('stall')
//   await server.close();
//
// `/reader/digests/<id>.json` answers with a fault when `<id>` is a scenario name, or a scenario name
// followed by `-<tag>` (the longest matching name wins, so `huge-chunked-2` is `huge-chunked`, tag `2`).
// Tests use tags to keep their requests and the per-id state (the `flaky` counter) apart.
// Every other path is passed to a plain static server (server.mjs) of `dist`.
//
// What the server observed is in `server.events` (and, for other processes, `GET /__log`);
// `GET /__reset` forgets the events and the per-id counters.
//
// Every loop is bounded in count and time, every socket and timer is tracked, and `close()`
// destroys whatever is still open. The server listens on 127.0.0.1 only.
//
// From the command line: `node tests/e2e/fault-server.mjs [dist] [port]`

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, listen } from './server.mjs';

const HOST = '127.0.0.1';
const PREFIX = '/reader/';
/** The digest that the scenarios that succeed eventually serve. */
export const REAL_DIGEST_ID = 'deepseek-stole-our-tech';

/** How long a stalled request is held before the server gives up on it (the app's deadline is 15 s). */
export const STALL_MS = 20_000;
/** The `huge` bodies: 60 MB, sent 64 KB at a time, as fast as the client takes them. */
export const HUGE_BYTES = 60 * 1024 * 1024;
const HUGE_CHUNK = 64 * 1024;
/** `trickle`: the digest in 40 pieces, one every 500 ms: 20 s in all, past the 15 s deadline. */
export const TRICKLE = { pieces: 40, everyMs: 500 };
/** `slow-ok`: the digest in 10 pieces, one every 300 ms: about 3 s in all. */
export const SLOW_OK = { pieces: 10, everyMs: 300 };
/** `flaky`: this many 503s per id, then the digest. */
export const FLAKY_FAILURES = 2;

/** The fault scenarios, by name: what each one does to the request. */
export const SCENARIOS = {
  /** 404 Not Found. */
  'not-found': (x) => x.simple(404, 'Not Found\n'),
  /** 500 Internal Server Error. */
  'server-error': (x) => x.simple(500, 'Internal Server Error\n'),
  /** 503 for the first FLAKY_FAILURES requests of an id, then the real digest. */
  flaky: (x) => (x.attempt <= FLAKY_FAILURES ? x.simple(503, 'Service Unavailable\n') : x.digest()),
  /** No answer at all (not even headers) until the server gives up after STALL_MS. */
  stall: (x) => x.holdOpen(),
  /** Headers (200, Content-Length of the digest), then no body until the server gives up. */
  'stall-headers': (x) => {
    x.head(200, { 'Content-Type': 'application/json', 'Content-Length': x.realDigest.length });
    x.holdOpen();
  },
  /** Headers and the first 1000 bytes of the digest, then the connection is destroyed (a TCP reset). */
  reset: async (x) => {
    x.head(200, { 'Content-Type': 'application/json', 'Content-Length': x.realDigest.length });
    await x.write(x.realDigest.subarray(0, 1000));
    await x.sleep(200);
    x.destroy('reset');
  },
  /** Content-Length says the whole digest, half of it is sent, then the response ends (and the connection closes). */
  truncated: (x) => {
    x.head(200, { 'Content-Type': 'application/json', 'Content-Length': x.realDigest.length, Connection: 'close' });
    x.end(x.realDigest.subarray(0, Math.floor(x.realDigest.length / 2)));
  },
  /** The real digest, labelled text/html. */
  'wrong-type': (x) => x.digest({ 'Content-Type': 'text/html; charset=utf-8' }),
  /** The real digest with the bytes 0xff 0xfe inside its title string. */
  'invalid-utf8': (x) => {
    const text = x.realDigest.toString('utf8');
    const at = text.indexOf('"title"');
    const quote = text.indexOf('"', text.indexOf(':', at) + 1) + 1;
    const body = Buffer.concat([
      Buffer.from(text.slice(0, quote)),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(text.slice(quote)),
    ]);
    x.send(200, body, { 'Content-Type': 'application/json' });
  },
  /** A 60 MB JSON body with its Content-Length. */
  huge: (x) => x.huge({ declareLength: true }),
  /** The same 60 MB, chunked (no Content-Length): only reading tells how large it is. */
  'huge-chunked': (x) => x.huge({ declareLength: false }),
  /** Headers only, promising 60 MB (Content-Length), then nothing: only a client that goes by the header refuses it at once. */
  'huge-header': (x) => {
    x.head(200, { 'Content-Type': 'application/json', 'Content-Length': HUGE_BYTES });
    x.holdOpen();
  },
  /** The real digest in small pieces, slower than the 15 s deadline. */
  trickle: (x) => x.trickle(TRICKLE),
  /** The real digest in small pieces over about 3 s: slow, but within the deadline. */
  'slow-ok': (x) => x.trickle(SLOW_OK),
};

/** `<id>` → `{ scenario, tag }`, or null if the id is not a fault route. */
export function parseFaultId(id) {
  let best = null;
  for (const name of Object.keys(SCENARIOS)) {
    if ((id === name || id.startsWith(name + '-')) && (!best || name.length > best.length)) best = name;
  }
  if (!best) return null;
  return { scenario: best, tag: id.slice(best.length + 1) };
}

/**
 * Starts the server. Resolves to:
 * - `url`: the app, e.g. `http://127.0.0.1:41234/reader/`
 * - `digest`: the bytes of the real digest that the scenarios serve
 * - `events`: what happened, in order: `{ t, id, scenario, tag, request, type, bytes?, detail? }` where
 *   `type` is `request`, `headers`, `end` (the whole response was sent), `server-destroy` (the server cut
 *   the connection: `detail` says why), `client-close` (the connection closed before the response was complete,
 *   and not by the server), `closed` (the connection closed, whoever did it) — `bytes` is the body bytes
 *   handed to the socket so far
 * - `requestsFor(id)`: the requests of one digest id, each `{ request, id, scenario, tag, attempt, start, events, bytes, done, closedBy }`
 *   (`closedBy`: null while open, `client`, `server`, or `after-end` for a kept-alive socket closed after its response)
 * - `openSockets`: how many connections are open now
 * - `waitFor(predicate, timeout)`: resolves to the first event (past or future) that matches, rejects after `timeout` ms
 * - `reset()`: forgets events and counters
 * - `close()`: closes every connection, timer and the static server
 */
export async function startFaultServer({ dist, port = 0 }) {
  const root = path.resolve(dist);
  const realDigest = fs.readFileSync(path.join(root, 'digests', `${REAL_DIGEST_ID}.json`));
  const statics = await startServer({ root });
  const staticUrl = new URL(statics.url);

  const events = [];
  const waiters = new Set();
  const attempts = new Map(); // id → number of requests so far
  const requests = new Map(); // request number → record
  const timers = new Set();
  let requestCount = 0;
  let closing = false;

  function record(entry) {
    const event = { t: Date.now(), ...entry };
    events.push(event);
    for (const waiter of waiters) {
      if (waiter.predicate(event)) waiter.resolve(event);
    }
    return event;
  }

  function waitFor(predicate, timeout = 30_000) {
    const past = events.find(predicate);
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (event) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no matching server event within ${timeout} ms; events: ${JSON.stringify(events.slice(-5))}`));
      }, timeout);
      waiters.add(waiter);
    });
  }

  /** A timer that close() cancels. */
  function later(ms, fn) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    return timer;
  }

  function handleFault(req, res, id, { scenario, tag }) {
    const attempt = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, attempt);
    const number = ++requestCount;
    const socket = req.socket;
    const rec = { request: number, id, scenario, tag, attempt, start: Date.now(), bytes: 0, done: false, closedBy: null, events: [] };
    requests.set(number, rec);
    const log = (type, extra = {}) => rec.events.push(record({ id, scenario, tag, request: number, type, bytes: rec.bytes, ...extra }));
    log('request', { attempt });

    let open = true;
    let destroyedByServer = false;
    const ownTimers = new Set();
    const wake = new Set(); // resolvers of pending sleeps and drains, released when the connection closes
    const onClose = () => {
      if (!open) return;
      open = false;
      for (const timer of ownTimers) {
        clearTimeout(timer);
        timers.delete(timer);
      }
      for (const resolve of wake) resolve();
      if (!rec.done && !destroyedByServer) {
        rec.closedBy = 'client';
        log('client-close');
      } else if (!rec.closedBy) {
        rec.closedBy = destroyedByServer ? 'server' : 'after-end';
      }
      log('closed');
    };
    // The socket's close tells both an aborted request and a reset. (A kept-alive socket may close
    // long after its response ended: that is logged as `closed` only.)
    socket.once('close', onClose);

    const x = {
      attempt,
      realDigest,
      get open() {
        return open;
      },
      sleep(ms) {
        return new Promise((resolve) => {
          if (!open) return resolve();
          const timer = later(ms, () => {
            ownTimers.delete(timer);
            wake.delete(resolve);
            resolve();
          });
          ownTimers.add(timer);
          wake.add(resolve);
        });
      },
      head(status, headers = {}) {
        res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
        res.flushHeaders();
        log('headers', { detail: String(status) });
      },
      /** Writes a body chunk; resolves once the socket can take more (or the connection is gone). */
      write(chunk) {
        if (!open) return Promise.resolve(false);
        rec.bytes += chunk.length;
        const ok = res.write(chunk);
        if (ok) return Promise.resolve(true);
        return new Promise((resolve) => {
          const done = () => {
            res.off('drain', done);
            wake.delete(done);
            resolve(open);
          };
          res.on('drain', done);
          wake.add(done);
        });
      },
      end(chunk) {
        if (!open) return;
        if (chunk) rec.bytes += chunk.length;
        res.end(chunk, () => {
          rec.done = true;
          for (const timer of ownTimers) {
            clearTimeout(timer);
            timers.delete(timer);
          }
          ownTimers.clear();
          log('end');
        });
      },
      send(status, body, headers = {}) {
        x.head(status, { 'Content-Length': body.length, ...headers });
        x.end(body);
      },
      simple(status, text) {
        x.send(status, Buffer.from(text), { 'Content-Type': 'text/plain; charset=utf-8' });
      },
      digest(headers = {}) {
        x.send(200, realDigest, { 'Content-Type': 'application/json', ...headers });
      },
      destroy(why) {
        if (!open || rec.done) return;
        destroyedByServer = true;
        log('server-destroy', { detail: why });
        socket.destroy();
      },
      /** Holds the connection open (sending nothing more) until the client goes or STALL_MS pass. */
      holdOpen() {
        const timer = later(STALL_MS, () => {
          ownTimers.delete(timer);
          x.destroy(`stalled ${STALL_MS} ms`);
        });
        ownTimers.add(timer);
      },
      async huge({ declareLength }) {
        x.head(200, {
          'Content-Type': 'application/json',
          ...(declareLength ? { 'Content-Length': HUGE_BYTES } : {}),
        });
        // A client that neither reads nor cancels holds the body up: the server gives up after STALL_MS.
        x.holdOpen();
        const opening = Buffer.from('{"format":"digest/v1","padding":"');
        const closing = Buffer.from('"}');
        const filler = Buffer.alloc(HUGE_CHUNK, 'x');
        let left = HUGE_BYTES - opening.length - closing.length;
        await x.write(opening);
        // At most HUGE_BYTES / HUGE_CHUNK + 1 writes; each waits for the client to take the one before.
        for (let n = 0; open && left > 0 && n <= HUGE_BYTES / HUGE_CHUNK; n++) {
          const size = Math.min(left, filler.length);
          left -= size;
          await x.write(filler.subarray(0, size));
        }
        if (open && left === 0) x.end(closing);
      },
      async trickle({ pieces, everyMs }) {
        x.head(200, { 'Content-Type': 'application/json' });
        const size = Math.ceil(realDigest.length / pieces);
        for (let i = 0; i < pieces && open; i++) {
          const piece = realDigest.subarray(i * size, (i + 1) * size);
          if (i < pieces - 1) {
            await x.write(piece);
            await x.sleep(everyMs);
          } else {
            x.end(piece);
          }
        }
      },
    };

    Promise.resolve()
      .then(() => SCENARIOS[scenario](x))
      .catch((error) => {
        log('handler-error', { detail: String(error?.stack ?? error) });
        x.destroy('handler failed');
      });
  }

  /** Passes a request to the static server. */
  function proxy(req, res) {
    const upstream = http.request(
      {
        host: staticUrl.hostname,
        port: staticUrl.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, connection: 'close' },
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Bad Gateway\n');
      } else {
        res.destroy();
      }
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }

  const server = http.createServer((req, res) => {
    const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0];
    if (rawPath === '/__log') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      return res.end(JSON.stringify(events));
    }
    if (rawPath === '/__reset') {
      reset();
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      return res.end();
    }
    const match = /^\/reader\/digests\/([a-z0-9-]+)\.json$/.exec(rawPath);
    const fault = match && req.method === 'GET' ? parseFaultId(match[1]) : null;
    if (fault) return handleFault(req, res, match[1], fault);
    return proxy(req, res);
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 0; // the stall scenarios time themselves out

  server.on('connection', (socket) => {
    if (closing) socket.destroy();
  });

  function reset() {
    events.length = 0;
    attempts.clear();
    requests.clear();
  }

  const listening = await listen(server, { port, host: HOST, path: PREFIX });

  return {
    url: listening.url,
    /** The bytes of the real digest that the scenarios serve (whole or in part). */
    digest: realDigest,
    events,
    waitFor,
    reset,
    requestsFor: (id) => [...requests.values()].filter((rec) => rec.id === id),
    /** Open connections right now (for checks that nothing lingers). */
    get openSockets() {
      return listening.sockets.size;
    },
    close: async () => {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const waiter of waiters) waiter.resolve(undefined);
      await listening.close();
      await statics.close();
    },
  };
}

// Command line: node tests/e2e/fault-server.mjs [dist] [port]
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [dist = 'dist', port = '8081'] = process.argv.slice(2);
  const server = await startFaultServer({ dist, port: Number(port) });
  console.log(`Serving ${path.resolve(dist)} at ${server.url} with fault digests:`);
  for (const name of Object.keys(SCENARIOS)) console.log(`  ${server.url}?episode=${name}`);
  console.log(`Log: ${new URL('/__log', server.url)}  Reset: ${new URL('/__reset', server.url)}`);
}
