// Starts the request for the digest that `?episode=<id>` names as soon as the page starts, in
// parallel with downloading and compiling the WebAssembly instead of after it. The app adopts it
// (src/fetch/prefetch.rs) and applies its own checks to it: status, size limit (it can abort it
// through the controller), deadline. If the app has not taken it within that deadline, the
// backstop aborts and withdraws it. A classic `defer` script placed before the app's module:
// deferred scripts run in document order, so this always runs before the app looks for it. From
// the app's origin, no inline code: a strict CSP holds.
//
// Only the default digests folder: a site whose `site.json` names another one gets no head start
// (knowing it would mean waiting for site.json and repeating its rules here). The app adopts the
// request only if its URL is the very one it wants and aborts it otherwise, so a wrong guess costs
// one aborted request, never a wrong episode.
(function () {
  // The reader's own rules, held equal to the Rust ones by tests/prefetch.rs.
  var EPISODE_ID = /^[a-z0-9-]{1,128}$/; // model::is_slug
  var DIGESTS = 'digests/'; // SiteConfig::default().digests
  var TIMEOUT_MS = 15000; // fetch::TIMEOUT_SECONDS

  var id = new URLSearchParams(location.search).get('episode');
  if (id === null || !EPISODE_ID.test(id)) return;
  var controller = new AbortController();
  var url = new URL(DIGESTS + id + '.json', location.href).href;
  // The app's deadline counts from here, not from when it adopts the request.
  var started = performance.now();
  var response = fetch(url, { signal: controller.signal });
  // Adopted or aborted later; never an unhandled rejection in the console.
  response.catch(function () {});
  // Given the app's own deadline and not adopted by then (the app is slow to start, or never
  // asks): stopped, and withdrawn, so that a late app makes its own request with its own
  // deadline instead of adopting a dead one.
  var backstop = setTimeout(function () {
    controller.abort();
    delete window.digestReaderPrefetch;
  }, TIMEOUT_MS);
  window.digestReaderPrefetch = { url: url, response: response, controller: controller, backstop: backstop, started: started };
})();
