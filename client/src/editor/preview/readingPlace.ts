/**
 * The place someone was reading in the preview, kept when the editor replaces it: the editor draws
 * blocks with their form controls, taller than the preview's, so without this the text under their
 * eyes would slide away. The place is the first block on screen and how far from the top it sat.
 */
let place: { id: string; top: number } | null = null;
let stop: (() => void) | null = null;

function note(root: HTMLElement): void {
  place = null;
  if (window.scrollY === 0) return;
  for (const el of root.querySelectorAll<HTMLElement>("[data-preview-block-id]")) {
    const box = el.getBoundingClientRect();
    if (box.bottom <= 0) continue;
    place = { id: el.dataset.previewBlockId ?? "", top: box.top };
    return;
  }
}

/** Ref for the preview's wrapper: follows scrolling while the preview is on screen. */
export function trackReadingPlace(root: HTMLElement | null): void {
  stop?.();
  stop = null;
  if (!root) return;
  let frame = 0;
  const onScroll = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => note(root));
  };
  window.addEventListener("scroll", onScroll, { passive: true });
  stop = () => {
    cancelAnimationFrame(frame);
    window.removeEventListener("scroll", onScroll);
  };
}

/** Once the editor is on the page, scrolls so the block that was on screen sits where it was. */
export function keepReadingPlace(): void {
  const wanted = place;
  place = null;
  if (!wanted) return;
  let tries = 0;
  // Node views fill in a frame or two after the editor mounts.
  const settle = () => {
    const el = document.querySelector<HTMLElement>(`.pe-block-host[data-block-id="${CSS.escape(wanted.id)}"]`);
    if (el && el.offsetHeight > 0) {
      window.scrollBy(0, el.getBoundingClientRect().top - wanted.top);
      return;
    }
    if (++tries < 30) requestAnimationFrame(settle);
  };
  settle();
}
