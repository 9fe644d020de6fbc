import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for the three hosts: the Electron glue and the CLI (which also runs the browser host) share
// out/main; the preload is one CommonJS file (a sandboxed preload cannot be an ES module); the renderer is
// a static app served by the app:// protocol in Electron and by the browser host over http.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: 'main/electron/index.ts',
          cli: 'main/cli/index.ts',
          // The Python importer's worker threads load this file next to the entry that starts them.
          pythonScanWorker: 'main/services/python/scanWorker.ts',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { preload: 'main/preload.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rolldownOptions: { input: 'renderer/index.html' },
    },
  },
});
