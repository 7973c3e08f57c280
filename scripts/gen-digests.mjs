// Writes a folder of generated digest/v1 files for tests and benchmarks: deterministic from the
// seed (scripts/random.mjs), valid for the reader's model, and shaped like the bundled samples
// (public/digests/*.json): 4 to 10 KB each, pretty-printed; a summary of two paragraphs, 3 to 6
// Key Points, 3 to 8 sections with emoji, timestamps, subsections (some locked), tags, and the
// v1.1 fields on some. Channels (about 200) have a kind, a host and a typical length.
//
// Usage: node scripts/gen-digests.mjs <count> <dir> [--seed S]
//   <dir>/<id>.json for each digest; the id is a slug of the title plus the digest's number, so
//   ids never collide with each other or with the bundled samples. 100,000 files (about 680 MB)
//   take some 20-30 s. The same count and seed give the same bytes on every run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from './random.mjs';

const args = process.argv.slice(2);
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args.splice(seedAt, 2)[1]) : 20250617;
const [countArg, dir] = args;
const count = Number(countArg);
if (!Number.isInteger(count) || count < 0 || !dir || !Number.isInteger(seed)) {
  console.error('usage: node scripts/gen-digests.mjs <count> <dir> [--seed S]');
  process.exit(2);
}

const { random, pick } = seededRandom(seed);
const int = (low, high) => low + Math.floor(random() * (high - low + 1));
const chance = (p) => random() < p;
const cap = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const bare = (text) => text.replace(/^the /, '');

// Vocabulary. No word here makes a title that matches the bundled samples' (the end-to-end tests
// search the library for them).
const people = ['Priya Raman', 'Dan Okafor', 'Zoë Hartmann', 'José Álvarez', 'Mei Lin', 'Łukasz Nowak',
  'Amara Nwosu', 'Søren Kjær', 'Fatima Zahra', 'Hiroshi Tanaka', 'Olga Petrova', 'Kwame Mensah',
  'Chloé Dubois', 'Rafael Costa', 'Aisha Khan', 'Nguyễn Văn An', 'Ingrid Berg', 'Tomás Ruiz',
  'Leah Goldberg', 'Marco Bianchi', 'Sven Larsson', 'Ananya Iyer', 'Grace Mwangi', 'Yusuf Demir'];
const topics = ['small language models', 'GPU supply', 'Rust in production', 'WebAssembly', 'vector databases',
  'privacy law', 'seed funding', 'climate tech', 'chip design', 'open-weight models', 'distillation',
  'AI regulation', 'search engines', 'warehouse robotics', 'battery chemistry', 'compilers', 'fintech',
  'observability', 'edge computing', 'energy grids', 'remote work', 'supply chains', 'quantum error correction',
  'retrieval pipelines', 'speech recognition', 'code review', 'browser engines', 'satellite internet',
  'sodium-ion cells', 'carbon accounting', 'static sites', 'SQLite at scale', 'typed functional languages',
  'evaluation sets', 'data centres', 'content moderation', 'open-source funding', 'mobile payments'];
const things = ['inference costs', 'the evaluation set', 'latency budgets', 'the training data', 'unit economics',
  'the on-call rotation', 'the pricing page', 'memory bandwidth', 'customer churn', 'the licence terms',
  'the benchmark suite', 'cold starts', 'the hiring plan', 'power usage', 'the release cadence',
  'error budgets', 'the data pipeline', 'procurement', 'the roadmap', 'tail latency', 'model drift',
  'the migration plan', 'cache hit rates', 'the incident review', 'regional outages', 'support tickets'];
const verbs = ['cut', 'doubled', 'halved', 'reshaped', 'exposed', 'stabilised', 'complicated', 'simplified',
  'slowed', 'sped up', 'undermined', 'justified', 'redefined', 'dominated'];
const adjectives = ['unglamorous', 'surprising', 'expensive', 'overlooked', 'fragile', 'boring', 'decisive',
  'risky', 'cheap', 'quiet', 'messy', 'careful', 'ambitious', 'practical', 'counter-intuitive'];
const frames = ['the cost of', 'the future of', 'a decade of', 'the hype around', 'the economics of',
  'the quiet revolution in', 'what nobody says about', 'the history of', 'lessons from', 'the limits of',
  'a field guide to', 'the real story of'];
const hooks = ['with', 'featuring', 'and', 'vs.', 'ft.'];
const titleVerbs = ['rethinks', 'explains', 'questions', 'ranks', 'tests', 'benchmarks', 'debunks', 'maps',
  'revisits', 'untangles', 'dissects', 'defends'];
const emoji = ['🎙️', '💸', '📏', '🧪', '🖥️', '🚦', '🔮', '🌐', '🤖', '📈', '🧭', '⚙️', '🔋', '🛰️', '🧠',
  '🏭', '🔐', '📦', '🌱', '⚖️', '🧰', '📚', '🗺️', '🚀'];
const tags = ['ai', 'llm', 'fine-tuning', 'startups', 'mlops', 'rust', 'wasm', 'hardware', 'policy',
  'business', 'science', 'security', 'career', 'climate', 'databases', 'open-source', 'interview',
  'tutorial', 'energy', 'finance', 'robotics', 'privacy', 'search', 'cloud', 'devops', 'design',
  'education', 'health', 'media', 'space', 'batteries', 'chips', 'regulation', 'research', 'web',
  'mobile', 'networking', 'compilers', 'observability', 'data', 'hiring', 'management', 'history',
  'economics', 'supply-chain', 'audio', 'video', 'open-data', 'ethics', 'product'];
const languages = ['en', 'en', 'en', 'en', 'en-GB', 'de', 'fr', 'es', 'pt-BR', 'nl', 'sv', 'ja'];
const models = ['digest-pipeline 2.3 (gpt-4o)', 'digest-pipeline 2.4 (claude-3.5-sonnet)',
  'digest-pipeline 2.4 (llama-3.1-70b)', 'summarise.py 0.9', 'digest-pipeline 3.0 (mistral-large)'];

// About 200 channels, each with a kind, a host and a typical length, from their own fixed seed so
// that every count and seed draws from the same channels.
const channels = (() => {
  const own = seededRandom(7);
  const first = ['The Build', 'Hard', 'Latent', 'Quiet', 'Deep', 'Open', 'Signal', 'Café', 'Zürich',
    'Señora', 'Northern', 'Small', 'Two Minute', 'Long', 'Night', 'Field', 'Systems', 'Frontier',
    'Market', 'Circuit'];
  const second = ['Log', 'Fork', 'Space', 'Papers', 'Économie', 'Tech Talks', 'Ciencia', 'Notes',
    'Hour', 'Review', 'Weekly', 'Shift'];
  const names = new Set();
  while (names.size < 200) names.add(`${own.pick(first)} ${own.pick(second)}`);
  return [...names].sort().map((name, n) => {
    const kind = own.pick(['video', 'video', 'podcast', 'podcast', 'article']);
    const host = name.normalize('NFD').replace(/[^\x00-\x7f]/g, '').toLowerCase()
      .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return {
      name,
      kind,
      host: kind === 'video' ? 'www.youtube.com' : `${host}.example.${kind === 'podcast' ? 'com' : 'net'}`,
      length: kind === 'video' ? 300 + own.random() * 2400 : 1800 + own.random() * 5400,
      number: n,
    };
  });
})();

const youtubeId = () => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let id = '';
  for (let i = 0; i < 11; i++) id += chars[Math.floor(random() * chars.length)];
  return id;
};

const slug = (text) => text.replace(/[øØ]/g, 'o').replace(/[æÆ]/g, 'ae').replace(/[łŁ]/g, 'l').normalize('NFD').replace(/[^\x00-\x7f]/g, '').toLowerCase()
  .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');

// Sentences of 80 to 220 characters, from templates.
const sentence = (guest, topic) => {
  const n = int(2, 95);
  switch (int(0, 11)) {
    case 0: return `${guest} argues that ${topic} ${pick(verbs)} ${pick(things)} more than any change to ${pick(things)}, at least for teams under ${n * 10} people.`;
    case 1: return `Moving to ${pick(topics)} ${pick(verbs)} ${pick(things)} by ${n}%, but only after the team rebuilt ${pick(things)} around it.`;
    case 2: return `The ${pick(adjectives)} part was ${pick(things)}: it took ${int(2, 14)} weeks and ${int(2, 9)} engineers before anyone trusted the numbers.`;
    case 3: return `${cap(pick(things))} turned out to matter more than ${pick(things)}; ${guest.split(' ')[0]} now reviews both before every release.`;
    case 4: return `Customers judged the product by ${pick(things)}, not by ${pick(things)}, which changed which errors the team fixed first.`;
    case 5: return `A ${pick(adjectives)} experiment with ${pick(topics)} ${pick(verbs)} ${pick(things)} and cost about $${n},000 over ${int(2, 11)} months.`;
    case 6: return `The host pushes back: ${pick(topics)} looks ${pick(adjectives)} on paper, but ${pick(things)} and ${pick(things)} tell a different story.`;
    case 7: return `${cap(pick(frames))} ${pick(topics)} is mostly ${pick(frames)} ${pick(things)}, and ${guest.split(' ')[0]} has the receipts from ${2010 + int(0, 15)}.`;
    case 8: return `Within ${int(2, 10)} years, ${guest.split(' ')[0]} expects ${pick(topics)} to be ${pick(adjectives)}, with ${pick(topics)} reserved for the long tail.`;
    case 9: return `Their rule of thumb: if ${pick(things)} fits on an index card, ${pick(topics)} is paying for abilities the task never uses.`;
    case 10: return `${n}% of the incidents last year traced back to ${pick(things)}, so the team now treats it like ${pick(things)}: boring dashboards, clear owners.`;
    default: return `Asked about ${pick(topics)}, ${guest} is candid: the first attempt ${pick(verbs)} ${pick(things)} and had to be rolled back within ${int(2, 30)} days.`;
  }
};

const paragraph = (guest, topic, sentences) =>
  Array.from({ length: sentences }, () => sentence(guest, topic)).join(' ');

function digest(number) {
  const channel = pick(channels);
  const guest = pick(people);
  const topic = pick(topics);
  const episode = int(1, 400);
  const title = chance(0.5)
    ? `${cap(pick(frames))} ${topic}: ${pick(adjectives)} lessons ${pick(hooks)} ${guest}`
    : `${channel.name.split(' ')[0]} ${pick(titleVerbs)} ${pick(frames)} ${topic} (#${episode})`;
  const id = `${slug(title)}-${number}`;
  // Spread over ten years; a third as full date-times, some with an offset.
  const day = Date.UTC(2015, 0, 1) + int(0, 3800) * 86400000;
  const moment = new Date(day + int(0, 86399) * 1000);
  const published = chance(0.66)
    ? moment.toISOString().slice(0, 10)
    : chance(0.5)
      ? moment.toISOString().replace(/\.\d{3}Z$/, 'Z')
      : `${moment.toISOString().slice(0, 19)}${pick(['-05:00', '+01:00', '+09:00', '-08:00'])}`;
  const timed = channel.kind !== 'article';
  const duration = timed ? Math.round(channel.length * (0.6 + random() * 0.8)) : undefined;
  const url = channel.kind === 'video'
    ? `https://www.youtube.com/watch?v=${youtubeId()}`
    : channel.kind === 'podcast'
      ? `https://${channel.host}/episodes/${episode}-${slug(topic)}`
      : `https://${channel.host}/${moment.getUTCFullYear()}/${slug(topic)}-${episode}`;
  const source = {
    channel: channel.name,
    title: channel.kind === 'podcast' ? `#${episode} ${cap(topic)} with ${guest}` : `${cap(pick(frames))} ${topic}`,
    url,
    kind: channel.kind,
  };
  if (timed) source.duration_seconds = duration;
  if (channel.kind === 'podcast' && chance(0.5)) source.media_url = `https://${channel.host}/media/${episode}.mp3`;

  const at = (from, to) => Math.min(duration - 1, Math.round(from + random() * Math.max(1, to - from)));
  const point = (from, to) => (timed && chance(0.4)
    ? { text: sentence(guest, topic), at_seconds: at(from, to) }
    : sentence(guest, topic));
  const points = (n, from, to) => Array.from({ length: n }, () => point(from, to))
    .sort((a, b) => (a.at_seconds ?? 0) - (b.at_seconds ?? 0) || 0);

  const d = { format: 'digest/v1', id, published };
  if (chance(0.7)) d.language = pick(languages);
  d.title = title;
  if (chance(0.3)) d.image = `https://img.example.org/${id}.jpg`;
  d.source = source;
  d.summary = `${paragraph(guest, topic, int(2, 4))}\n\n${paragraph(guest, topic, int(2, 3))}`;
  d.key_points = points(int(3, 6), 0, duration ?? 0);
  const sectionCount = int(3, 8);
  const span = (duration ?? 0) / sectionCount;
  const section = (i) => {
    const s = { emoji: pick(emoji), title: `${cap(pick(adjectives))} ${bare(pick(things))} and ${pick(topics)}` };
    const start = i * span;
    if (timed && chance(0.7)) s.at_seconds = Math.round(start);
    const withSubsections = chance(0.4);
    if (!withSubsections || chance(0.5)) s.points = points(int(1, 4), start, start + span);
    if (withSubsections) {
      const locked = chance(0.3);
      s.subsections = Array.from({ length: int(1, 3) }, () => (locked
        ? { title: `${cap(pick(things))} in practice`, locked: true }
        : { title: `${cap(pick(adjectives))} ${bare(pick(things))}`, points: points(int(1, 3), start, start + span) }));
    }
    return s;
  };
  d.sections = Array.from({ length: sectionCount }, (_, i) => section(i));
  if (chance(0.4)) d.full_content_url = chance(0.8) ? `${url.split('?')[0]}/transcript` : `full/${id}.html`;
  d.tags = [...new Set(Array.from({ length: int(1, 5) }, () => pick(tags)))];
  if (chance(0.6)) {
    d.generated = { by: pick(models) };
    if (chance(0.7)) d.generated.at = new Date(day + 86400000 * int(0, 3) + int(0, 86399) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  // Between 4 and 10 KB, like the samples: add a section when short, drop one when long.
  let text = JSON.stringify(d, null, 2);
  while (Buffer.byteLength(text) < 4096) {
    d.sections.push(section(d.sections.length));
    text = JSON.stringify(d, null, 2);
  }
  while (Buffer.byteLength(text) > 10240 && d.sections.length > 3) {
    d.sections.pop();
    text = JSON.stringify(d, null, 2);
  }
  while (Buffer.byteLength(text) > 10240) {
    const last = d.sections.at(-1);
    if (last.points?.length > 1) last.points.pop(); else d.key_points.pop();
    text = JSON.stringify(d, null, 2);
  }
  return { id, text: `${text}\n` };
}

const started = Date.now();
mkdirSync(dir, { recursive: true });
let bytes = 0;
for (let i = 1; i <= count; i++) {
  const { id, text } = digest(i);
  writeFileSync(join(dir, `${id}.json`), text);
  bytes += Buffer.byteLength(text);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${dir}: ${count} digests, ${bytes.toLocaleString('en-US')} bytes, seed ${seed}, ${seconds} s`);
