// Drag-and-drop of files onto an element: the handlers to spread on it and whether files are
// being dragged over it. While mounted it also stops a drop that misses the element from making
// the browser open the file in place of the chat.

import type { TargetedDragEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;

export function useFileDrop(onFiles: (files: File[]) => void) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave also fire for every child crossed: count them.
  const depth = useRef(0);

  useEffect(() => {
    const block = (event: DragEvent) => {
      if (carriesFiles(event)) event.preventDefault();
    };
    window.addEventListener('dragover', block);
    window.addEventListener('drop', block);
    return () => {
      window.removeEventListener('dragover', block);
      window.removeEventListener('drop', block);
    };
  }, []);

  const handlers = {
    onDragEnter(event: TargetedDragEvent<HTMLElement>) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current++;
      setOver(true);
    },
    onDragOver(event: TargetedDragEvent<HTMLElement>) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave(event: TargetedDragEvent<HTMLElement>) {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    },
    onDrop(event: TargetedDragEvent<HTMLElement>) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setOver(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0) onFiles(files);
    },
  };
  return { over, handlers };
}
