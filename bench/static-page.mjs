// The benchmark's baseline: a plain static HTML page of one digest, with the markup and classes
// the app renders (docs/markup.md and src/components/), linking the build's own stylesheet.
// No WebAssembly, no fetch: the whole episode is in the HTML. An inline script at the end of
// <body> sets `performance.mark('static:content')`: by then the parser has built the whole episode
// and the stylesheet (render-blocking, linked in <head>) has loaded.
//
//   renderStatic(digest, { site, css: ['./main-<hash>.css'], toggles: true })  -> HTML text

import { clock } from '../tests/e2e/helpers.mjs';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const KINDS = { video: 'Video', podcast: 'Podcast', article: 'Article' };

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** `2025-01-29` → `Jan 29, 2025` (the calendar date as published, as the app shows it). */
function displayDate(published) {
  const [y, m, d] = published.slice(0, 10).split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

function durationAttr(seconds) {
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || total === 0 ? `${s}S` : ''}`;
}

function isYoutube(href) {
  try {
    const host = new URL(href).hostname.toLowerCase();
    return ['youtu.be', 'youtube.com', 'youtube-nocookie.com'].some((h) => host === h || host.endsWith(`.${h}`));
  } catch {
    return false;
  }
}

/** The link into the original at `seconds`: `t=` for YouTube, a `#t=` media fragment otherwise. */
function atMoment(href, seconds) {
  const whole = Math.floor(seconds);
  const beforeFragment = href.split('#')[0];
  if (!isYoutube(href)) return `${beforeFragment}#t=${whole}`;
  const [path, query = ''] = beforeFragment.split(/\?(.*)/s);
  const kept = query.split('&').filter((pair) => pair && pair !== 't' && !pair.startsWith('t='));
  return `${path}?${kept.map((pair) => `${pair}&`).join('')}t=${whole}`;
}

function timestamp(seconds, sourceUrl) {
  if (seconds == null || !sourceUrl) return '';
  return ` <a class="timestamp" href="${escape(atMoment(sourceUrl, seconds))}" target="_blank" rel="noopener noreferrer"`
    + ` aria-label="Play from ${clock(seconds)}"><time datetime="${durationAttr(seconds)}">${clock(seconds)}</time></a>`;
}

function pointList(points, sourceUrl) {
  const items = (points ?? []).map((point) => {
    const { text, at_seconds: at } = typeof point === 'string' ? { text: point } : point;
    return `<li class="point" dir="auto">${escape(text)} ${timestamp(at, sourceUrl).trimStart()}</li>`;
  });
  return `<ul class="points">${items.join('')}</ul>`;
}

function offer(upgrade) {
  return `<p class="upgrade-headline">${escape(upgrade.headline)}</p>`
    + (upgrade.detail ? `<p class="upgrade-detail">${escape(upgrade.detail)}</p>` : '')
    + (upgrade.cta_url
      ? `<a class="button upgrade-cta" href="${escape(upgrade.cta_url)}" rel="noopener">${escape(upgrade.cta_label ?? 'Upgrade')}</a>`
      : '');
}

function subsection(sectionNumber, number, sub, sourceUrl, upgrade) {
  const id = `section-${sectionNumber}-${number}`;
  const body = sub.locked
    ? upgrade ? `<div class="upgrade-prompt">${offer(upgrade)}</div>` : '<p class="locked-note">This part is locked.</p>'
    : pointList(sub.points, sourceUrl);
  return `<div class="subsection${sub.locked ? ' subsection--locked' : ''}" id="${id}">`
    + '<h4 class="subsection-heading">'
    + `<button type="button" class="subsection-toggle" aria-expanded="false" aria-controls="${id}-body">`
    + `<span class="subsection-number">${sectionNumber}.${number}.</span> `
    + `<span class="subsection-title" dir="auto">${escape(sub.title)}</span>`
    + (sub.locked ? ' <span class="lock" role="img" aria-label="Locked">🔒</span>' : '')
    + '<span class="chevron" aria-hidden="true"></span></button></h4>'
    + `<div class="subsection-body" id="${id}-body" hidden>${body}</div></div>`;
}

function section(number, s, sourceUrl, upgrade) {
  const id = `section-${number}`;
  return `<section class="section" id="${id}" aria-labelledby="${id}-heading">`
    + `<h3 class="section-title" id="${id}-heading"><span class="section-number">${number}.</span> `
    + (s.emoji ? `<span class="section-emoji">${escape(s.emoji)}</span> ` : '')
    + `<span class="section-text" dir="auto">${escape(s.title)}</span>${timestamp(s.at_seconds, sourceUrl)}</h3>`
    + (s.points?.length ? pointList(s.points, sourceUrl) : '')
    + (s.subsections ?? []).map((sub, i) => subsection(number, i + 1, sub, sourceUrl, upgrade)).join('')
    + '</section>';
}

function paragraphs(text) {
  const out = [];
  let current = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (current.length) out.push(current.join('\n'));
      current = [];
    } else current.push(line);
  }
  if (current.length) out.push(current.join('\n'));
  return out;
}

/** The episode's <article>, as src/components/episode.rs renders it. */
export function renderEpisode(digest, upgrade) {
  const { source } = digest;
  const sourceUrl = source.url ?? null;
  const line = `${source.channel} - ${source.title}`;
  const sourceLine = sourceUrl
    ? `<a class="source-link" href="${escape(sourceUrl)}" target="_blank" rel="noopener noreferrer">${escape(line)}</a>`
    : `<span class="source-text">${escape(line)}</span>`;
  const kind = source.kind ? ` <span class="source-kind">${KINDS[source.kind] ?? escape(source.kind)}</span>` : '';
  const duration = source.duration_seconds != null
    ? ` <span class="source-duration"><time datetime="${durationAttr(source.duration_seconds)}">${clock(source.duration_seconds)}</time></span>`
    : '';
  return '<article class="episode"><header class="episode-header">'
    + `<p class="episode-date"><time datetime="${escape(digest.published.slice(0, 10))}">${displayDate(digest.published)}</time></p>`
    + `<h1 class="episode-title" dir="auto">${escape(digest.title)}</h1>`
    + `<p class="episode-source">${sourceLine}${kind}${duration}</p></header>`
    + `<section class="summary" aria-label="Summary">${paragraphs(digest.summary).map((p) => `<p dir="auto">${escape(p)}</p>`).join('')}</section>`
    + '<section class="key-points" aria-labelledby="key-points-heading">'
    + '<h2 id="key-points-heading" class="block-heading">Key Points</h2>'
    + `${pointList(digest.key_points, sourceUrl)}</section>`
    + '<section class="details" aria-labelledby="details-heading">'
    + '<h2 id="details-heading" class="block-heading">Details</h2>'
    + digest.sections.map((s, i) => section(i + 1, s, sourceUrl, upgrade)).join('')
    + '</section>'
    + (digest.full_content_url
      ? `<p class="full-content"><a class="button button--secondary full-content-link" href="${escape(digest.full_content_url)}">View Full Content</a></p>`
      : '')
    + (upgrade ? `<aside class="upgrade-banner" aria-label="Upgrade">${offer(upgrade)}</aside>` : '')
    + '</article>';
}

// Opening and closing subsections without the app: what a static page needs, and what the
// "expand all" baseline runs.
const TOGGLES = `document.addEventListener('click', (event) => {
  const button = event.target.closest && event.target.closest('button.subsection-toggle');
  if (!button) return;
  const open = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(open));
  button.closest('.subsection').classList.toggle('subsection--open', open);
  document.getElementById(button.getAttribute('aria-controls')).hidden = !open;
});`;

/** The whole page: the app's shell (skip link, header, main, footer) around the episode. */
export function renderStatic(digest, { site = {}, css = [], toggles = true } = {}) {
  const name = site.name ?? 'Digest reader';
  const upgrade = site.upgrade ?? null;
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + '<meta name="color-scheme" content="light dark">'
    + '<meta name="description" content="Read AI-written digests of podcasts, videos and articles.">'
    + `<title>${escape(`${digest.title} | ${name}`)}</title>`
    + '<link rel="icon" href="favicon.svg" type="image/svg+xml">'
    + css.map((href) => `<link rel="stylesheet" href="${escape(href)}">`).join('')
    + '</head><body>'
    + '<a class="skip-link" href="#main">Skip to content</a><div class="app">'
    + `<header class="site-header"><a class="brand" href="./">${escape(name)}</a>`
    + '<nav class="site-nav" aria-label="Site"><a href="./">Library</a></nav></header>'
    + '<main id="main" tabindex="-1" class="main" aria-busy="false">'
    + renderEpisode(digest, upgrade)
    + '<nav class="episode-nav" aria-label="More episodes"><a class="back-to-library" href="./">← All episodes</a>'
    + '<div class="episode-nav-neighbours"></div></nav>'
    + '</main>'
    + '<footer class="site-footer"><p>Summaries are AI-written; check the original for details.</p></footer>'
    + '</div>'
    + (toggles ? `<script>${TOGGLES}</script>` : '')
    + "<script>performance.mark('static:content');</script>"
    + '</body></html>\n';
}
