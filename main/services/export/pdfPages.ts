// Reading back what Chromium printed: the number of pages, and the page each named destination (a heading the
// contents links to) landed on. Chromium's PDF writer (Skia), in Playwright and in Electron alike, writes its
// objects as plain text (no object streams), so a small scan of "N 0 obj ... endobj" finds the catalog, the
// page tree and the /Dests dictionary.

export interface PdfObjects {
  /** Object number -> the text of its dictionary (without a stream's bytes). */
  byNumber: Map<number, string>;
  /** Object number -> where its stream's bytes start and end in the text, when its /Length is direct. */
  streams: Map<number, { start: number; end: number }>;
}

/** The objects of a PDF read as latin1 text (the last definition of a number wins, as in an incremental update). */
export function scanObjects(text: string): PdfObjects {
  const byNumber = new Map<number, string>();
  const streams = new Map<number, { start: number; end: number }>();
  const header = /(\d+) \d+ obj\b/g;
  // The next "stream" at or after a position, found again only once the scan has passed it: searching afresh
  // for each object would read to the end of the file for every object after the last stream (a tagged PDF
  // ends with thousands of structure elements), quadratic on a 200-page report.
  let nextStream = -2;
  const streamFrom = (position: number) => {
    if (nextStream !== -1 && nextStream < position) nextStream = text.indexOf('stream', position);
    return nextStream;
  };
  let match: RegExpExecArray | null;
  while ((match = header.exec(text)) !== null) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    if (end === -1) break;
    const stream = streamFrom(start);
    if (stream !== -1 && stream < end) {
      const dictionary = text.slice(start, stream);
      byNumber.set(Number(match[1]), dictionary);
      // Skip the stream's bytes: a direct /Length jumps over them, else look for the end marker.
      const length = /\/Length (\d+)(?!\s+\d+\s+R)/.exec(dictionary);
      if (length) {
        const start = stream + 6 + (text.startsWith('\r\n', stream + 6) ? 2 : 1);
        streams.set(Number(match[1]), { start, end: start + Number(length[1]) });
      }
      const after = length ? stream + 6 + Number(length[1]) : text.indexOf('endstream', stream);
      header.lastIndex = Math.max(after, stream + 6);
      continue;
    }
    byNumber.set(Number(match[1]), text.slice(start, end));
    header.lastIndex = end;
  }
  return { byNumber, streams };
}

export const refOf = (dictionary: string | undefined, key: string): number | null => {
  const match = dictionary === undefined ? null : new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dictionary);
  return match ? Number(match[1]) : null;
};

function catalogOf(objects: PdfObjects): string | undefined {
  for (const dictionary of objects.byNumber.values()) if (/\/Type\s*\/Catalog\b/.test(dictionary)) return dictionary;
  return undefined;
}

/** Page object numbers in reading order, from the catalog's page tree. */
export function pageOrder(objects: PdfObjects): number[] {
  const root = refOf(catalogOf(objects), 'Pages');
  const pages: number[] = [];
  const seen = new Set<number>();
  const visit = (number: number) => {
    if (seen.has(number)) return;
    seen.add(number);
    const dictionary = objects.byNumber.get(number);
    if (dictionary === undefined) return;
    if (/\/Type\s*\/Page(?![A-Za-z])/.test(dictionary)) {
      pages.push(number);
      return;
    }
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dictionary);
    for (const kid of kids?.[1]?.matchAll(/(\d+)\s+\d+\s+R/g) ?? []) visit(Number(kid[1]));
  };
  if (root !== null) visit(root);
  return pages;
}

export const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** How many pages the PDF has: the leaves of its page tree, else the page objects counted. */
export function countPdfPages(bytes: Uint8Array): number {
  const text = latin1(bytes);
  const pages = pageOrder(scanObjects(text)).length;
  if (pages > 0) return pages;
  return [...text.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)].length;
}

/**
 * The page (1-based) of each named destination in the catalog's /Dests: the headings that internal links point
 * at. Names that cannot be resolved are left out.
 */
export function readPdfDestinations(bytes: Uint8Array): Map<string, number> {
  const objects = scanObjects(latin1(bytes));
  const catalog = catalogOf(objects);
  const result = new Map<string, number>();
  const destsRef = refOf(catalog, 'Dests');
  const dests = destsRef === null ? /\/Dests\s*<<([\s\S]*?)>>/.exec(catalog ?? '')?.[1] : objects.byNumber.get(destsRef);
  if (dests === undefined) return result;
  const pageIndex = new Map(pageOrder(objects).map((number, index) => [number, index + 1]));
  for (const entry of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+\d+\s+R/g)) {
    const page = pageIndex.get(Number(entry[2]));
    const name = entry[1]!.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (page !== undefined) result.set(name, page);
  }
  return result;
}
