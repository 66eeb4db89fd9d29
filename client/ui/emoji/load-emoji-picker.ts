// Loads the emoji picker chunk on first use and keeps one picker element for the page; a failed
// load (offline, a deploy that replaced the chunk) is retried on the next open.

export interface EmojiPickerHandle {
  element: HTMLElement;
  /** Focuses the picker's search box. */
  focusSearch(): void;
  /** Calls `pick` with each chosen emoji (skin tone applied); returns the unsubscribe. */
  onPick(pick: (emoji: string) => void): () => void;
}

let loading: Promise<EmojiPickerHandle> | null = null;

export function loadEmojiPicker(): Promise<EmojiPickerHandle> {
  loading ??= import('./emoji-picker-element').then(
    ({ createEmojiPicker }) => handle(createEmojiPicker()),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

function handle(element: HTMLElement): EmojiPickerHandle {
  return {
    element,
    focusSearch: () => element.shadowRoot?.querySelector<HTMLInputElement>('input[type="search"]')?.focus(),
    onPick(pick) {
      const listener = (event: Event) => {
        const detail = (event as CustomEvent<{ unicode?: string }>).detail;
        if (detail.unicode) pick(detail.unicode);
      };
      element.addEventListener('emoji-click', listener);
      return () => element.removeEventListener('emoji-click', listener);
    },
  };
}
