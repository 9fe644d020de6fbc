import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserRouter } from './browserHost';
import { compareScenarios } from '../../shared/analysis/compareScenarios';
import type { ScenarioComparisonResult } from '../../shared/api/contract';
import { type Router } from '../../shared/api/router';
import { loadProject } from '../../shared/format/load';
import { day, isolateHistoryCache, makeRepo } from './historyRepo';

// scenarios:compare through the router of the browser host, on a real workspace folder and a real git repository.

const v2 = loadProject(readFileSync(new URL('../fixtures/format/v2.carve', import.meta.url)));

let root: string;
let restoreCache: () => void;
beforeEach(async () => {
  root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-scenarios-api-')));
  restoreCache = isolateHistoryCache(root);
});
afterEach(async () => {
  restoreCache();
  await fs.rm(root, { recursive: true, force: true });
});

function browser(): Router {
  return browserRouter(root, path.join(root, '.user-data'));
}

async function call(method: string, payload: unknown) {
  return browser()(method, payload);
}

describe('scenarios:compare', () => {
  it('compares the scenarios of a project payload, as compareScenarios does', async () => {
    const result = await call('scenarios:compare', { project: v2 });
    expect(result).toEqual({ ok: true, value: { ...compareScenarios(v2), historyNote: null } });
  });

  it('backtests on the history of a folder of the workspace after historyUntil', async () => {
    const files = (...modules: string[]) => modules.map((m) => `bookshop/${m}/views.py`);
    makeRepo(path.join(root, 'src'), [
      { files: files('catalog', 'payments'), author: 'Ann', time: day('2024-01-10') },
      { files: files('payments', 'accounts'), author: 'Ann', time: day('2025-03-01') }, // crosses in "Payments first" only
      { files: files('orders'), author: 'Bob', time: day('2025-03-02') },
    ]);
    const result = await call('scenarios:compare', { project: v2, historyDir: 'src', historyUntil: '2025-01-01' });
    expect(result.ok).toBe(true);
    const value = (result as { value: ScenarioComparisonResult }).value;
    expect(value.historyNote).toMatch(/^history: read 3 commits/);
    expect(value.history).toEqual({ cutoff: '2025-01-02', commitsAfter: 2 });
    expect(value.scenarios.map((s) => [s.id, s.backtest?.crossing, s.backtest?.share])).toEqual([
      ['payments-first', 1, 0.5],
      ['big-store', 0, 0],
    ]);
  });

  it('refuses a bad project, a folder outside the workspace or missing, and a date that is no day, in one line', async () => {
    const bad = await call('scenarios:compare', { project: { ...v2, otherScenarios: [{ ...v2.otherScenarios[0], id: v2.scenario.id }] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!bad.ok && bad.error.message).toMatch(/two scenarios have the id "payments-first" \(at project\.otherScenarios\[0\]\.id\)/);
    expect(await call('scenarios:compare', { project: v2, historyDir: '../..' })).toMatchObject({
      ok: false,
      error: { code: 'outside-workspace' },
    });
    expect(await call('scenarios:compare', { project: v2, historyDir: 'nowhere' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'nowhere is not a folder' },
    });
    expect(await call('scenarios:compare', { project: v2, historyDir: '.', historyUntil: '2025-02-30' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await call('scenarios:compare', { project: v2, historyUntil: 'soon' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    for (const result of [bad, await call('scenarios:compare', { project: v2, historyDir: 'nowhere' })]) {
      expect(!result.ok && result.error.message).not.toMatch(/[\n\r]|^\[/);
    }
  });
});
