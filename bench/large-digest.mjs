// A large, valid digest/v1 for the benchmark: 1,000 sections, 10,000 points (key points, section
// points and subsection points together), 200 subsections (10 of them locked), timestamps on the
// sections and on every third point, and a source.url so that timestamps are links.
// Deterministic: the same file on every run.
//
//   import { largeDigest } from './large-digest.mjs';
//   const digest = largeDigest();          // { format: 'digest/v1', id: 'bench-large', ... }
//   node bench/large-digest.mjs out.json   // or write it from the command line

import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { seededRandom } from '../scripts/random.mjs';

export const LARGE = { sections: 1000, points: 10_000, subsections: 200, lockedSubsections: 10 };

export function largeDigest() {
  const { random, pick } = seededRandom(6061);
  const nouns = ['the model', 'the team', 'the benchmark', 'the GPU cluster', 'the open-source release',
    'the regulator', 'the start-up', 'the compiler', 'the dataset', 'the inference bill', 'the roadmap'];
  const verbs = ['cut', 'doubled', 'questioned', 'replaced', 'measured', 'outperformed', 'delayed', 'rewrote'];
  const objects = ['latency by a third', 'its training budget', 'the previous release', 'the licensing terms',
    'memory use on small devices', 'the evaluation suite', 'most of the serving stack', 'the price per token'];
  const tails = ['according to the hosts', 'which surprised the panel', 'with numbers shown on screen',
    'though the details are disputed', 'as the episode explains at length', 'in a live demo'];
  const emojis = ['🌐', '🤖', '📊', '🚀', '🔍', '💼', '🧪', '⚙️', '📈', '🛰️'];

  let seconds = 0;
  let pointNumber = 0;
  const point = () => {
    pointNumber += 1;
    seconds += 1 + Math.floor(random() * 4);
    const text = `Point ${pointNumber}: ${pick(nouns)} ${pick(verbs)} ${pick(objects)}, ${pick(tails)}.`;
    return pointNumber % 3 === 0 ? { text, at_seconds: seconds } : text;
  };
  const points = (n) => Array.from({ length: n }, point);

  const keyPoints = points(10);
  // 10 + 8,990 section points + 1,000 subsection points = 10,000.
  const sectionPoints = (i) => (i < 10 ? 8 : 9);
  const sections = [];
  let subsectionNumber = 0;
  for (let i = 0; i < LARGE.sections; i++) {
    const section = {
      emoji: emojis[i % emojis.length],
      title: `Section ${i + 1}: ${pick(nouns)} and ${pick(objects)}`,
      at_seconds: seconds + 1,
      points: points(sectionPoints(i)),
    };
    if (i % 5 === 0) {
      // 200 subsections, one on every fifth section; every 20th is locked (no points, the offer).
      const locked = subsectionNumber % 20 === 19;
      const unlockedBefore = subsectionNumber - Math.floor((subsectionNumber + 1) / 20);
      subsectionNumber += 1;
      section.subsections = [
        locked
          ? { title: `Locked deep dive ${subsectionNumber}`, locked: true }
          // 190 unlocked subsections: the first 50 have 6 points, the other 140 have 5 (1,000).
          : { title: `Deep dive ${subsectionNumber}: ${pick(objects)}`, points: points(unlockedBefore < 50 ? 6 : 5) },
      ];
    }
    sections.push(section);
  }
  return {
    format: 'digest/v1',
    id: 'bench-large',
    published: '2025-02-01',
    title: 'A very long digest: 1,000 sections for the benchmark',
    source: {
      channel: 'Benchmark Channel',
      title: 'Ten hours of everything',
      url: 'https://www.youtube.com/watch?v=BENCHMARK',
      kind: 'video',
      duration_seconds: seconds + 60,
    },
    summary: 'A generated digest for measuring the reader at scale.\n\n'
      + 'It has a thousand sections, ten thousand points and two hundred subsections, '
      + 'with timestamps on every section and on every third point.',
    key_points: keyPoints,
    sections,
    full_content_url: 'https://example.org/episodes/bench-large',
    tags: ['benchmark'],
  };
}

/** Counts what a digest holds, to check the generator and to print. */
export function countDigest(digest) {
  let points = digest.key_points.length;
  let subsections = 0;
  let locked = 0;
  for (const section of digest.sections) {
    points += section.points?.length ?? 0;
    for (const sub of section.subsections ?? []) {
      subsections += 1;
      if (sub.locked) locked += 1;
      points += sub.points?.length ?? 0;
    }
  }
  return { sections: digest.sections.length, points, subsections, locked };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const out = process.argv[2] ?? 'bench-large.json';
  const digest = largeDigest();
  writeFileSync(out, JSON.stringify(digest));
  console.log(`${out}:`, countDigest(digest));
}
