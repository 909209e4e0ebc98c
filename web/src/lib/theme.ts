/**
 * Light or dark: by default the system's setting (`prefers-color-scheme`); the toggle in the top
 * bar pins light or dark, kept in localStorage. `data-theme` on <html> always names the palette
 * in use: "system" is resolved here, and followed while it is the choice, so that the style sheet
 * writes the dark palette once, for `[data-theme='dark']`.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const KEY = 'stockroom.theme';

export function loadTheme(): Theme {
  try {
    const t = localStorage.getItem(KEY);
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

const SYSTEM_DARK = '(prefers-color-scheme: dark)';

/** While "system" is the choice: the system's setting and the listener that follows it. */
let following: { media: MediaQueryList; follow: () => void } | null = null;

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  following?.media.removeEventListener('change', following.follow);
  following = null;
  if (theme !== 'system') {
    root.dataset.theme = theme;
    return;
  }
  const media = window.matchMedia(SYSTEM_DARK);
  const follow = () => {
    root.dataset.theme = media.matches ? 'dark' : 'light';
  };
  follow();
  media.addEventListener('change', follow);
  following = { media, follow };
}

export function saveTheme(theme: Theme): void {
  try {
    if (theme === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  } catch {
    // Not persisted; it holds for this page.
  }
  applyTheme(theme);
}

/** The next choice of the toggle: system → light → dark → system. */
export function nextTheme(theme: Theme): Theme {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!;
}
