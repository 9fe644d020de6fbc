import path from 'node:path';
import { fileURLToPath } from 'node:url';

// A .carve file given to Carve by the OS: on the command line at start, through a second instance (the
// single-instance lock forwards its argv and working directory), or by macOS's open-file event.

export const CARVE_EXTENSION = '.carve';

export function isCarvePath(arg: string): boolean {
  return arg.toLowerCase().endsWith(CARVE_EXTENSION) && arg.length > CARVE_EXTENSION.length;
}

/**
 * The last .carve path in a command line, made absolute against the working directory of the process that
 * received it; null when there is none. Switches (`--flag`, `--flag=x.carve`) and the executable are skipped:
 * Chromium adds switches of its own to a second instance's argv.
 */
export function carvePathFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i]!;
    if (arg.startsWith('-') || !isCarvePath(arg)) continue;
    if (arg.startsWith('file://')) {
      try {
        return fileURLToPath(arg);
      } catch {
        continue;
      }
    }
    return path.resolve(cwd, arg);
  }
  return null;
}

/** A save dialog path with the .carve extension (Linux dialogs do not always add it). */
export function withCarveExtension(filePath: string): string {
  return isCarvePath(filePath) ? filePath : `${filePath}${CARVE_EXTENSION}`;
}

/** The name a save dialog proposes: the project name made safe as a file name, ending in .carve. */
export function defaultSaveName(name: string): string {
  const safe = name
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  return withCarveExtension(safe || 'Untitled');
}
