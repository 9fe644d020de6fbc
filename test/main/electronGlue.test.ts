import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, METHODS, type Handlers } from '../../shared/api/contract';
import { bridgeName } from '../../shared/api/client';
import { BRIDGE_METHODS, type BridgeName, type PreloadBridge } from '../../shared/api/preload';
import { withAfterEffects } from '../../main/electron/afterEffects';
import { APP_ENTRY_URL, appUrlPath, isAppUrl, isExternalHttps, isTrustedSender } from '../../main/electron/appUrl';
import { CONTENT_SECURITY_POLICY } from '../../main/services/rendererAssets';
import { carvePathFromArgv, defaultSaveName, withCarveExtension } from '../../main/electron/argv';
import { MIN_SIZE, restoreBounds } from '../../main/electron/bounds';
import { EXPORT_FILTERS, withExtension } from '../../main/electron/exportFilters';
import { CloseGuard } from '../../main/electron/closeGuard';
import { createHostEventOutbox } from '../../main/electron/outbox';

// The parts of the Electron host that do not need Electron: path confinement of app://, the IPC sender check,
// .carve paths from a command line, the close guard, the host-event outbox, window bounds, after-effects.

describe('app:// URL paths', () => {
  it('gives the path of our URLs, still encoded, for the one resolver (rendererAssets.test.ts) to confine', () => {
    expect(appUrlPath('app://carve/')).toBe('/');
    expect(appUrlPath(APP_ENTRY_URL)).toBe('/index.html');
    expect(appUrlPath('app://carve/assets/index-abc.js?v=1#x')).toBe('/assets/index-abc.js');
    expect(appUrlPath('app://carve/assets/a%20b.css')).toBe('/assets/a%20b.css');
    expect(appUrlPath('app://carve/..%2f..%2fetc/passwd')).toBe('/..%2f..%2fetc/passwd');
  });

  it('is null for other hosts, other schemes and what is not a URL', () => {
    for (const url of ['app://elsewhere/index.html', 'file:///etc/passwd', 'https://carve/index.html', 'not a url'])
      expect(appUrlPath(url), url).toBeNull();
  });
});

describe('content security policy header', () => {
  it('allows no remote, inline or eval’d code, no plugins and no framing', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});

describe('IPC sender check', () => {
  const ours = { id: 7 };
  const event = (id: number, url: string | null) => ({ sender: { id }, senderFrame: url === null ? null : { url } });

  it('accepts our window showing an app:// page', () => {
    expect(isTrustedSender(event(7, 'app://carve/index.html'), ours)).toBe(true);
  });

  it('refuses another web contents, another origin, a gone frame, or no window', () => {
    expect(isTrustedSender(event(8, 'app://carve/index.html'), ours)).toBe(false);
    expect(isTrustedSender(event(7, 'https://evil.example/'), ours)).toBe(false);
    expect(isTrustedSender(event(7, 'file:///tmp/index.html'), ours)).toBe(false);
    expect(isTrustedSender(event(7, 'app://other/index.html'), ours)).toBe(false);
    expect(isTrustedSender(event(7, null), ours)).toBe(false);
    expect(isTrustedSender(event(7, 'app://carve/index.html'), null)).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('external links', () => {
  it('lets only plain https links out to the browser', () => {
    expect(isExternalHttps('https://example.com/docs')).toBe(true);
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://carve/',
      'smb://host/share',
      'https://user:pw@example.com',
      'nonsense',
    ]) {
      expect(isExternalHttps(url), url).toBe(false);
    }
  });
});

describe('.carve paths from a command line', () => {
  const cwd = path.resolve('/home/ann/work');

  it('finds the file given at start, made absolute against the working directory', () => {
    expect(carvePathFromArgv(['/opt/Carve/carve', 'shop.carve'], cwd)).toBe(path.join(cwd, 'shop.carve'));
    expect(carvePathFromArgv(['/opt/Carve/carve', '/data/Shop.CARVE'], cwd)).toBe(path.resolve('/data/Shop.CARVE'));
    // Development: `electron . file.carve`.
    expect(carvePathFromArgv(['/x/electron', '.', '../a.carve'], cwd)).toBe(path.resolve(cwd, '../a.carve'));
  });

  it('skips the executable and switches, including those Chromium adds to a second instance', () => {
    expect(carvePathFromArgv(['/opt/Carve/carve'], cwd)).toBeNull();
    expect(carvePathFromArgv(['/tmp/x.carve'], cwd)).toBeNull();
    expect(carvePathFromArgv(['carve', '--allow-file-access-from-files', '--original-process-start-time=1', 'b.carve'], cwd)).toBe(
      path.join(cwd, 'b.carve'),
    );
    expect(carvePathFromArgv(['carve', '--open=x.carve', 'notes.txt', '.carve'], cwd)).toBeNull();
  });

  it('reads a file:// URL', () => {
    expect(carvePathFromArgv(['carve', 'file:///data/My%20Shop.carve'], cwd)).toBe(path.resolve('/data/My Shop.carve'));
  });

  it('proposes save names that are file names ending in .carve (property)', () => {
    expect(withCarveExtension('/a/b')).toBe('/a/b.carve');
    expect(withCarveExtension('/a/b.Carve')).toBe('/a/b.Carve');
    expect(defaultSaveName('Acme Shop')).toBe('Acme Shop.carve');
    expect(defaultSaveName('')).toBe('Untitled.carve');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const proposed = defaultSaveName(name);
        return (
          proposed.endsWith('.carve') && !/[\\/:*?"<>|\u0000-\u001f]/.test(proposed) && !proposed.startsWith('.') && proposed.length <= 126
        );
      }),
    );
  });
});

describe('export dialog file types', () => {
  it('has a filter for every export format and adds its extension when missing', () => {
    expect(Object.keys(EXPORT_FILTERS).sort()).toEqual([...EXPORT_FORMATS].sort());
    expect(withExtension('/out/roadmap', 'pdf')).toBe('/out/roadmap.pdf');
    expect(withExtension('/out/Roadmap.PDF', 'pdf')).toBe('/out/Roadmap.PDF');
    expect(withExtension('/out/graph', 'mermaid')).toBe('/out/graph.mmd');
    expect(withExtension('/out/roadmap.md', 'html')).toBe('/out/roadmap.md.html');
  });
});

describe('close guard', () => {
  it('lets a window without unsaved changes close', () => {
    const guard = new CloseGuard();
    expect(guard.onClose()).toBe('close');
    guard.setDirty(true);
    guard.setDirty(false);
    expect(guard.onClose()).toBe('close');
  });

  it('asks the renderer when there are unsaved changes, then closes once it confirms', () => {
    const guard = new CloseGuard();
    guard.setDirty(true);
    expect(guard.onClose()).toBe('ask');
    expect(guard.confirm()).toBe('close');
    expect(guard.onClose()).toBe('close');
  });

  it('keeps asking when the user cancelled (no confirmation came)', () => {
    const guard = new CloseGuard();
    guard.setDirty(true);
    expect(guard.onClose()).toBe('ask');
    expect(guard.onClose()).toBe('ask');
  });

  it('ignores a confirmation nobody asked for', () => {
    const guard = new CloseGuard();
    guard.setDirty(true);
    expect(guard.confirm()).toBe('ignore');
    expect(guard.onClose()).toBe('ask');
  });

  it('sends a quit through the same guard and resumes the quit after confirmation', () => {
    const guard = new CloseGuard();
    guard.setDirty(true);
    guard.beforeQuit();
    expect(guard.onClose()).toBe('ask');
    expect(guard.confirm()).toBe('quit');
    guard.beforeQuit();
    expect(guard.onClose()).toBe('close');
  });

  it('does not turn a later plain close into a quit after a cancelled quit', () => {
    const guard = new CloseGuard();
    guard.setDirty(true);
    guard.beforeQuit();
    expect(guard.onClose()).toBe('ask'); // the user pressed Cancel
    expect(guard.onClose()).toBe('ask'); // later: the window's close button
    expect(guard.confirm()).toBe('close');
  });

  it('guards a reloaded page or a window opened again afresh', () => {
    const guard = new CloseGuard();
    guard.setDirty(true);
    guard.onClose();
    guard.confirm();
    guard.rendererGone();
    expect(guard.onClose()).toBe('close');
    guard.setDirty(true);
    expect(guard.onClose()).toBe('ask');
  });
});

describe('host event outbox', () => {
  it('holds events until the renderer listens, then delivers them in order', () => {
    const delivered: unknown[] = [];
    const outbox = createHostEventOutbox((event) => delivered.push(event));
    outbox.post({ type: 'open-file', path: '/a.carve' });
    outbox.post({ type: 'menu', command: 'file:save' });
    expect(delivered).toEqual([]);
    expect(outbox.isReady).toBe(false);
    outbox.ready();
    expect(outbox.isReady).toBe(true);
    expect(delivered).toEqual([
      { type: 'open-file', path: '/a.carve' },
      { type: 'menu', command: 'file:save' },
    ]);
    outbox.post({ type: 'close-requested' });
    expect(delivered).toHaveLength(3);
  });

  it('queues again while the page reloads', () => {
    const delivered: unknown[] = [];
    const outbox = createHostEventOutbox((event) => delivered.push(event));
    outbox.ready();
    outbox.reset();
    outbox.post({ type: 'menu', command: 'file:new' });
    expect(delivered).toEqual([]);
    outbox.ready();
    expect(delivered).toEqual([{ type: 'menu', command: 'file:new' }]);
  });
});

describe('window bounds', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };

  it('restores bounds that are still on a screen', () => {
    expect(restoreBounds({ x: 100, y: 80, width: 1000, height: 700 }, [screen])).toEqual({ x: 100, y: 80, width: 1000, height: 700 });
  });

  it('centres a default size when the saved place is off every screen (monitor unplugged)', () => {
    expect(restoreBounds({ x: 2500, y: 100, width: 1000, height: 700 }, [screen])).toEqual({ width: 1280, height: 800 });
    expect(restoreBounds({ x: 100, y: -500, width: 1000, height: 700 }, [screen])).toEqual({ width: 1280, height: 800 });
    expect(restoreBounds(null, [screen])).toEqual({ width: 1280, height: 800 });
  });

  it('never opens smaller than the minimum size', () => {
    const restored = restoreBounds({ x: 10, y: 10, width: 5, height: 5 }, [screen]);
    expect(restored).toMatchObject({ width: MIN_SIZE.width, height: MIN_SIZE.height });
  });
});

describe('after-effects of API calls', () => {
  const handlers = {
    'prefs:set': async ({ theme }: { theme: string }) => ({ theme }),
    'project:open': async () => {
      throw new Error('gone');
    },
  } as unknown as Handlers;

  it('runs the effect with the value after a successful call', async () => {
    const seen: unknown[] = [];
    const wrapped = withAfterEffects(handlers, { 'prefs:set': (value) => seen.push(value.theme) });
    await expect(wrapped['prefs:set']({ theme: 'dark' })).resolves.toEqual({ theme: 'dark' });
    expect(seen).toEqual(['dark']);
  });

  it('runs no effect when the call fails, and an effect that throws never fails the call', async () => {
    const seen: unknown[] = [];
    const errors: unknown[] = [];
    const wrapped = withAfterEffects(
      handlers,
      {
        'project:open': () => seen.push('opened'),
        'prefs:set': () => {
          throw new Error('menu broke');
        },
      },
      (method) => errors.push(method),
    );
    await expect(wrapped['project:open']({ path: '/x.carve' })).rejects.toThrow('gone');
    expect(seen).toEqual([]);
    await expect(wrapped['prefs:set']({ theme: 'light' })).resolves.toEqual({ theme: 'light' });
    expect(errors).toEqual(['prefs:set']);
  });
});

describe('the preload bridge contract', () => {
  it('lists every API method exactly once', () => {
    expect([...BRIDGE_METHODS].sort()).toEqual([...METHODS].sort());
  });

  it('names each bridge function as bridgeName does, at the type level too', () => {
    const open: BridgeName<'project:open'> = 'projectOpen';
    const saveAs: BridgeName<'file:save-as'> = 'fileSaveAs';
    expect([bridgeName('project:open'), bridgeName('file:save-as' as never)]).toEqual([open, saveAs]);
    type HasOpen = PreloadBridge['projectOpen'];
    const check: HasOpen extends (...args: never[]) => Promise<unknown> ? true : false = true;
    expect(check).toBe(true);
  });
});
