import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LOADERS, loadCommands } from '../../main/cli/run';

// The command table is lazy (main/cli/run.ts): a command loads its own file and what that file imports, never
// the others'. Checked in real processes of carve (through tsx, from the checkout) that record every module
// they load with a module hook.

const run = promisify(execFile);
const repo = path.resolve(__dirname, '../..');

let dir: string;
let hooks: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-lazy-'));
  // A resolve hook that appends each resolved URL to $CARVE_LOADED, and the file that registers it.
  await fs.writeFile(
    path.join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.CARVE_LOADED, result.url + '\\n');
  return result;
}
`,
  );
  hooks = path.join(dir, 'register.mjs');
  await fs.writeFile(
    hooks,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`,
  );
  await fs.mkdir(path.join(dir, 'shop/orders'), { recursive: true });
  await fs.writeFile(path.join(dir, 'shop/__init__.py'), '');
  await fs.writeFile(path.join(dir, 'shop/orders/__init__.py'), 'from shop.billing import pay\n');
  await fs.mkdir(path.join(dir, 'shop/billing'));
  await fs.writeFile(path.join(dir, 'shop/billing/__init__.py'), 'def pay():\n    return 1\n');
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The modules (as repository paths or package names) that one run of carve loaded, and its exit code. */
async function loadedBy(...argv: string[]): Promise<{ code: number; modules: string[] }> {
  const log = path.join(dir, `loaded-${argv[0]}.txt`);
  await fs.writeFile(log, '');
  const args = ['--import', 'tsx', '--import', pathToFileURL(hooks).href, path.join(repo, 'main/cli/index.ts'), ...argv];
  // From the checkout, where --import tsx resolves.
  const code = await run(process.execPath, args, { cwd: repo, env: { ...process.env, CARVE_LOADED: log } }).then(
    () => 0,
    (error: { code: number }) => error.code,
  );
  const urls = (await fs.readFile(log, 'utf8')).split('\n').filter(Boolean);
  const modules = urls.map((url) => {
    const nm = url.lastIndexOf('/node_modules/');
    if (nm >= 0) return url.slice(nm + '/node_modules/'.length).split('/')[0]!;
    return url.startsWith('file:') ? path.relative(repo, new URL(url).pathname) : url;
  });
  return { code, modules: [...new Set(modules)] };
}

describe('the lazy command table', () => {
  it('names each command by the name its file gives it, and loads every one for --help', async () => {
    const commands = await loadCommands();
    expect(commands.map((command) => command.name)).toEqual(Object.keys(COMMAND_LOADERS));
    for (const command of commands) expect(typeof command.run).toBe('function');
  });

  it('--version loads no command file, not graphology and not zod', async () => {
    const { code, modules } = await loadedBy('--version');
    expect(code).toBe(0);
    expect(modules).toContain('main/cli/run.ts');
    expect(modules.filter((m) => m.startsWith('main/cli/commands/'))).toEqual([]);
    expect(modules).not.toContain('graphology');
    expect(modules).not.toContain('zod');
  });

  it('import-python loads its own command file only, and not graphology, the report or the browser host', async () => {
    const { code, modules } = await loadedBy('import-python', path.join(dir, 'shop'), '--out', path.join(dir, 'shop.carve'));
    expect(code).toBe(0);
    expect(modules.filter((m) => m.startsWith('main/cli/commands/'))).toEqual(['main/cli/commands/importPython.ts']);
    expect(modules).toContain('main/services/python/importPython.ts');
    expect(modules).not.toContain('graphology');
    expect(modules.filter((m) => m.startsWith('shared/report/') || m.startsWith('main/server/'))).toEqual([]);
    await expect(fs.stat(path.join(dir, 'shop.carve'))).resolves.toBeTruthy();
  });
});
