import { useEffect } from 'react';
import type { InkDocument } from '../ink/ink-document';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));

/** Ctrl/⌘+Z undoes the last stroke; Escape clears — unless focus is in a form field. */
export function useInkShortcuts(ink: InkDocument): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        ink.undo();
      } else if (event.key === 'Escape') {
        ink.clear();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [ink]);
}
