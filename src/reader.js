// What the reader's pages do without WebAssembly: the display choices (theme, text size), finding
// one's way in an episode, and sharing it. A classic script in <head>, so the display choice this
// device remembers is on <html> (data-theme, data-text-size) before the first paint: the page
// never flashes the other theme. (Published pages load it `defer blocking="render"`: the parser
// reads the episode while it downloads, the first paint still waits for it.) A file, not inline
// code: the strict CSP holds.
//
// The rest runs markup that the shared components render the same for every reader (the header's
// Display menu, the episode guide beside the episode, the copy-link buttons): by delegation on
// the document, because the app renders that markup after this runs, and a published page's
// header and guide are plain HTML that the take-over module never touches. So none of it costs
// WebAssembly. docs/markup.md describes the markup; tests/e2e/comfort, navigate and share test it.
// Comments on whole lines are dropped from the served copy (scripts/post-build.mjs).
(() => {
  const root = document.documentElement;
  const all = (selector) => [...document.querySelectorAll(selector)];
  // Each choice: its values other than the default, and the default (no attribute).
  const choices = { theme: [['light', 'dark'], 'system'], 'text-size': [['small', 'large', 'larger'], 'default'] };
  const key = (name) => `digest-reader:${name}`;
  const apply = (name, value) => {
    if (choices[name][0].includes(value)) root.setAttribute(`data-${name}`, value);
    else root.removeAttribute(`data-${name}`);
  };
  // A quiet "Offline" in the header while the network is gone.
  const network = () => root.classList.toggle('offline', !navigator.onLine);
  network();
  addEventListener('online', network);
  addEventListener('offline', network);
  // The service worker (sw.js at the app's root: its scope is the app's folder, on any sub-path),
  // registered by every page of the reader, published episode pages too, once the page has loaded.
  // What a page loaded before a worker served it (all of the first page a reader opens: there was
  // no worker yet) is not kept: the worker is asked to keep that page and the digests it read
  // (`workerStart` is 0 for what no worker served), so that it too reads offline.
  // (All after `load`: none of it may hold back the first paint; the buffered entries still list
  // everything loaded before.)
  const script = document.currentScript?.src;
  addEventListener('load', () => {
    const worker = navigator.serviceWorker;
    if (!worker || !script) return;
    worker.register(new URL('sw.js', script)).catch(() => {});
    const keep = (urls) => urls.length && worker.ready.then(({ active }) => active?.postMessage({ keep: urls }));
    try {
      new PerformanceObserver((list) => keep(list.getEntries()
        .filter((entry) => !entry.workerStart && new URL(entry.name).pathname.endsWith('.json'))
        .map(({ name }) => name)))
        .observe({ type: 'resource', buffered: true });
    } catch {}
    const [page] = performance.getEntriesByType('navigation');
    if (page && !page.workerStart) keep([location.href.split('#')[0]]);
  });
  // Storage can be refused (privacy settings, sandboxed frames): the choice then lasts the page.
  for (const name in choices) try { apply(name, localStorage.getItem(key(name))); } catch {}
  // (The menu, the guide's buttons and the copy-link buttons are hidden by CSS where this script
  // cannot run: scripting off, script embeds. Nothing here has to reveal them.)
  document.addEventListener('change', ({ target }) => {
    if (!target.closest('.display-menu') || !(target.name in choices)) return;
    apply(target.name, target.value);
    try {
      if (target.value === choices[target.name][1]) localStorage.removeItem(key(target.name));
      else localStorage.setItem(key(target.name), target.value);
    } catch {}
  });
  // The radios show this device's choice whenever the menu opens (`toggle` does not bubble).
  document.addEventListener('toggle', ({ target }) => {
    if (!target.matches('.display-menu[open]')) return;
    for (const input of target.querySelectorAll('input')) {
      input.checked = input.value === (root.getAttribute(`data-${input.name}`) ?? choices[input.name][1]);
    }
  }, true);

  // Finding one's way: the contents mark the section being read (the last whose top has passed a
  // third of the window), "Expand all" / "Collapse all", keyboard shortcuts, and their dialog.
  const expand = (open) => { for (const details of all('details.subsection')) details.open = open; };
  const reading = () => {
    const sections = all('article.episode section.section');
    return [sections, sections.findLastIndex((section) => section.getBoundingClientRect().top < innerHeight / 3)];
  };
  const go = (step) => {
    const [sections, at] = reading();
    // Past either end, the section being read stays the target.
    const target = sections[at + step] ?? sections[at];
    if (!target) return;
    // The fragment names the section without a history entry per key; focus moves to its heading
    // (for screen readers; it needs no tab stop of its own). Instant: no motion to reduce.
    history.replaceState(history.state, '', `#${target.id}`);
    const heading = target.querySelector('h3');
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    target.scrollIntoView();
  };
  const help = () => document.getElementById('shortcuts')?.showModal();
  let frame = 0;
  // (Scroll listeners cannot delay scrolling: no `passive` needed.)
  addEventListener('scroll', () => {
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      const [sections, at] = reading();
      const hash = `#${sections[Math.max(at, 0)]?.id}`;
      for (const link of all('.toc-link')) link.ariaCurrent = link.hash === hash ? 'location' : null;
    });
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    // Escape closes the Display menu and gives focus back to its button.
    const menu = target.closest?.('.display-menu[open]');
    if (menu && event.key === 'Escape') {
      menu.open = false;
      menu.children[0].focus();
    }
    // Never while the reader types (or reads the dialog), nor with a modifier: those keys are the
    // browser's and the system's.
    if (target.closest?.('input, textarea, select, [contenteditable], dialog') || event.isComposing
      || event.ctrlKey || event.metaKey || event.altKey || !document.querySelector('.episode-guide')) return;
    const action = { j: () => go(1), k: () => go(-1), e: () => expand(true), c: () => expand(false), '?': help }[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  // Sharing: the link to a section or subsection (its copy-link button) through the system's
  // share sheet where the browser has one, otherwise onto the clipboard; the episode as Markdown
  // (what "Download Markdown" links: the published index.md, or in the app the same text from
  // src/export.rs in a data: URL). The guide's status line (a polite live region) says so.
  const copy = (text, what) => navigator.clipboard.writeText(text).then(() => {
    for (const status of all('.guide-status')) status.textContent = `${what} copied`;
  });
  // Listening: with a player on the page (src/components/player.rs), a timestamp plays the
  // original from its moment (the `t=` its link ends with) instead of leaving the page, and the
  // section being heard (the last whose timestamp has passed) is marked.
  const moment = (link) => link?.href.split('t=').pop();
  document.addEventListener('timeupdate', ({ target }) => {
    const sections = all('section.section');
    const heard = sections.findLast((section) => moment(section.querySelector('h3 .timestamp')) <= target.currentTime);
    for (const section of sections) section.classList.toggle('heard', section === heard);
  }, true);
  document.addEventListener('click', (event) => {
    const { target } = event;
    const player = document.querySelector('.player');
    const stamp = target.closest?.('a.timestamp');
    if (player && stamp) {
      event.preventDefault();
      player.currentTime = moment(stamp);
      player.play();
    }
    // A click elsewhere closes the Display menu.
    for (const menu of all('.display-menu[open]')) if (!menu.contains(target)) menu.open = false;
    const action = target.closest?.('[data-guide]')?.dataset.guide;
    if (action === 'expand' || action === 'collapse') expand(action === 'expand');
    if (action === 'copy-markdown') {
      const { href } = document.querySelector('[data-guide=markdown]');
      (href.startsWith('data:') ? Promise.resolve(decodeURIComponent(href.split(',')[1])) : fetch(href).then((response) => response.text()))
        .then((text) => copy(text, 'Markdown'));
    }
    if (target.matches?.('.copy-link')) {
      const url = `${location.href.split('#')[0]}#${target.closest('details, section').id}`;
      if (navigator.share) navigator.share({ url }).catch(() => {});
      else copy(url, 'Link');
    }
  });
})();
