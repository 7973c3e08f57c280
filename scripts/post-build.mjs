// trunk post_build hook, run in the staging directory before it becomes dist/:
// 1. moves trunk's inline module loader out of index.html into boot-<hash>.js (with Subresource
//    Integrity), so a strict Content-Security-Policy (`script-src 'self'`) needs no hashes;
// 2. adds src/prefetch.js as prefetch-<hash>.js, which starts the request for the digest that
//    `?episode=` names while the WebAssembly downloads (the app adopts it);
// 3. writes embed.js (a stable name) from src/embed.js with this build's hashed file names, so
//    host pages include one URL that never changes;
// 4. writes .br and .gz beside every text and wasm asset, for hosts that serve precompressed files;
// 5. writes app.json, the assets a published episode page links, for the publish command.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const names = readdirSync(dir);
const find = (test, what) => {
  const found = names.filter(test);
  if (found.length !== 1) throw new Error(`expected one ${what} in ${dir}, found ${found.join(', ') || 'none'}`);
  return `./${found[0]}`;
};

// 1. The boot script.
const indexPath = join(dir, 'index.html');
const html = readFileSync(indexPath, 'utf8');
const inline = [...html.matchAll(/<script type="?module"?>([\s\S]*?)<\/script>/g)];
if (inline.length !== 1) throw new Error(`expected one inline module script in index.html, found ${inline.length}`);
const [tag, inlineCode] = inline[0];
// The wasm's URL is resolved against the loader itself, not the page: a published episode page
// (`episodes/<id>/`) loads the same loader from two folders up.
const code = inlineCode.replace(/module_or_path: '(\.\/[^']+_bg\.wasm)'/, "module_or_path: new URL('$1', import.meta.url)");
if (code === inlineCode) throw new Error('the loader no longer names the wasm as module_or_path: update post-build.mjs');
const digest = (algorithm, text) => createHash(algorithm).update(text).digest();
const boot = `boot-${digest('sha256', code).toString('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, boot), code);
const sri = (text) => `sha384-${digest('sha384', text).toString('base64')}`;
const prefetchCode = readFileSync(new URL('../src/prefetch.js', import.meta.url), 'utf8');
const prefetch = `prefetch-${digest('sha256', prefetchCode).toString('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, prefetch), prefetchCode);
writeFileSync(indexPath, html.replace(tag,
  `<script defer src="./${prefetch}" integrity="${sri(prefetchCode)}" crossorigin="anonymous"></script>`
  + `<script type="module" src="./${boot}" integrity="${sri(code)}" crossorigin="anonymous"></script>`));
if (/<script(?![^>]*\ssrc=)[^>]*>/.test(readFileSync(indexPath, 'utf8'))) throw new Error('index.html still has an inline script');

// 3. embed.js.
const wasm = find((n) => n.endsWith('_bg.wasm'), 'wasm file');
const js = find((n) => n.endsWith('.js') && n.startsWith('digest-reader-'), 'app script');
const css = find((n) => n.endsWith('.css'), 'stylesheet');
const template = readFileSync(new URL('../src/embed.js', import.meta.url), 'utf8');
writeFileSync(join(dir, 'embed.js'), template.replace('__APP_JS__', js).replace('__APP_WASM__', wasm).replace('__APP_CSS__', css));
// 5. app.json: the assets a published episode page links (with their integrity), for the publish
//    command, which writes those pages with the app's own components but its own <head>.
const asset = (href) => ({ href: href.slice(2), integrity: sri(readFileSync(join(dir, href))) });
writeFileSync(join(dir, 'app.json'), `${JSON.stringify({
  stylesheet: asset(css), module: asset(js), wasm: asset(wasm), loader: asset(`./${boot}`), icon: 'favicon.svg',
}, null, 2)}\n`);
// 4. Precompressed copies.
const compressible = /\.(html|js|css|json|svg|wasm)$/;
const walk = (folder) => readdirSync(folder).flatMap((name) => {
  const path = join(folder, name);
  return statSync(path).isDirectory() ? walk(path) : [path];
});
let compressed = 0;
for (const path of walk(dir).filter((path) => compressible.test(path))) {
  const body = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(`${path}.br`, brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }));
  compressed += 1;
}
console.log(`post-build: ${boot} (loader), ${prefetch}, embed.js -> ${js}, ${wasm}, ${css}; ${compressed} files precompressed`);
