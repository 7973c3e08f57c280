// The Pagefind side of bench/library-search.mjs: a search box's first screen of results (30
// cards, newest first) from a Pagefind index in ./pagefind/. The benchmark calls
// window.benchSearch(text, filters) and reads what it returns; the clock starts at the call and
// stops once the cards are in the DOM and a frame has been painted. The first call also loads
// pagefind.js and its wasm (a reader's first search on a freshly opened page pays for them).

const FIRST_SCREEN = 30;
let pagefind = null;

async function ready() {
  if (!pagefind) {
    pagefind = await import('./pagefind/pagefind.js');
    await pagefind.options({ excerptLength: 30 });
    await pagefind.init();
  }
  return pagefind;
}

const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function show(cards, total) {
  const list = document.getElementById('results');
  list.replaceChildren(...cards.map((card) => {
    const item = document.createElement('li');
    item.className = 'card';
    const title = document.createElement('h2');
    const link = document.createElement('a');
    link.href = card.url;
    link.textContent = card.meta?.title ?? card.url;
    title.append(link);
    const about = document.createElement('p');
    about.textContent = `${card.meta?.channel ?? ''} · ${card.meta?.published ?? ''}`;
    const excerpt = document.createElement('p');
    excerpt.innerHTML = card.excerpt ?? '';
    item.append(title, about, excerpt);
    return item;
  }));
  document.getElementById('count').textContent = `${total} episodes`;
}

window.benchSearch = async (text, filters = {}) => {
  const started = performance.now();
  const api = await ready();
  const loaded = performance.now();
  document.getElementById('q').value = text;
  const search = await api.search(text ? text : null, { sort: { date: 'desc' }, filters });
  const searched = performance.now();
  const first = search.results.slice(0, FIRST_SCREEN);
  const cards = await Promise.all(first.map((result) => result.data()));
  show(cards, search.results.length);
  await painted();
  const shown = performance.now();
  return {
    matches: search.results.length,
    shown: cards.length,
    firstIds: cards.slice(0, 3).map((card) => card.url),
    dates: cards.map((card) => card.meta?.published ?? ''),
    loadMs: loaded - started,
    searchMs: searched - loaded,
    dataMs: shown - searched,
    totalMs: shown - started,
  };
};

window.benchReady = true;
