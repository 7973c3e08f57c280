// Statistics the page-load benchmarks share.

const sorted = (values) => [...values].sort((a, b) => a - b);

/** The median of `values` (numbers only; NaN for none). */
export function median(values) {
  const s = sorted(values.filter((v) => typeof v === 'number' && Number.isFinite(v)));
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * The 90% bootstrap interval of the median of `values`: 2,000 resamples with replacement, drawn
 * from a fixed-seed generator so that the same loads always give the same interval.
 */
export function medianInterval(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (v.length < 2) return [NaN, NaN];
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const medians = sorted(Array.from({ length: 2000 }, () => median(Array.from(v, () => v[Math.floor(random() * v.length)]))));
  return [medians[100], medians[1900]];
}
