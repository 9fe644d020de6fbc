import type { PdfPrinter } from '../../main/services/export/chromiumPrinter';

/**
 * A PDF printer for export tests: each print is held until `release()`, or stopped by the export's cancel (as
 * Chromium's is); `printing` resolves when the first print has begun, `prints()` counts them.
 */
export function heldPrinter() {
  let started = () => {};
  const printing = new Promise<void>((resolve) => (started = resolve));
  let release = () => {};
  let prints = 0;
  const printer: PdfPrinter = {
    print: (_html, signal) =>
      new Promise((resolve, reject) => {
        prints++;
        started();
        release = () => resolve(new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<</Type /Page>>\nendobj\n'));
        signal?.addEventListener('abort', () => reject(new Error('browser has been closed')));
      }),
  };
  return { printer, printing, release: () => release(), prints: () => prints };
}
