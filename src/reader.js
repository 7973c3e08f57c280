// What the reader's pages do without WebAssembly: the display choices, and finding one's way in
// an episode (below). A classic script in <head>, so the display choice this device remembers is on <html> (data-theme, data-text-size) before the first paint and the page
// never flashes the other theme. A file, not inline code: the strict CSP holds. It also runs the
// header's Display menu (markup of the shared SiteHeader component, the same for every reader):
// by delegation on the document, because the app renders the header after this runs and a
// published page's header is plain HTML that the take-over module never touches. So the choice
// costs no WebAssembly. docs/markup.md describes the markup; tests/e2e/comfort.test.mjs and
// tests/e2e/navigate.test.mjs test it.
(() => {
  const root = document.documentElement;
  // Each choice, its values other than the default, and the default (no attribute).
  const choices = { theme: [['light', 'dark'], 'system'], 'text-size': [['small', 'large', 'larger'], 'default'] };
  const key = (name) => `digest-reader:${name}`;
  // Storage can be refused (privacy settings, sandboxed frames): the choice then lasts the page.
  const remembered = (name) => { try { return localStorage.getItem(key(name)); } catch { return null; } };
  const apply = (name, value) => {
    if (choices[name][0].includes(value)) root.setAttribute(`data-${name}`, value);
    else root.removeAttribute(`data-${name}`);
  };
  const current = (name) => root.getAttribute(`data-${name}`) ?? choices[name][1];
  for (const name in choices) apply(name, remembered(name));
  // The menu is shown only where this script runs (with JavaScript off it could do nothing).
  root.classList.add('has-prefs');
  const menuOf = (node) => (node instanceof Element ? node.closest('.display-menu') : null);
  document.addEventListener('change', ({ target }) => {
    if (!menuOf(target) || !(target.name in choices)) return;
    apply(target.name, target.value);
    try {
      if (target.value === choices[target.name][1]) localStorage.removeItem(key(target.name));
      else localStorage.setItem(key(target.name), target.value);
    } catch { /* not remembered; still applied */ }
  });
  // The radios show this device's choice whenever the menu opens (`toggle` does not bubble).
  document.addEventListener('toggle', ({ target }) => {
    if (!target.matches?.('.display-menu[open]')) return;
    for (const input of target.querySelectorAll('input')) input.checked = input.value === current(input.name);
  }, true);
  // Escape or a click elsewhere closes the menu; Escape gives focus back to its button.
  const close = (menu, refocus) => {
    menu.open = false;
    if (refocus) menu.querySelector('summary')?.focus();
  };
  document.addEventListener('keydown', (event) => {
    const menu = menuOf(event.target);
    if (event.key === 'Escape' && menu?.open) close(menu, true);
  });
  document.addEventListener('click', ({ target }) => {
    for (const menu of document.querySelectorAll('.display-menu[open]')) if (!menu.contains(target)) close(menu, false);
  });
  // Another tab changed the choice: follow it.
  addEventListener('storage', ({ key: changed }) => {
    for (const name in choices) if (changed === null || changed === key(name)) apply(name, remembered(name));
  });

  // Finding one's way (the episode guide of src/components/guide.rs, beside the episode): the
  // contents mark the section in view, "Expand all" / "Collapse all", and keyboard shortcuts.
  // Everything is looked up when used: the app renders the episode after this runs.
  const all = (selector) => [...document.querySelectorAll(selector)];
  const expand = (open) => { for (const details of all('details.subsection')) details.open = open; };
  // The sections, and the one being read: the last whose top has passed a third of the window.
  const reading = () => {
    const sections = all('article.episode section.section');
    return [sections, sections.findLastIndex((section) => section.getBoundingClientRect().top < innerHeight / 3)];
  };
  const go = (step) => {
    const [sections, at] = reading();
    const target = sections[Math.min(Math.max(at + step, 0), sections.length - 1)];
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
  const mark = () => {
    frame = 0;
    const [sections, at] = reading();
    const hash = `#${sections[Math.max(at, 0)]?.id}`;
    for (const link of all('.toc-link')) link.ariaCurrent = link.hash === hash ? 'location' : null;
  };
  addEventListener('scroll', () => { frame ||= requestAnimationFrame(mark); }, { passive: true });
  document.addEventListener('click', ({ target }) => {
    const action = target instanceof Element && target.closest('[data-guide]')?.dataset.guide;
    if (action === 'expand' || action === 'collapse') expand(action === 'expand');
    if (action === 'help') help();
    if (action === 'close') target.closest('dialog').close();
  });
  document.addEventListener('keydown', (event) => {
    // Never while the reader types (or reads the dialog), nor with a modifier: those keys are the
    // browser's and the system's.
    const busy = event.target instanceof Element && event.target.closest('input, textarea, select, [contenteditable], dialog');
    if (busy || event.isComposing || event.ctrlKey || event.metaKey || event.altKey || !document.querySelector('.episode-guide')) return;
    const action = { j: () => go(1), k: () => go(-1), e: () => expand(true), c: () => expand(false), '?': help }[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
})();
