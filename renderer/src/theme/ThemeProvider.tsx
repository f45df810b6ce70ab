import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export const themes = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themes)[number];
const STORAGE_KEY = 'consortia.theme';

interface Theme {
  theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
}
const ThemeContext = createContext<Theme | null>(null);

function savedTheme(): ThemeChoice {
  const saved = localStorage.getItem(STORAGE_KEY);
  return (themes as readonly string[]).includes(saved ?? '') ? (saved as ThemeChoice) : 'system';
}

/**
 * 'system' leaves the page to `prefers-color-scheme` in styles.css; 'light' and 'dark' set
 * data-theme on <html>, which the stylesheet lets win over the system's preference.
 */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [theme, setThemeState] = useState<ThemeChoice>(savedTheme);
  const setTheme = useCallback((next: ThemeChoice) => {
    localStorage.setItem(STORAGE_KEY, next);
    setThemeState(next);
  }, []);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  const value = useMemo(() => ({ theme, setTheme }), [theme, setTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  if (!theme) throw new Error('useTheme is used outside ThemeProvider.');
  return theme;
}
