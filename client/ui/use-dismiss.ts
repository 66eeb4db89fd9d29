// Closes a pop-up panel the usual ways: Escape (unless something inside used the key already)
// and a press outside both the panel and the button that opened it.

import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

export type DismissReason = 'escape' | 'outside';

export function useDismiss(
  open: boolean,
  inside: readonly RefObject<HTMLElement>[],
  onDismiss: (reason: DismissReason) => void,
): void {
  // The latest callback and refs, without re-adding the listeners on every render.
  const latest = useRef({ inside, onDismiss });
  latest.current = { inside, onDismiss };

  // A layout effect: the listeners are in place before the panel is painted, so an Escape pressed
  // as soon as it shows is not lost (a plain effect runs a frame later).
  useLayoutEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      latest.current.onDismiss('escape');
    };
    const onPointerDown = (event: PointerEvent) => {
      const path = event.composedPath();
      if (latest.current.inside.some((ref) => ref.current && path.includes(ref.current))) return;
      latest.current.onDismiss('outside');
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open]);
}
