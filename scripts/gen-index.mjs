// Writes a large digest-index/v1 for tests and benchmarks: deterministic, realistic-looking entries.
// Usage: node scripts/gen-index.mjs <count> <out.json>   (20000 entries is about 8 MB)
import { writeFileSync } from 'node:fs';
import { seededRandom } from './random.mjs';

const count = Number(process.argv[2] ?? 20000);
const out = process.argv[3] ?? 'index.json';

// Deterministic, so every run (and every test) sees the same library.
const { random, pick } = seededRandom(20250129);

const channels = ['Fireship', 'Lex Fridman Podcast', 'The Verge', 'Build Log', 'Café Économie',
  'Hard Fork', 'Two Minute Papers', 'Acquired', 'Señora Ciencia', 'Stratechery', 'Dwarkesh Podcast',
  'Computerphile', 'Latent Space', 'Ars Technica', 'Søren on Systems', 'Money Stuff', 'ThePrimeagen',
  'Veritasium', 'All-In', 'Zürich Tech Talks'];
const topics = ['AI', 'open-source models', 'GPU supply', 'Rust', 'WebAssembly', 'databases',
  'privacy', 'startups', 'climate tech', 'chip design', 'résumé writing', 'distillation',
  'regulation', 'search engines', 'robotics', 'battery chemistry', 'compilers', 'fintech'];
const verbs = ['rethinks', 'explains', 'questions', 'ranks', 'tests', 'benchmarks', 'debunks', 'maps'];
const subjects = ['the cost of', 'the future of', 'a decade of', 'the hype around', 'the economics of',
  'the quiet revolution in', 'what nobody says about', 'the history of'];
const tags = ['ai', 'openai', 'rust', 'wasm', 'hardware', 'policy', 'business', 'science',
  'security', 'career', 'climate', 'databases', 'open-source', 'interview', 'tutorial'];

const episodes = [];
for (let i = 0; i < count; i++) {
  const topic = pick(topics);
  const channel = pick(channels);
  const title = `${channel.split(' ')[0]} ${pick(verbs)} ${pick(subjects)} ${topic} (#${i + 1})`;
  const day = new Date(Date.UTC(2016, 0, 1) + Math.floor(random() * 3650) * 86400000);
  const summary = `A ${Math.floor(random() * 90) + 10}-minute look at ${topic}: ${pick(subjects)} ${pick(topics)}, `
    + `why it matters for ${pick(topics)}, and what ${channel} expects next. `
    + `Covers ${pick(topics)}, ${pick(topics)} and ${pick(topics)} with concrete numbers.`;
  const tagCount = 1 + Math.floor(random() * 3);
  const entryTags = [...new Set(Array.from({ length: tagCount }, () => pick(tags)))];
  episodes.push({
    id: `episode-${i + 1}`,
    title,
    published: day.toISOString().slice(0, 10),
    source: { channel, title },
    summary,
    tags: entryTags,
  });
}
writeFileSync(out, JSON.stringify({ format: "digest-index/v1", episodes }));
console.log(`${out}: ${count} episodes`);
