// The publishing benchmark: `bash bench/publish.sh` builds the app and `digest-site`, then runs
// this file, which times `digest-site publish` on generated folders of 1,000, 10,000 and 100,000
// digests: a full publish into an empty folder, a re-publish after one digest's title changed and
// a re-publish with nothing changed, each under `/usr/bin/time -v` (wall clock, CPU, peak RSS),
// next to two baselines from the same run (`cp -r` of the input, `digest-site check` of it), and
// the output's size. Prints the tables and writes them as the "## Publishing" section of
// BENCHMARKS.md (the rest of the file is bench/run.mjs's and is left as it is).
//
//   node bench/publish.mjs        (dist/ and target/site/digest-site must exist; publish.sh builds them)
//
// Environment:
//   SIZES="1000 10000 100000"   folder sizes to publish
//   CHECK_SIZES="1000000"       sizes for which only `digest-site check` is timed (reading and
//                               validating every digest: what every publish does, changed or not)
//   SEED (20250617), BENCH_DIR (target/bench-publish), KEEP_OUTPUT=1 (keep the published sites),
//   KEEP_GENERATED=1 (keep generated folders over 100,000 digests too),
//   WRITE_BENCHMARKS=0 (print only), PUBLISH_TIMEOUT (seconds per command, default 3600),
//   RENDER_ONLY=1 (no measuring: the report again from BENCH_DIR/results.json)
//
// Generated folders (up to 100,000 digests) are kept in BENCH_DIR/digests-<N> and reused while the
// generator (its source, scripts/random.mjs, N and the seed) is unchanged; publishing works on a copy (the `cp -r`
// baseline), so the kept folder is never edited.

import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(BENCH, '..');
const list = (text) => (text ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
const SIZES = list(process.env.SIZES ?? '1000 10000 100000');
const CHECK_SIZES = list(process.env.CHECK_SIZES);
const SEED = Number(process.env.SEED ?? 20250617);
const WORK = path.resolve(REPO, process.env.BENCH_DIR ?? 'target/bench-publish');
const BIN = process.env.DIGEST_SITE ?? path.join(REPO, 'target/site/digest-site');
// A copy of dist/ taken at the start: a rebuild of dist/ during the run (others build in this
// tree) would change every page and turn a re-publish into a full one.
const DIST = path.join(WORK, 'app');
const TIMEOUT = Number(process.env.PUBLISH_TIMEOUT ?? 3600);
const TARGET_FULL_S = 120;
const TARGET_ONE_CHANGE_S = 5;
const TARGET_N = 100_000;
const INDEX_LIMIT = 50 * 1024 * 1024; // the reader refuses a larger digests/index.json

const log = (text) => console.error(`\x1b[1m[bench:publish]\x1b[0m ${text}`);
const sh = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 }).trim();
const load = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');

// ---------------------------------------------------------------------------------------------
// Running and timing

/** Runs a command under /usr/bin/time -v; wall clock from here, CPU and peak RSS from time. */
function timed(label, cmd, args) {
  const timeFile = path.join(WORK, `.time-${process.pid}`);
  const loadAt = os.loadavg()[0];
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-v', '-o', timeFile, 'timeout', String(TIMEOUT), cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const time = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf8') : '';
  fs.rmSync(timeFile, { force: true });
  const field = (name) => Number(new RegExp(`^\\s*${name}: ([\\d.]+)`, 'm').exec(time)?.[1] ?? NaN);
  const result = {
    label,
    ok: run.status === 0,
    status: run.status,
    wall,
    user: field('User time \\(seconds\\)'),
    sys: field('System time \\(seconds\\)'),
    cpu: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'),
    rssKb: field('Maximum resident set size \\(kbytes\\)'),
    loadAt,
    stdout: run.stdout ?? '',
    stderr: run.stderr ?? '',
  };
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {}
  result.report = report;
  const timedOut = run.status === 124 ? ` (timed out after ${TIMEOUT} s)` : '';
  log(`${label}: ${result.ok ? 'ok' : `FAILED, exit ${run.status}${timedOut}`} in ${wall.toFixed(2)} s, `
    + `CPU ${result.cpu.toFixed(2)} s, peak RSS ${(result.rssKb / 1024).toFixed(0)} MiB, load ${loadAt.toFixed(2)}`);
  if (!result.ok) {
    const first = (result.stderr || result.stdout).split('\n').filter(Boolean).slice(0, 8).join('\n');
    log(`  ${first}`);
  }
  return result;
}

function generatorKey(n) {
  const hash = crypto.createHash('sha256');
  for (const file of ['scripts/gen-digests.mjs', 'scripts/random.mjs']) {
    hash.update(fs.readFileSync(path.join(REPO, file)));
  }
  hash.update(`\n${n}\n${SEED}\n`);
  return hash.digest('hex');
}

/** The generated folder of n digests, reused when the generator has not changed. */
function generated(n) {
  const dir = path.join(WORK, `digests-${n}`);
  const stamp = path.join(dir, '.generator');
  const key = generatorKey(n);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === key) {
    log(`${dir}: generated before with this generator, reused`);
    return { dir, generation: null };
  }
  remove(dir);
  const generation = timed(`generate ${n}`, 'node', [path.join(REPO, 'scripts/gen-digests.mjs'), String(n), dir, '--seed', String(SEED)]);
  if (!generation.ok) throw new Error(`gen-digests.mjs failed: ${generation.stderr}`);
  fs.writeFileSync(stamp, key);
  return { dir, generation };
}

/** rm -rf: fs.rmSync takes some 15 minutes for the 1.5 million files of a 100,000-digest site. */
function remove(dir) {
  spawnSync('rm', ['-rf', dir], { stdio: 'inherit' });
}

function duBytes(dir) {
  return Number(sh('du', ['-sb', dir]).split(/\s/)[0]);
}

function countFiles(dir) {
  // Files only (directories are not uploaded as objects); `find | wc -l` also counts folders.
  const files = Number(sh('bash', ['-c', 'find "$1" -type f | wc -l', '-', dir]));
  const all = Number(sh('bash', ['-c', 'find "$1" | wc -l', '-', dir]));
  return { files, all };
}

/** Files below dir modified after marker: what a sync by modification time would upload. */
function newerThan(dir, marker) {
  return Number(sh('bash', ['-c', 'find "$1" -type f -newer "$2" | wc -l', '-', dir, marker]));
}

function fileSize(file) {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// One size

function benchSize(n, site) {
  log(`--- ${n.toLocaleString('en-US')} digests (load ${load()})`);
  const { dir, generation } = generated(n);
  const input = path.join(WORK, `input-${n}`);
  const out = path.join(WORK, `site-${n}`);
  remove(input);
  remove(out);
  const row = { n, loadStart: load(), generation: generation && { wall: generation.wall } };
  row.inputBytes = duBytes(dir);

  // Baselines: copying the input (reading and writing every byte once, nothing else), and
  // reading and validating it with the command's own `check`.
  row.copy = timed(`cp -r ${n}`, 'cp', ['-r', dir, input]);
  row.check = timed(`check ${n}`, BIN, ['check', input, '--format', 'json']);

  const publish = (label) => timed(label, BIN,
    ['publish', input, '--site', site, '--out', out, '--app', DIST, '--quiet', '--format', 'json']);

  row.full = publish(`full publish ${n}`);
  if (!row.full.ok) return row;
  row.outBytes = duBytes(out);
  Object.assign(row, countFiles(out));
  row.plainFiles = Number(sh('bash', ['-c', 'find "$1" -type f ! -name "*.br" ! -name "*.gz" ! -name .digest-site-state.json | wc -l', '-', out]));
  row.indexBytes = fileSize(path.join(out, 'digests/index.json'));
  row.stateBytes = fileSize(path.join(out, '.digest-site-state.json'));
  row.sitemaps = fs.readdirSync(out).filter((name) => /^sitemap(-\d+)?\.xml$/.test(name)).length;

  // One change: the title of the digest in the middle of the folder (not among the newest, so
  // not in the feeds: the common case of a correction to an old episode).
  const names = fs.readdirSync(input).filter((name) => name.endsWith('.json')).sort();
  const changed = names[Math.floor(names.length / 2)];
  const file = path.join(input, changed);
  const digest = JSON.parse(fs.readFileSync(file, 'utf8'));
  digest.title = `${digest.title} (corrected)`;
  fs.writeFileSync(file, `${JSON.stringify(digest, null, 2)}\n`);
  row.changedId = digest.id;
  const marker = path.join(WORK, `.marker-${process.pid}`);
  fs.writeFileSync(marker, '');
  // mtimes have 1 ns resolution on ext4, but leave no doubt about "newer".
  spawnSync('sleep', ['0.05']);
  row.one = publish(`re-publish ${n}, one title changed`);
  row.oneNewer = newerThan(out, marker);
  const published = fs.readFileSync(path.join(out, 'digests', changed), 'utf8');
  row.oneApplied = published === fs.readFileSync(file, 'utf8');
  if (!row.oneApplied) log(`  the changed digest was NOT published: ${changed}`);

  fs.writeFileSync(marker, '');
  spawnSync('sleep', ['0.05']);
  row.none = publish(`re-publish ${n}, nothing changed`);
  row.noneNewer = newerThan(out, marker);
  fs.rmSync(marker, { force: true });

  if (process.env.KEEP_OUTPUT !== '1') {
    remove(out);
    remove(input);
  }
  dropLarge(n, dir);
  return row;
}

/** Generated folders over 100,000 digests (1.8 GB at 300,000) are not kept unless KEEP_GENERATED=1. */
function dropLarge(n, dir) {
  if (n > 100_000 && process.env.KEEP_GENERATED !== '1') remove(dir);
}

function checkOnly(n) {
  log(`--- ${n.toLocaleString('en-US')} digests, check only (load ${load()})`);
  const { dir, generation } = generated(n);
  const row = { n, loadStart: load(), generation: generation && { wall: generation.wall }, inputBytes: duBytes(dir) };
  row.check = timed(`check ${n}`, BIN, ['check', dir, '--format', 'json']);
  dropLarge(n, dir);
  return row;
}

// ---------------------------------------------------------------------------------------------
// The report

const int = (v) => (v == null || Number.isNaN(v) ? '—' : Math.round(v).toLocaleString('en-US'));
const sec = (v) => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const mib = (kb) => `${int(kb / 1024)} MiB`;
const size = (bytes) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`);
const mark = (ok) => (ok ? '✅ meets' : '❌ misses');

function cell(run) {
  if (!run) return '—';
  if (!run.ok) return `failed (exit ${run.status})`;
  return `${sec(run.wall)} s (CPU ${sec(run.user)} + ${sec(run.sys)} s)`;
}

function written(run) {
  const w = run?.report?.written;
  return w ? int(w.written) : '—';
}

function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Least squares through (n, y): y = a + b·n. */
function fit(points) {
  const k = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / k;
  const my = points.reduce((s, [, y]) => s + y, 0) / k;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const b = sxx ? points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx : my / mx;
  return { a: my - b * mx, b, at: (n) => my - b * mx + b * n };
}

function report(r) {
  const m = r.machine;
  const rows = r.rows.filter((row) => row.full);
  const done = rows.filter((row) => row.full.ok);
  const out = [];
  out.push('## Publishing', '');
  out.push('Written by `bash bench/publish.sh` (`node bench/publish.mjs`); bench/run.mjs carries this section over '
    + 'when it rewrites the rest of this file. `digest-site publish --quiet --format json` '
    + '(`cargo build --profile site -p digest-publish`) on folders written by `node scripts/gen-digests.mjs <N> <dir> '
    + `--seed ${SEED}\` (valid digest/v1 files of 4 to 10 KB, about ${int(done[0] ? done[0].inputBytes / done[0].n : 6000)} bytes on average), `
    + 'with `public/site.json` plus `"base_url": "https://example.org/reader/"` and the release build in `dist/`. '
    + 'For each size: a **full publish** into an empty folder; a **re-publish after one change** (the title of one digest '
    + 'in the middle of the folder, so not one the feeds carry); a **re-publish with nothing changed**. '
    + 'Baselines from the same run: **`cp -r`** of the input folder (reading and writing every input byte once, nothing else) '
    + 'and **`digest-site check`** of it (reading and validating every digest, which every publish does first). '
    + 'Wall-clock seconds, with the CPU time (user + system seconds, all threads) in parentheses; peak memory is "Maximum resident set size" '
    + 'from `/usr/bin/time -v`. The page cache is warm (the input was just generated or copied). The machine is shared: '
    + 'the load average is given for each size; compare runs made on one machine.', '');

  out.push('### Machine', '');
  out.push(table(['', ''], [
    ['CPUs (`nproc`)', m.nproc],
    ['CPU', m.cpu],
    ['Memory', m.memory],
    ['File system of `target/`', m.fs],
    ['rustc / Node.js', `${m.rustc} / ${m.node}`],
    ['Date', m.date],
    ['Commit', m.commit],
    ['`digest-site` built from', m.publishCommit],
    ['Run time', `${r.seconds} s`],
    ['Load average (1, 5, 15 min) at start / end', `${m.loadBefore} / ${r.loadAfter}`],
  ]), '');

  out.push('### Time', '');
  out.push(table(
    ['digests', 'load at start (1 min)', 'baseline: `cp -r` input', 'baseline: `check`', 'full publish',
      're-publish, one title changed', 're-publish, nothing changed'],
    rows.map((row) => [int(row.n), row.loadStart.split(' ')[0], cell(row.copy), cell(row.check), cell(row.full),
      cell(row.one), cell(row.none)]),
  ), '');

  out.push('### Memory and output', '');
  out.push(table(
    ['digests', 'input', 'peak RSS: check / full / one change / nothing changed', 'output bytes (`du -sb`)',
      'output files (`find -type f`; with folders)', 'files written: full / one change / nothing changed',
      'files with a new mtime: one change / nothing changed', '`digests/index.json`', 'sitemap files', 'state file'],
    done.map((row) => [
      int(row.n),
      size(row.inputBytes),
      [row.check, row.full, row.one, row.none].map((run) => (run ? mib(run.rssKb) : '—')).join(' / '),
      `${int(row.outBytes)} (${size(row.outBytes)})`,
      `${int(row.files)} (${int(row.all)})`,
      [row.full, row.one, row.none].map(written).join(' / '),
      `${int(row.oneNewer)} / ${int(row.noneNewer)}`,
      `${size(row.indexBytes)}${row.indexBytes > INDEX_LIMIT ? ' (over the reader\'s 50 MB limit)' : ''}`,
      int(row.sitemaps),
      size(row.stateBytes),
    ]),
  ), '');
  const unapplied = done.filter((row) => row.oneApplied === false);
  if (unapplied.length) {
    out.push(`**The changed digest was not published** for ${unapplied.map((row) => int(row.n)).join(', ')} digests.`, '');
  }
  const failed = rows.filter((row) => [row.full, row.one, row.none].some((run) => run && !run.ok));
  for (const row of failed) {
    for (const run of [row.full, row.one, row.none].filter((x) => x && !x.ok)) {
      const text = (run.stderr || run.stdout).split('\n').filter(Boolean).slice(0, 5).join(' / ');
      out.push(`- ${run.label}: exit ${run.status}: \`${text.replace(/`/g, "'")}\``);
    }
    out.push('');
  }

  const checks = r.checkRows;
  if (checks.length) {
    out.push('### Reading and validating only (larger folders)', '');
    out.push('`digest-site check <folder> --format json` on the generated folder itself: the part of every publish, '
      + 'changed or not, that reads, hashes and validates all digests.', '');
    out.push(table(['digests', 'input', 'load at start (1 min)', '`check`', 'peak RSS'],
      checks.map((row) => [int(row.n), size(row.inputBytes), row.loadStart.split(' ')[0], cell(row.check), mib(row.check.rssKb)])), '');
  }

  // Where the time goes, from the figures above.
  const last = done.filter((row) => row.one?.ok && row.none?.ok && row.copy?.ok && row.check?.ok).at(-1);
  if (last) {
    const perFileSys = last.copy.sys / last.n;
    out.push('### Where the time goes', '');
    out.push(...[
      `Full publish of ${int(last.n)}: ${sec(last.full.user)} s of user time (rendering and compressing) and `
        + `${sec(last.full.sys)} s of system time for ${int(last.files)} files, ${(last.full.sys / last.files * 1000).toFixed(3)} ms `
        + `of kernel time per file. \`cp -r\` of the input spent ${(perFileSys * 1000).toFixed(3)} ms per file: creating files `
        + `costs about this much here whoever does it, so the file count alone sets a floor: some `
        + `${sec(last.files * Math.min(perFileSys, last.full.sys / last.files) / 2)} s of wall time with both cores creating files `
        + 'at the cheaper of the two rates. Fewer files per episode (no `.gz` copies, for example) lowers that floor; the user time '
        + 'is CPU that the two cores share.',
      `Re-publish of ${int(last.n)} with nothing changed: ${sec(last.none.wall)} s, of which reading and validating every digest `
        + `(\`check\` alone) is ${sec(last.check.wall)} s; the rest is the site-wide files (\`digests/index.json\`, `
        + `${size(last.indexBytes)}, the sitemaps, the feeds) and the state file. One change adds `
        + `${sec(Math.max(0, last.one.wall - last.none.wall))} s: ${int(last.oneNewer)} files rewritten.`,
    ].map((line) => `- ${line}`), '');
  }

  // Targets.
  const target = done.find((row) => row.n === TARGET_N);
  out.push('### Targets', '');
  out.push(table(['target', 'measured', ''], [
    [`${int(TARGET_N)} digests published in under ${TARGET_FULL_S} s`, target ? `${sec(target.full.wall)} s` : 'not measured',
      target ? mark(target.full.wall < TARGET_FULL_S) : ''],
    [`re-publish after one change in under ${TARGET_ONE_CHANGE_S} s (${int(TARGET_N)} digests)`,
      target?.one?.ok ? `${sec(target.one.wall)} s` : 'not measured',
      target?.one?.ok ? mark(target.one.wall < TARGET_ONE_CHANGE_S) : ''],
  ]), '');

  // A million.
  const big = done.filter((row) => row.n >= 10_000 && row.one?.ok && row.none?.ok);
  if (big.length >= 2) {
    const M = 1_000_000;
    const f = (pick) => fit(big.map((row) => [row.n, pick(row)]));
    const full = f((row) => row.full.wall);
    const fullCpu = f((row) => row.full.cpu);
    const one = f((row) => row.one.wall);
    const none = f((row) => row.none.wall);
    const rss = f((row) => Math.max(row.full.rssKb, row.one.rssKb, row.none.rssKb));
    const bytes = f((row) => row.outBytes);
    const files = f((row) => row.files);
    const index = f((row) => row.indexBytes);
    const state = f((row) => row.stateBytes);
    const largest = big.at(-1);
    const checkM = checks.find((row) => row.n === M && row.check.ok);
    out.push('### 1,000,000 digests', '');
    out.push(`Extrapolated, not measured: a straight line (least squares) through the measured sizes from 10,000 up `
      + `(${big.map((row) => int(row.n)).join(', ')}); every step of the command is per digest or per output file, `
      + `so the time, the output and the state grow linearly, and the peak memory (one index entry and one state entry `
      + `per digest are held at once) too. Machine and load as above.`, '');
    out.push(table(['figure', `measured at ${int(largest.n)}`, 'per 1,000 digests (slope)', '1,000,000 (extrapolated)'], [
      ['full publish', `${sec(largest.full.wall)} s`, `${(full.b * 1000).toFixed(2)} s`, `${int(full.at(M))} s (${(full.at(M) / 60).toFixed(0)} min); CPU ${int(fullCpu.at(M))} s`],
      ['re-publish, one change', `${sec(largest.one.wall)} s`, `${(one.b * 1000).toFixed(3)} s`, `${int(one.at(M))} s`],
      ['re-publish, nothing changed', `${sec(largest.none.wall)} s`, `${(none.b * 1000).toFixed(3)} s`, `${int(none.at(M))} s`],
      ['peak RSS', mib(Math.max(largest.full.rssKb, largest.one.rssKb, largest.none.rssKb)), mib(rss.b * 1000), mib(rss.at(M))],
      ['output bytes', size(largest.outBytes), size(bytes.b * 1000), size(bytes.at(M))],
      ['output files', int(largest.files), int(files.b * 1000), int(files.at(M))],
      ['`digests/index.json`', size(largest.indexBytes), size(index.b * 1000), size(index.at(M))],
      ['state file', size(largest.stateBytes), size(state.b * 1000), size(state.at(M))],
    ]), '');
    const notes = [];
    if (checkM) {
      notes.push(`Measured at 1,000,000: \`digest-site check\` of the folder (${size(checkM.inputBytes)}) took `
        + `${sec(checkM.check.wall)} s with a peak RSS of ${mib(checkM.check.rssKb)}: the reading and validating that every `
        + 'publish, changed or not, starts with.');
    }
    notes.push(`Output files: about ${int(files.at(M))} for a million digests. This machine's file system has `
      + `${int(m.inodesFree)} free inodes, which is why a full 1,000,000 publish was not run here; an ext4 file system `
      + `made with the default bytes-per-inode ratio (16 KiB) has that many inodes from about ${size(files.at(M) * 16384)} up.`);
    if (index.at(M) > INDEX_LIMIT) {
      const over = done.filter((row) => row.indexBytes > INDEX_LIMIT).map((row) => int(row.n));
      notes.push(`\`digests/index.json\` would be about ${size(index.at(M))}: the reader refuses an index over 50 MB`
        + `${over.length ? ` (the one for ${over.join(' and ')} digests is over it already)` : ''}. `
        + 'A library of that size needs the index split (or shorter entries) before the reader can show it.');
    }
    // A straight line is only right if the cost per digest stays put: say so when it grows.
    const [p, q] = big.slice(-2);
    const exponent = Math.log(q.full.wall / p.full.wall) / Math.log(q.n / p.n);
    if (exponent > 1.15) {
      notes.push(`The full publish grew faster than the number of digests between ${int(p.n)} and ${int(q.n)} `
        + `(time ∝ N^${exponent.toFixed(2)}; CPU ∝ N^${(Math.log(q.full.cpu / p.full.cpu) / Math.log(q.n / p.n)).toFixed(2)}): `
        + `at that rate a million would take ${int(q.full.wall * (M / q.n) ** exponent)} s, not the straight line's figure.`);
    }
    out.push(...notes.map((note) => `- ${note}`), '');
  }

  // Deployment.
  out.push('### Deploying the output to object storage behind a CDN', '');
  out.push('Not measured here (no network): how the figures above translate into an upload.', '');
  out.push(...[
    'An incremental publish leaves every unchanged file untouched (the table\'s "files with a new mtime" column: '
      + 'the one-change re-publish gives the changed episode\'s files and the site-wide files, the no-change '
      + 're-publish next to nothing), so a sync tool uploads only what changed: `aws s3 sync site/ s3://bucket/reader/` '
      + '(compares size and modification time) or `rclone sync --checksum site/ remote:bucket/reader/` (compares MD5 '
      + 'with the objects\' ETags; costs reading every local file and listing every object, but survives a fresh '
      + 'checkout or a restored cache whose mtimes changed). At a million episodes the listing alone is several '
      + 'thousand LIST requests: `rclone --fast-list`, or upload just the files newer than a marker touched before '
      + 'the publish (`find site -type f -newer marker`, as this benchmark counts them) with `rclone copy --files-from`.',
    'Keep the output folder between publishes (a CI cache or a persistent runner): with the folder and its '
      + '`.digest-site-state.json` gone, the next publish is a full one and every file looks new to a sync by mtime.',
    'Never upload `.digest-site-state.json` (`--exclude .digest-site-state.json` for both tools): it is the '
      + 'publisher\'s bookkeeping, not part of the site.',
    'Order, in two passes: first everything except the files that name others (`--exclude` `index.html`, `embed.js`, '
      + '`site.json`, `digests/index.json`, `feed.*`, `sitemap*.xml`), so the hashed assets (`*-<hash>.js`, `*-<hash>.css`, '
      + '`*-<hash>_bg.wasm`) and the episode files are there first; then those files, with `--delete` (rclone: `sync`) '
      + 'so removed episodes disappear last. The command writes its output folder in that order too, and keeps earlier '
      + 'builds\' assets for readers whose cached `index.html` still names them.',
    'Cache headers: hashed assets `Cache-Control: public, max-age=31536000, immutable`; everything else a short '
      + '`max-age` (e.g. 300) or `no-cache` with revalidation. Content types: `.wasm` must be `application/wasm` '
      + '(streaming compilation), `.md` `text/markdown; charset=utf-8`; the reader\'s files need '
      + '`Access-Control-Allow-Origin: *` for embeds on other origins (a CORS rule on the bucket or a response-headers '
      + 'policy on the CDN).',
    'Compression: object storage does not negotiate `Accept-Encoding`, so the `.br` and `.gz` copies are for hosts '
      + 'that do (nginx `brotli_static`/`gzip_static`, Caddy `precompressed`). Behind a CDN, either upload only the plain '
      + 'files and let the CDN compress (`--exclude "*.br" --exclude "*.gz"`, which also cuts the object count by about '
      + 'two thirds), or upload a `.br` body under the plain name with `Content-Encoding: br` where every client is a '
      + 'browser (all current ones accept brotli over HTTPS). CloudFront compresses only objects of 1,000 to 10,000,000 '
      + 'bytes, so a larger `digests/index.json` is served uncompressed unless it is uploaded that way.',
    'Invalidation after a re-publish: only what is not content-addressed and changed: `index.html` (and `/`), '
      + '`site.json`, `embed.js`, `digests/index.json`, `feed.xml`, `feed.json`, `sitemap*.xml`, and the changed '
      + 'episodes\' `digests/<id>.json` and `episodes/<id>/*`; never the hashed assets. With short TTLs on those '
      + 'files, no invalidation is needed at all.',
    (() => {
      const rows = done.filter((row) => row.n >= 10_000 && row.plainFiles);
      if (rows.length < 2) return 'Requests: every output file is one PUT on the first upload; a re-publish after one change uploads a few dozen.';
      const all = fit(rows.map((row) => [row.n, row.files])).at(1_000_000);
      const plain = fit(rows.map((row) => [row.n, row.plainFiles])).at(1_000_000);
      const one = rows.at(-1).oneNewer;
      return `Requests at a million episodes (extrapolated as above; S3 Standard charges $0.005 per 1,000 PUTs): the first upload `
        + `is about ${int(all)} PUTs with the compressed copies (some $${int(all * 0.005 / 1000)}), ${int(plain)} without them `
        + `(some $${int(plain * 0.005 / 1000)}); a re-publish after one change uploads ${int(one)} files (measured: the files with a new mtime).`;
    })(),
  ].map((line) => `- ${line}`), '');
  return out.join('\n');
}

function writeSection(markdown) {
  const file = path.join(REPO, 'BENCHMARKS.md');
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  // The section runs from its heading to the next "## " heading, an HTML comment (another script's
  // section marker) or the end of the file.
  const section = /^## Publishing\n[\s\S]*?(?=^## |^<!-- |(?![\s\S]))/m;
  const next = section.test(before)
    ? before.replace(section, `${markdown}\n`)
    : `${before.replace(/\n*$/, '\n\n')}${markdown}\n`;
  fs.writeFileSync(file, next.replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n'));
}

// ---------------------------------------------------------------------------------------------

function machine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  const git = (...args) => {
    try {
      return sh('git', ['-C', REPO, ...args]);
    } catch {
      return '';
    }
  };
  let commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  if (git('status', '--porcelain', '--untracked-files=no')) commit += ' (with uncommitted changes)';
  let publishCommit;
  if (process.env.BENCH_REF_COMMIT) {
    publishCommit = `commit ${process.env.BENCH_REF_COMMIT.slice(0, 7)} (a clean copy of it: \`BENCH_REF\`)`;
  } else {
    publishCommit = `the working tree: \`publish/\` as of ${git('log', '-1', '--format=%h', '--', 'publish') || 'unknown'}`;
    if (git('status', '--porcelain', '--', 'publish', 'src')) publishCommit += ', with uncommitted changes in publish/ or src/';
  }
  const df = sh('df', ['--output=fstype,iavail', WORK]).split('\n').at(-1).trim().split(/\s+/);
  return {
    nproc: sh('nproc', []),
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    memory: `${(memKb / 1024 / 1024).toFixed(1)} GiB`,
    fs: df[0],
    inodesFree: Number(df[1]),
    rustc: (() => {
      try {
        return sh('rustc', ['--version']).split(' ').slice(0, 2).join(' ');
      } catch {
        return 'unknown';
      }
    })(),
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit,
    publishCommit,
    loadBefore: load(),
  };
}

function main() {
  if (process.env.RENDER_ONLY === '1') {
    // The report again from the last run's results (after a change to the report's wording).
    const results = JSON.parse(fs.readFileSync(path.join(WORK, 'results.json'), 'utf8'));
    const markdown = report(results);
    console.log(markdown);
    if (process.env.WRITE_BENCHMARKS !== '0') writeSection(markdown);
    return;
  }
  for (const [what, file] of [['the release build (trunk build --release --offline)', path.join(REPO, 'dist/index.html')], ['digest-site', BIN], ['/usr/bin/time', '/usr/bin/time']]) {
    if (!fs.existsSync(file)) throw new Error(`${what} is missing (${file}): run bash bench/publish.sh`);
  }
  const began = Date.now();
  fs.mkdirSync(WORK, { recursive: true });
  fs.rmSync(DIST, { recursive: true, force: true });
  fs.cpSync(path.join(REPO, 'dist'), DIST, { recursive: true });
  const results = { machine: machine(), rows: [], checkRows: [] };
  log(`nproc ${results.machine.nproc}, load average ${results.machine.loadBefore}; sizes ${SIZES.join(', ')}`
    + `${CHECK_SIZES.length ? `; check only: ${CHECK_SIZES.join(', ')}` : ''}`);

  const siteJson = JSON.parse(fs.readFileSync(path.join(REPO, 'public/site.json'), 'utf8'));
  siteJson.base_url = 'https://example.org/reader/';
  const site = path.join(WORK, 'site.json');
  fs.writeFileSync(site, `${JSON.stringify(siteJson, null, 2)}\n`);

  for (const n of SIZES) results.rows.push(benchSize(n, site));
  for (const n of CHECK_SIZES) results.checkRows.push(checkOnly(n));
  results.seconds = Math.round((Date.now() - began) / 1000);
  results.loadAfter = load();

  fs.writeFileSync(path.join(WORK, 'results.json'), JSON.stringify(results, (key, value) => (
    key === 'stdout' || key === 'stderr' ? value.slice(0, 2000) : value), 2));
  const markdown = report(results);
  console.log(`\n${markdown}`);
  if (process.env.WRITE_BENCHMARKS !== '0') {
    writeSection(markdown);
    log(`wrote the "## Publishing" section of BENCHMARKS.md in ${results.seconds} s`);
  }
  const failed = results.rows.some((row) => [row.full, row.one, row.none].some((run) => run && !run.ok));
  process.exitCode = failed ? 1 : 0;
}

main();
