import { afterEach, describe, expect, it } from 'vitest';
import type { CarveApi } from '../../shared/api/client';
import { METHODS, type AppInfo } from '../../shared/api/contract';
import {
  closeImportDialog,
  openImportDialog,
  setImportDir,
  setImportFollowLinksOut,
  startImport,
} from '../../renderer/features/importer/importActions';
import { setBridge } from '../../renderer/platform/bridge';
import { installBridge } from './fakeHost';
import { uiStore } from '../../renderer/state/uiStore';

// Item 3 of issue 10: following links out of the imported folder is asked for only by the desktop app, and only
// when the person ticked it; the browser host's requests never carry it.

const info = (host: AppInfo['host']): AppInfo => ({
  version: '0',
  host,
  workspace: host === 'browser' ? '/w' : null,
  hasNativeDialogs: host === 'electron',
  userDataDir: '/u',
});

/** An API that records import:start requests and refuses them (the flow then stops in the dialog). */
function recording(): { api: CarveApi; starts: unknown[] } {
  const starts: unknown[] = [];
  const api = Object.fromEntries(
    METHODS.map((method) => [
      method,
      async (request: unknown) => {
        if (method === 'import:start') starts.push(request);
        return { ok: false, error: { code: 'unsupported', message: 'recorded' } };
      },
    ]),
  ) as unknown as CarveApi;
  return { api, starts };
}

afterEach(() => {
  closeImportDialog();
  setBridge(null);
  uiStore.setState({ info: null });
});

async function startWith(host: AppInfo['host'], follow: boolean): Promise<unknown> {
  const { api, starts } = recording();
  installBridge(api);
  uiStore.setState({ info: info(host) });
  openImportDialog();
  setImportDir('src');
  setImportFollowLinksOut(follow);
  await startImport(async () => true);
  closeImportDialog();
  return starts[0];
}

describe('following links out of the folder', () => {
  it('is asked for by the desktop app when ticked, and not otherwise', async () => {
    expect(await startWith('electron', true)).toMatchObject({ dir: 'src', followLinksOut: true });
    expect(await startWith('electron', false)).not.toHaveProperty('followLinksOut');
  });

  it('is never asked for by the browser host, ticked or not', async () => {
    expect(await startWith('browser', true)).not.toHaveProperty('followLinksOut');
  });
});
