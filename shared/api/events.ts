// Events a host sends to the renderer (Electron menus, a file double-clicked while Carve runs, a close request).
// The browser host has no menus: its renderer raises the same commands from its own toolbar and keys.
// Labels and keys of these commands are in shared/commands/appCommands.ts.

export const MENU_COMMANDS = [
  'file:new',
  'file:open',
  'file:save',
  'file:save-as',
  'file:export',
  'file:import',
  'file:close',
  'edit:undo',
  'edit:redo',
  'view:fit',
  'view:toggle-monolith-panel',
  'view:toggle-inspector',
  'view:toggle-roadmap',
  'help:shortcuts',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type HostEvent =
  | { type: 'menu'; command: MenuCommand }
  | { type: 'open-file'; path: string }
  /** The window is closing: the renderer asks about unsaved changes, then calls `confirmClose`. */
  | { type: 'close-requested' }
  /** The theme or the recent files changed outside the page (the native menu): read them again. */
  | { type: 'preferences-changed' };
