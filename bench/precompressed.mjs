// Files the benches add to a published site (baseline copies of pages, variants) with the `.br`
// copy the publish command writes beside every text file, which tests/e2e/server.mjs sends with
// `precompressed: true`.

import fs from 'node:fs';
import zlib from 'node:zlib';

/** `bytes` brotli-compressed as the publish command does (quality 11). */
export function brotli(bytes) {
  return zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}

/** Writes `body` to `file`, and its `.br` copy. */
export function writePrecompressed(file, body) {
  const bytes = Buffer.from(body);
  fs.writeFileSync(file, bytes);
  fs.writeFileSync(`${file}.br`, brotli(bytes));
}
