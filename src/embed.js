// Shows digests on any page, of any origin:
//
//   <script type="module" src="https://example.org/reader/embed.js"></script>
//   <div data-digest="https://example.org/reader/digests/<id>.json"></div>
//
// Every element with `data-digest` gets the compact episode view inside its own shadow root,
// styled by the reader's stylesheet only. All embeds share one WebAssembly module; elements added
// later are mounted, removed ones are unmounted and freed. This file is the template that
// scripts/post-build.mjs fills with the build's hashed file names.
const root = new URL('./', import.meta.url);
const files = { js: '__APP_JS__', wasm: '__APP_WASM__', css: '__APP_CSS__' };

const app = await import(new URL(files.js, root).href);
await app.default({ module_or_path: new URL(files.wasm, root) });
const stylesheet = new URL(files.css, root).href;
const mounted = new Map();

function mount(element) {
  const url = element.getAttribute('data-digest');
  if (mounted.has(element) || !url) return;
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = stylesheet;
  const container = document.createElement('div');
  container.className = 'embed-root';
  shadow.replaceChildren(sheet, container);
  mounted.set(element, app.mountEmbed(container, new URL(url, document.baseURI).href, root.href));
}

function unmount(element) {
  const view = mounted.get(element);
  if (!view) return;
  mounted.delete(element);
  view.unmount();
  element.shadowRoot?.replaceChildren();
}

function each(node, action) {
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  if (node.hasAttribute('data-digest')) action(node);
  node.querySelectorAll('[data-digest]').forEach(action);
}

each(document.documentElement, mount);
new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === 'attributes') {
      unmount(record.target);
      mount(record.target);
      continue;
    }
    record.removedNodes.forEach((node) => each(node, (element) => element.isConnected || unmount(element)));
    record.addedNodes.forEach((node) => each(node, mount));
  }
}).observe(document.documentElement, {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ['data-digest'],
});
