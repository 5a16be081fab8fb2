/** Svelte action: focuses the element when it appears (keyboard users start typing at once). */
export function focusOnMount(node: HTMLElement): void {
  queueMicrotask(() => node.focus());
}
