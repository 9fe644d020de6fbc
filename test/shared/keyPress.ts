import type { KeyPress } from '../../shared/commands/appCommands';

export type Modifiers = Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>>;

/** A key press as a browser reports it: the key made, the physical key, the modifiers held. */
export const keyPress = (key: string, code: string, mods: Modifiers = {}): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
