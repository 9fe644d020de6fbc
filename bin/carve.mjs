#!/usr/bin/env node
// The carve command: runs the CLI built by `npm run build` (out/main/cli.js).
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('Carve is not built yet: run npm run build\n');
  process.exit(1);
}
const { main } = await import(cli.href);
await main(process.argv.slice(2));
