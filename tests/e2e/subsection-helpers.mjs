// Subsections in the end-to-end tests. Each is a native `<details class="subsection" id="section-N-M">`
// whose `<summary class="subsection-toggle">` opens and closes it; the element owns its state (no
// aria-expanded, no class that follows it), so the tests read `details.open` and whether the body
// is rendered.

/** Every subsection. */
export const SUBSECTION = 'details.subsection';
/** Every subsection's toggle: the summary, the first child of its details. */
export const TOGGLE = 'details.subsection > summary.subsection-toggle';

/** The state of an open subsection, as `subsectionState` reads it. */
export const OPEN = { open: true, bodyVisible: true };
/** The state of a closed subsection. */
export const CLOSED = { open: false, bodyVisible: false };

/**
 * `{ open, bodyVisible }` of subsection `id` (`section-N-M`) in `scope`: a page, a frame or a
 * locator (Playwright's CSS reaches into open shadow roots, so `page.locator('#embed-1')` works).
 * A closed details keeps its body in the DOM but does not render it (checkVisibility is false).
 */
export function subsectionState(scope, id) {
  return scope.locator(`#${id}`).evaluate((details) => {
    const body = details.querySelector(':scope > .subsection-body');
    return {
      open: details.open,
      bodyVisible: Boolean(body && body.checkVisibility() && body.getBoundingClientRect().height > 0),
    };
  });
}

/** The toggle of subsection `id` in `scope`. */
export function toggleOf(scope, id) {
  return scope.locator(`#${id} > summary.subsection-toggle`);
}

/** The ids of the open subsections in `scope`, in document order. */
export function openSubsections(scope) {
  return scope.locator(`${SUBSECTION}[open]`).evaluateAll((els) => els.map((el) => el.id));
}

/**
 * How Chromium exposes the subsections to assistive technology (its accessibility tree, through
 * the DevTools protocol): per summary its role, name and expanded state, and the level of the
 * heading inside it. Chromium only.
 */
export async function accessibleSubsections(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((node) => [node.nodeId, node]));
    const property = (node, name) => node.properties?.find((p) => p.name === name)?.value.value;
    const descendants = function* (node) {
      for (const id of node.childIds ?? []) {
        const child = byId.get(id);
        if (!child) continue;
        yield child;
        yield* descendants(child);
      }
    };
    return nodes
      // The header's Display menu is a <details> too, not a subsection.
      .filter((node) => !node.ignored && node.role?.value === 'DisclosureTriangle' && node.name?.value !== 'Display')
      .map((node) => {
        const heading = [...descendants(node)].find((d) => !d.ignored && d.role?.value === 'heading');
        return {
          role: node.role.value,
          name: node.name?.value ?? '',
          expanded: property(node, 'expanded') ?? null,
          focusable: property(node, 'focusable') ?? false,
          heading: heading ? { name: heading.name?.value ?? '', level: property(heading, 'level') } : null,
        };
      });
  } finally {
    await cdp.detach().catch(() => {});
  }
}
