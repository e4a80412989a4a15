import { useEffect } from 'react';
import type { InkDocument } from '../ink/ink-document';

const textInputTypes = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url']);

/** Keys typed into a text field or list belong to it; on buttons and radios they are shortcuts. */
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && textInputTypes.has(target.type)));

/** Ctrl/⌘+Z undoes the last stroke; Escape clears — unless focus is in a text field or list. */
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
