// The review view's keyboard: move with j/k (or the arrows), relabel with the label's own key,
// delete with Delete/Backspace, undo with u or Ctrl+Z. Keys typed into a form control are theirs.
import { useEffect, useRef } from 'react';

export interface ReviewShortcutActions {
  move(step: 1 | -1): void;
  /** A single-character key: relabel the selected sample when it is one of its model's labels. */
  relabel(key: string): void;
  remove(): void;
  undo(): void;
}

/** Shown in the view; also what the handler below does. */
export const shortcutHelp: readonly (readonly [keys: string, action: string])[] = [
  ['j / ↓', 'next sample'],
  ['k / ↑', 'previous sample'],
  ['a label’s key (e.g. 7)', 'relabel as that label'],
  ['Delete / Backspace', 'delete (into the server’s trash)'],
  ['u / Ctrl+Z', 'undo the last change'],
];

const reserved = new Set(['j', 'k', 'u']);

function typingInto(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))
  );
}

export function useReviewShortcuts(enabled: boolean, actions: ReviewShortcutActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (typingInto(event.target) || event.altKey || event.metaKey) return;
      const act = latest.current;
      const key = event.key;
      let handled = true;
      if (event.ctrlKey) {
        if (key.toLowerCase() === 'z') act.undo();
        else handled = false;
      } else if (key === 'j' || key === 'ArrowDown') act.move(1);
      else if (key === 'k' || key === 'ArrowUp') act.move(-1);
      else if (key === 'u') act.undo();
      else if (key === 'Delete' || key === 'Backspace') act.remove();
      else if ([...key].length === 1 && key !== ' ' && !reserved.has(key)) act.relabel(key);
      else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
