// Sizes the iframe to its content from the reader's resize messages.
const frame = document.getElementById('frame');
addEventListener('message', (event) => {
  if (event.source === frame.contentWindow && event.data?.type === 'digest:resize') {
    frame.height = String(event.data.height);
  }
});
