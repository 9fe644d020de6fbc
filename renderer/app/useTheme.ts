import { useEffect } from 'react';
import { useUi } from '../state/uiStore';

/** Put the chosen theme on <html data-theme>; 'system' follows prefers-color-scheme as it changes. */
export function useTheme(): void {
  const theme = useUi((state) => state.theme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const resolved = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
      document.documentElement.dataset.theme = resolved;
    };
    apply();
    if (theme !== 'system') return;
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
