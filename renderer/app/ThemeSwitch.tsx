import { THEMES, type Theme } from '../../shared/api/contract';
import { useActions } from '../state/actionsContext';
import { useUi } from '../state/uiStore';

const LABELS: Record<Theme, string> = { system: 'System theme', light: 'Light', dark: 'Dark' };

export function ThemeSwitch() {
  const theme = useUi((state) => state.theme);
  const actions = useActions();
  return (
    <label className="theme-switch">
      <span className="visually-hidden">Theme</span>
      <select value={theme} onChange={(e) => void actions.setTheme(e.target.value as Theme)}>
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {LABELS[t]}
          </option>
        ))}
      </select>
    </label>
  );
}
