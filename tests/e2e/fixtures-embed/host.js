// The host page of the script-embed tests, served from another origin than the reader:
//   host.html?app=<reader root URL>&digest=<digest URL>&digest=<digest URL>...
// For each `digest`: a host button `#before-N`, then `<div id="embed-N" data-digest="...">`;
// then the reader's embed.js, as a module script from the reader's origin.
(() => {
  const params = new URLSearchParams(location.search);
  const embeds = document.getElementById('embeds');
  params.getAll('digest').forEach((url, i) => {
    const before = document.createElement('button');
    before.type = 'button';
    before.id = `before-${i + 1}`;
    before.textContent = `Host button ${i + 1}`;
    const element = document.createElement('div');
    element.id = `embed-${i + 1}`;
    element.className = 'embed';
    element.setAttribute('data-digest', url);
    embeds.append(before, element);
  });
  const app = params.get('app');
  if (app) {
    const script = document.createElement('script');
    script.type = 'module';
    script.src = new URL('embed.js', app).href;
    document.head.append(script);
  }
})();
