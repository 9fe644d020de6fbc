#!/usr/bin/env node
// npm start: build when out/ is missing or older than the sources, then start the Electron app. Where
// Electron's runtime cannot be fetched (an offline machine), say so in one line and start the browser host.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const isWindows = process.platform === 'win32';

const OUTPUTS = ['out/main/index.js', 'out/main/cli.js', 'out/preload/preload.cjs', 'out/renderer/index.html'];
const SOURCES = ['main', 'shared', 'renderer', 'electron.vite.config.ts', 'package.json', 'package-lock.json'];

/** The newest modification time under `path` (files only; folders walked, node_modules skipped). */
function newestMtime(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

function needsBuild() {
  const outputs = OUTPUTS.map((file) => join(root, file));
  if (!outputs.every((file) => existsSync(file))) return true;
  const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  return Math.max(...SOURCES.map((source) => newestMtime(join(root, source)))) > oldestOutput;
}

/** Runs a command with its output captured; resolves { code, output }. */
function run(command, commandArgs, options = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], shell: isWindows, ...options });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolvePromise({ code: 1, output: output + String(error) }));
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

async function build() {
  process.stdout.write('Building Carve...\n');
  const { code, output } = await run('npx', ['electron-vite', 'build']);
  if (code !== 0) {
    process.stderr.write(output);
    process.stderr.write('Carve could not be built: see the messages above.\n');
    process.exit(1);
  }
}

/**
 * The Electron binary's path, or null when it cannot be had. `require('electron')` downloads the binary on
 * first use and throws when it cannot; it runs in a child so that the download's noise stays out of sight.
 * A slow attempt (a real download) gets one line so that the wait is explained.
 */
async function electronBinary() {
  const probe = "process.stdout.write('\\nCARVE_ELECTRON=' + require('electron') + '\\n')";
  const notice = setTimeout(() => process.stdout.write("Fetching Electron's runtime (first start only)...\n"), 3000);
  const { code, output } = await run(process.execPath, ['-e', probe], { shell: false });
  clearTimeout(notice);
  if (code !== 0) return null;
  const line = output.split('\n').find((text) => text.startsWith('CARVE_ELECTRON='));
  const binary = line?.slice('CARVE_ELECTRON='.length).trim();
  return binary && existsSync(binary) ? binary : null;
}

if (needsBuild()) await build();

const binary = await electronBinary();
if (binary) {
  const child = spawn(binary, ['.', ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  process.stdout.write("Electron's runtime could not be downloaded on this machine; starting Carve in your browser instead.\n");
  const { main } = await import(pathToFileURL(join(root, 'out/main/cli.js')).href);
  await main(['serve', ...args]);
}
