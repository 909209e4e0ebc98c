/**
 * Keyboard shortcuts, without React: `/` searches, `g` then a letter goes to a screen, `?` lists
 * them. Keys typed into a field, with a modifier, or while a dialog is open are left alone.
 */
export type ShortcutAction = { kind: 'search' } | { kind: 'help' } | { kind: 'go'; letter: string };

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: EventTarget | null;
}

/** How long after `g` the letter still counts. */
export const CHORD_MS = 1500;

function typingInto(target: EventTarget | null | undefined): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  return (
    el.isContentEditable === true ||
    el.closest('input, textarea, select, [contenteditable="true"], dialog[open]') !== null
  );
}

/** A small state machine: feed it keys, it answers the action a key completes, if any. */
export function createShortcutReader(now: () => number = Date.now) {
  let pendingG: number | null = null;
  return (e: KeyLike): ShortcutAction | null => {
    if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) {
      pendingG = null;
      return null;
    }
    if (pendingG !== null && now() - pendingG <= CHORD_MS && /^[a-z]$/i.test(e.key)) {
      pendingG = null;
      return { kind: 'go', letter: e.key.toLowerCase() };
    }
    pendingG = null;
    if (e.key === '/') return { kind: 'search' };
    if (e.key === '?') return { kind: 'help' };
    if (e.key === 'g') pendingG = now();
    return null;
  };
}
