import type { Host, Platform } from '../../shared/commands/appCommands';
import { getBridge } from './bridge';

// Which key table applies to this page: macOS or not (Cmd or Ctrl), the desktop app or the browser host.

export const keyboardPlatform = (): Platform =>
  typeof navigator !== 'undefined' && /Mac|iP(hone|ad)/.test(navigator.platform) ? 'mac' : 'other';

export const hostOf = (kind: 'electron' | 'browser'): Host => (kind === 'electron' ? 'desktop' : 'browser');

export interface KeyTable {
  platform: Platform;
  host: Host;
}

export const keyTable = (): KeyTable => ({ platform: keyboardPlatform(), host: hostOf(getBridge().host.kind) });
