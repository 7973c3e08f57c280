// trunk post_build hook: writes embed.js (stable name) from src/embed.js with the build's hashed
// file names, so host pages can include one URL that never changes.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const names = readdirSync(dir);
const find = (test, what) => {
  const found = names.filter(test);
  if (found.length !== 1) throw new Error(`expected one ${what} in ${dir}, found ${found.join(', ') || 'none'}`);
  return `./${found[0]}`;
};
const wasm = find((n) => n.endsWith('_bg.wasm'), 'wasm file');
const js = find((n) => n.endsWith('.js') && n.startsWith('digest-reader-'), 'app script');
const css = find((n) => n.endsWith('.css'), 'stylesheet');
const template = readFileSync(new URL('../src/embed.js', import.meta.url), 'utf8');
const script = template.replace('__APP_JS__', js).replace('__APP_WASM__', wasm).replace('__APP_CSS__', css);
writeFileSync(join(dir, 'embed.js'), script);
console.log(`embed.js -> ${js}, ${wasm}, ${css}`);
