// The app page's own head script (index.html only: published episode pages do not load it).
// It tells the stylesheet whether the address asks for an episode or the compact view, which must
// not flash a published site's prerendered library.
const root = document.documentElement;
if (/[?&](episode|src|embed)=/.test(location.search)) root.classList.add('view-episode');
// A quiet "Offline" in the header while the network is gone.
const network = () => root.classList.toggle('offline', !navigator.onLine);
network();
addEventListener('online', network);
addEventListener('offline', network);
// The service worker (sw.js, beside index.html: its scope is the app's folder), once the page has
// loaded: the shell of this build and every episode opened from then on read offline.
addEventListener('load', () => navigator.serviceWorker?.register('sw.js').catch(() => {}));
