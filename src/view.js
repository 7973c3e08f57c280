// The app page's own head script (index.html only: published episode pages do not load it).
// It tells the stylesheet whether the address asks for an episode or the compact view, which must
// not flash a published site's prerendered library. (The offline indicator and the service worker
// are src/reader.js's: every page of the reader loads that one.)
const root = document.documentElement;
if (/[?&](episode|src|embed)=/.test(location.search)) root.classList.add('view-episode');
