// The host page of the iframe-embed test: frame.html?src=<reader URL with &embed=1>.
// Records every message on `window.resizeMessages` (with its origin and whether it came from the
// frame) and sizes the frame from `digest:resize` messages, as docs/embed-demo.js does.
(() => {
  const src = new URLSearchParams(location.search).get('src');
  const frame = document.createElement('iframe');
  frame.id = 'frame';
  frame.title = 'Episode digest';
  frame.width = '800';
  frame.height = '300';
  window.resizeMessages = [];
  addEventListener('message', (event) => {
    window.resizeMessages.push({
      data: event.data,
      origin: event.origin,
      fromFrame: event.source === frame.contentWindow,
    });
    if (event.source === frame.contentWindow && event.data?.type === 'digest:resize') {
      frame.height = String(event.data.height);
    }
  });
  frame.src = src;
  document.body.append(frame);
})();
