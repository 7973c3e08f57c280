// trunk post_build hook, run in the staging directory before it becomes dist/:
// 1. moves trunk's inline module loader out of index.html into boot-<hash>.js (with Subresource
//    Integrity), so a strict Content-Security-Policy (`script-src 'self'`) needs no hashes;
// 2. adds src/prefetch.js as prefetch-<hash>.js, which starts the request for the digest that
//    `?episode=` names while the WebAssembly downloads (the app adopts it), and in <head> the view
//    script and src/reader.js (the reader's theme and text size, applied before the first paint);
// 3. writes embed.js (a stable name) from src/embed.js with this build's hashed file names, so
//    host pages include one URL that never changes;
// 4. writes .br and .gz beside every text and wasm asset, for hosts that serve precompressed files;
// 5. builds the take-over module of published episode pages (the `hydrate/` crate);
// 6. writes app.json, the assets a published episode page links, for the publish command;
// 7. writes sw.js, the service worker, with this build's shell (see src/sw.js).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

// 2b. Classic scripts in <head>, so they run before the first paint (files from the app's origin,
//     named after their bytes: the strict CSP holds). Returns the file's name.
const addHeadScript = (name, code, what) => {
  const file = `${name}-${digest('sha256', code).toString('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, file), code);
  const withScript = readFileSync(indexPath, 'utf8').replace('</head>',
    `<script src="./${file}" integrity="${sri(code)}" crossorigin="anonymous"></script></head>`);
  if (!withScript.includes(file)) throw new Error(`index.html has no </head> for ${what}`);
  writeFileSync(indexPath, withScript);
  return file;
};
// The view script (src/view.js, app pages only): the episode view class before the first paint,
// the offline indicator and the service worker's registration.
const view = addHeadScript('view', readFileSync(new URL('../src/view.js', import.meta.url), 'utf8'), 'src/view.js');
// The display choices (src/reader.js): the theme and text size this device remembers, applied
// before the first paint; published pages link it too. Its whole-line comments and indentation
// are for its readers here, not for every page load (it has no string spanning lines).
const reader = addHeadScript('reader',
  readFileSync(new URL('../src/reader.js', import.meta.url), 'utf8').replace(/^\s*\/\/.*\n/gm, '').replace(/^\s+/gm, ''),
  'src/reader.js');

// 3. embed.js.
const wasm = find((n) => n.endsWith('_bg.wasm'), 'wasm file');
const js = find((n) => n.endsWith('.js') && n.startsWith('digest-reader-'), 'app script');
const css = find((n) => n.endsWith('.css'), 'stylesheet');
const template = readFileSync(new URL('../src/embed.js', import.meta.url), 'utf8');
writeFileSync(join(dir, 'embed.js'), template.replace('__APP_JS__', js).replace('__APP_WASM__', wasm).replace('__APP_CSS__', css));
// 5. The take-over module of published episode pages: the `hydrate/` crate, built here because
//    trunk builds one Rust binary per page. The episode is already in those pages' HTML, so this
//    module only hydrates it and stays a fraction of the app's size.
const published = buildPublished();
// 6. app.json: the assets a published episode page links (with their integrity), for the publish
//    command, which writes those pages with the app's own components but its own <head>.
const asset = (href) => ({ href: href.slice(2), integrity: sri(readFileSync(join(dir, href))) });
writeFileSync(join(dir, 'app.json'), `${JSON.stringify({
  stylesheet: asset(css), module: asset(js), wasm: asset(wasm), loader: asset(`./${boot}`), icon: 'favicon.svg',
  published: asset(`./${published}`),
  reader: asset(`./${reader}`),
}, null, 2)}\n`);

function buildPublished() {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
  const run = (command, args, options = {}) => execFileSync(command, args, { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  // From hydrate/, so that rustup takes its pinned nightly (hydrate/rust-toolchain.toml), into a
  // target folder of its own (the app's stable build keeps its cache). Release builds rebuild the
  // standard library for size and abort at once on a panic, without locations or Debug output:
  // the loader below catches what a panic hook caught (measured in BENCHMARKS.md).
  const target = join(repo, 'target', 'hydrate');
  const unstable = release ? ['-Zbuild-std=std,panic_abort'] : [];
  const rustflags = release ? '-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none' : '';
  const env = { ...process.env, RUSTFLAGS: rustflags };
  delete env.RUSTUP_TOOLCHAIN; // trunk's own toolchain must not override the pinned one
  delete env.CARGO_ENCODED_RUSTFLAGS;
  run('cargo', ['build', ...unstable, '--target', 'wasm32-unknown-unknown', '-p', 'digest-hydrate', '--target-dir', target,
    ...(release ? ['--release'] : [])], { cwd: join(repo, 'hydrate'), env });
  const built = join(target, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'digest-hydrate.wasm');
  const out = mkdtempSync(join(tmpdir(), 'digest-published-'));
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', 'published', built]);
  const wasmPath = join(out, 'published_bg.wasm');
  if (release) {
    // The same passes and features as the app's own wasm (index.html's data-wasm-opt-params).
    run('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
      '--enable-mutable-globals', '--enable-reference-types', wasmPath, '-o', wasmPath]);
  }
  const glue = readFileSync(join(out, 'published.js'));
  const module = readFileSync(wasmPath);
  const hash = createHash('sha256').update(glue).update(module).digest('hex').slice(0, 16);
  const names = { glue: `published-${hash}.js`, wasm: `published-${hash}_bg.wasm` };
  writeFileSync(join(dir, names.glue), glue);
  writeFileSync(join(dir, names.wasm), module);
  // The page is already complete without this module, so its downloads wait until the browser
  // reports the first contentful paint (a frame is not enough: its paint can be presented much
  // later, and Lighthouse then counts the module on the way to it): they never compete with the
  // HTML and CSS for the first paint. A tab opened in the background paints nothing until shown:
  // it takes over at once; a browser that never reports the paint, after 3 s.
  // The module is built to abort on a panic (no unwinding, no hook: see hydrate/): a panic while
  // taking over traps, init rejects with a RuntimeError, and the loader does what the hook did,
  // it sends the reader to the app rendering the same episode (the app's page is at the
  // loader's folder) and says why in the console. A failed download is not that: the page stays.
  const loaderCode = [
    "if (document.visibilityState === 'visible') await new Promise((painted) => {",
    '  setTimeout(painted, 3000);',
    '  try {',
    "    new PerformanceObserver((list, observer) => list.getEntriesByName('first-contentful-paint').length && (observer.disconnect(), setTimeout(painted, 0)))",
    "      .observe({ type: 'paint', buffered: true });",
    '  } catch {',
    '    requestAnimationFrame(() => setTimeout(painted, 0));',
    '  }',
    '});',
    // Where the take-over starts: what moves after it is the take-over's doing (bench/episode-pages.mjs).
    "performance.mark('digest:takeover');",
    `const { default: init } = await import('./${names.glue}');`,
    'try {',
    `  await init({ module_or_path: new URL('./${names.wasm}', import.meta.url) });`,
    '} catch (error) {',
    "  const root = document.getElementById('episode-root');",
    '  if (!root || !(error instanceof WebAssembly.RuntimeError)) throw error;',
    "  const app = new URL(`./?episode=${encodeURIComponent(root.dataset.episode)}${location.hash}`, import.meta.url);",
    "  console.error(`digest-reader: this page's HTML does not match the app (hydration failed: ${error.message}); showing the client-rendered page ${app} instead`);",
    '  location.replace(app);',
    '}',
    '',
  ].join('\n');
  // Named after its own bytes: hosts cache these files forever.
  const loader = `published-boot-${digest('sha256', loaderCode).toString('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, loader), loaderCode);
  rmSync(out, { recursive: true, force: true });
  return loader;
}
// 7. sw.js (a stable name at the app root, so its scope is the app's folder on any sub-path), from
//    src/sw.js with this build's shell: the files index.html and published pages load. The build's
//    id is their content's hash, so a new build is a new worker with caches of its own.
const shell = ['index.html', boot, view, reader, prefetch, js, wasm, css, 'favicon.svg', 'manifest.webmanifest',
  ...readdirSync(dir).filter((n) => n.startsWith('published-'))].map((n) => n.replace(/^\.\//, '')).sort();
const build = createHash('sha256');
for (const file of shell) build.update(file).update(readFileSync(join(dir, file)));
writeFileSync(join(dir, 'sw.js'), readFileSync(new URL('../src/sw.js', import.meta.url), 'utf8')
  .replace('__BUILD__', build.digest('hex').slice(0, 16)).replace('__SHELL__', JSON.stringify(shell)));

// 4. Precompressed copies.
const compressible = /\.(html|js|css|json|svg|wasm|webmanifest)$/;
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
