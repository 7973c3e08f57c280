// The library's baseline: a plain page with a few dozen lines of vanilla JavaScript that does what
// the app's library does at its core, with the app's markup (docs/markup.md) and the build's
// stylesheet: fetch digests/index.json, sort newest first, show the first 30 cards and the count,
// and filter as you type in #library-search (every word must appear in the title, channel,
// summary or a tag; case and accents ignored). No wasm, no framework.
//
//   renderStaticLibrary({ site, css: ['./main-<hash>.css'] })  -> HTML text

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const SCRIPT = String.raw`
const PAGE = 30;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const list = document.querySelector('ol.episode-list');
const count = document.querySelector('.library-count');
const more = document.querySelector('button.show-more');
const search = document.querySelector('#library-search');
const esc = (t) => String(t).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const fold = (t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  .replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ß/g, 'ss');
const date = (p) => { const [y, m, d] = p.slice(0, 10).split('-').map(Number); return MONTHS[m - 1] + ' ' + d + ', ' + y; };
let episodes = [];
let folded = null;
let results = [];
let shown = PAGE;
function card(e) {
  return '<li class="episode-card"><article><h2 class="card-title"><a href="?episode=' + encodeURIComponent(e.id) + '">'
    + esc(e.title) + '</a></h2><p class="card-meta"><span class="card-channel">' + esc(e.source.channel) + '</span> · '
    + '<time datetime="' + esc(e.published.slice(0, 10)) + '">' + date(e.published) + '</time></p>'
    + (e.summary ? '<p class="card-summary" dir="auto">' + esc(e.summary) + '</p>' : '')
    + (e.tags && e.tags.length ? '<ul class="tags">' + e.tags.map((t) => '<li class="tag">' + esc(t) + '</li>').join('') + '</ul>' : '')
    + '</article></li>';
}
function render(filtered) {
  count.textContent = filtered
    ? results.length.toLocaleString('en-US') + ' of ' + episodes.length.toLocaleString('en-US') + ' episodes'
    : episodes.length.toLocaleString('en-US') + ' episodes';
  list.innerHTML = results.slice(0, shown).map((i) => card(episodes[i])).join('');
  const left = results.length - shown;
  more.hidden = left <= 0;
  more.textContent = 'Show more (' + Math.max(left, 0).toLocaleString('en-US') + ' left)';
}
function index() {
  folded ??= episodes.map((e) => [e.title, e.source.channel, e.summary ?? '', ...(e.tags ?? [])].map(fold));
}
function filter() {
  const terms = fold(search.value).split(/\s+/).filter(Boolean);
  shown = PAGE;
  if (!terms.length) {
    results = episodes.map((_, i) => i);
    return render(false);
  }
  index();
  results = [];
  for (let i = 0; i < episodes.length; i++) {
    const fields = folded[i];
    if (terms.every((t) => fields.some((f) => f.includes(t)))) results.push(i);
  }
  render(true);
}
search.addEventListener('input', filter);
more.addEventListener('click', () => { shown += PAGE; render(search.value.trim() !== ''); });
fetch('digests/index.json').then((r) => r.json()).then((data) => {
  episodes = data.episodes.map((e, i) => [e, i])
    .sort((a, b) => (a[0].published < b[0].published ? 1 : a[0].published > b[0].published ? -1 : a[1] - b[1]))
    .map(([e]) => e);
  results = episodes.map((_, i) => i);
  render(false);
  document.querySelector('main').setAttribute('aria-busy', 'false');
  setTimeout(index, 200);
});
`;

export function renderStaticLibrary({ site = {}, css = [] } = {}) {
  const name = site.name ?? 'Digest reader';
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + '<meta name="color-scheme" content="light dark">'
    + `<title>Episodes | ${escape(name)}</title>`
    + css.map((href) => `<link rel="stylesheet" href="${escape(href)}">`).join('')
    + '</head><body>'
    + '<a class="skip-link" href="#main">Skip to content</a><div class="app">'
    + `<header class="site-header"><a class="brand" href="./">${escape(name)}</a>`
    + '<nav class="site-nav" aria-label="Site"><a href="./">Library</a></nav></header>'
    + '<main id="main" tabindex="-1" class="main main--library" aria-busy="true">'
    + '<header class="library-header"><h1 class="library-title">Episodes</h1>'
    + '<p class="library-count" aria-live="polite"></p></header>'
    + '<form class="library-controls" role="search" onsubmit="return false"><div class="control control--search">'
    + '<label for="library-search">Search</label>'
    + '<input id="library-search" type="search" autocomplete="off" placeholder="Titles, channels, summaries, tags">'
    + '</div></form>'
    + '<ol class="episode-list"></ol>'
    + '<div class="list-more"><button type="button" class="button button--secondary show-more" hidden></button></div>'
    + '</main>'
    + '<footer class="site-footer"><p>Summaries are AI-written; check the original for details.</p></footer>'
    + '</div>'
    + `<script>${SCRIPT}</script>`
    + '</body></html>\n';
}
