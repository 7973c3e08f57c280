// Files the benches add to a published site (baseline copies of pages, variants) with the
// precompressed copies the publish command writes beside every text file: `.br` (quality 11) and
// `.gz` (level 9), which tests/e2e/server.mjs sends with `precompressed: true`.

import fs from 'node:fs';
import zlib from 'node:zlib';

/** Writes `body` to `file`, and its `.br` and `.gz` copies. */
export function writePrecompressed(file, body) {
  const bytes = Buffer.from(body);
  fs.writeFileSync(file, bytes);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
}
