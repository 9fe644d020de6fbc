import {
  APP_COMMAND_IDS,
  BROWSER_RESERVED,
  commandSpec,
  keyLabel,
  keysFor,
  primaryKey,
  type AppCommandId,
  type CommandCategory,
  type CommandScope,
  type Host,
  type Platform,
} from './appCommands';

// The keyboard shortcuts reference, made from the command table: the Help dialog shows it for the platform and
// host at hand, and docs/shortcuts.md (`npm run shortcuts`; a test compares) lists every platform and host.

export const SHORTCUTS_DOC_PATH = 'docs/shortcuts.md';

export const SCOPE_NOTE: Record<CommandScope, string> = {
  anywhere: 'anywhere, also in a text field',
  page: 'anywhere but in a text field',
  canvas: 'with the canvas focused',
};

export interface ShortcutRow {
  id: AppCommandId;
  label: string;
  category: CommandCategory;
  scope: CommandScope;
  /** Every key that runs it, as written on screen, its own first. */
  keys: string[];
}

/** The commands that have keys, in table order, with their keys as written on that platform and host. */
export function shortcutReference(platform: Platform, host: Host): ShortcutRow[] {
  return APP_COMMAND_IDS.flatMap((id) => {
    const keys = keysFor(id, platform, host).map((key) => keyLabel(key, platform));
    const { label, category, scope } = commandSpec(id);
    return keys.length > 0 ? [{ id, label, category, scope, keys }] : [];
  });
}

const cell = (keys: readonly string[]) => keys.map((key) => `\`${key}\``).join(', ');
const code = (key: string | undefined, platform: Platform) => (key ? `\`${keyLabel(key, platform)}\`` : '');

/** docs/shortcuts.md: one table per category, a column per platform and host where the keys differ. */
export function renderShortcutsMarkdown(): string {
  const views = [
    { platform: 'other', host: 'desktop', title: 'Windows and Linux' },
    { platform: 'mac', host: 'desktop', title: 'macOS' },
    { platform: 'other', host: 'browser', title: 'Browser host (Windows, Linux)' },
    { platform: 'mac', host: 'browser', title: 'Browser host (macOS)' },
  ] as const;
  const tables = views.map((view) => new Map(shortcutReference(view.platform, view.host).map((row) => [row.id, row])));
  const rows = shortcutReference('other', 'desktop');
  const taken = APP_COMMAND_IDS.flatMap((id) => {
    const desktop = primaryKey(id, 'other', 'desktop');
    return desktop && BROWSER_RESERVED.includes(desktop)
      ? [{ label: commandSpec(id).label, desktop, browser: primaryKey(id, 'other', 'browser') }]
      : [];
  });
  const lines = [
    '# Keyboard shortcuts',
    '',
    '<!-- Generated from shared/commands/appCommands.ts by `npm run shortcuts`; do not edit by hand. -->',
    '',
    `Every command is in the command palette (${code(primaryKey('palette:open', 'other', 'desktop'), 'other')}, ${code(primaryKey('palette:open', 'mac', 'desktop'), 'mac')} on macOS).`,
    'The desktop menus, the palette, the context menus and Help > Keyboard Shortcuts show the same keys.',
    "A command's first key is its own; any other listed key works too.",
    '',
    'In the browser host, a key the browser keeps for itself takes Alt as well: ' +
      taken.map((row) => `${row.label}, ${code(row.desktop, 'other')} becomes ${code(row.browser, 'other')}`).join('; ') +
      '.',
  ];
  const categories = [...new Set(rows.map((row) => row.category))];
  for (const category of categories) {
    lines.push(
      '',
      `## ${category}`,
      '',
      `| Command | ${views.map((view) => view.title).join(' | ')} | Where |`,
      `| --- |${' --- |'.repeat(views.length)} --- |`,
    );
    for (const row of rows.filter((candidate) => candidate.category === category)) {
      const keys = tables.map((table) => cell(table.get(row.id)?.keys ?? []));
      lines.push(`| ${row.label} | ${keys.join(' | ')} | ${SCOPE_NOTE[row.scope]} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
