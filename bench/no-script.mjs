// The no-script baseline of a published episode page, shared by the page-load benchmarks.

/** The published page with its scripts removed (the take-over module's loader and the display
 * choices' `reader.js`): nothing but HTML and CSS. */
export function noScriptCopy(html) {
  const removed = [];
  const out = html.replace(/<script\b[^>]*\bsrc="[^"]*(?:published-boot|reader)-[^"]*"[^>]*>\s*<\/script>\s*/g, (tag) => {
    removed.push(tag.trim());
    return '';
  }).replace(/<link\b[^>]*\brel="?(?:modulepreload|preload)"?[^>]*published-[^>]*>\s*/g, (tag) => {
    removed.push(tag.trim());
    return '';
  });
  if (!removed.length) throw new Error('the published page has no <script ... published-boot-...> to remove');
  if (/<script\b(?![^>]*type="application\/(?:ld\+)?json")[^>]*>/.test(out)) {
    throw new Error('the no-script copy still has a script (other than JSON data blocks)');
  }
  return { html: out, removed };
}
