// Starts the request for the digest that `?episode=<id>` names as soon as the page starts, in
// parallel with downloading and compiling the WebAssembly instead of after it. The app adopts it
// (src/fetch/prefetch.rs) and applies its own checks to it: status, 5 MB limit (it can abort it
// through the controller), 15 s deadline. If the app never does, the backstop aborts it. A
// classic `defer` script placed before the app's module: deferred scripts run in document order,
// so this always runs before the app looks for it. From the app's origin, no inline code: a strict
// CSP holds.
(function () {
  var id = new URLSearchParams(location.search).get('episode');
  if (id === null || !/^[a-z0-9-]{1,128}$/.test(id)) return;
  var controller = new AbortController();
  var url = new URL('digests/' + id + '.json', location.href).href;
  var response = fetch(url, { signal: controller.signal });
  // Adopted or aborted later; never an unhandled rejection in the console.
  response.catch(function () {});
  var backstop = setTimeout(function () { controller.abort(); }, 20000);
  window.digestReaderPrefetch = { url: url, response: response, controller: controller, backstop: backstop };
})();
