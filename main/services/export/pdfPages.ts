// The number of pages of a PDF, read from its bytes: the /Count of the root page tree when the file says it,
// else the page objects counted one by one. Chromium (Skia) writes plain objects, no object streams, so both
// are visible as text.

export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let pages = 0;
  for (const _ of text.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)) pages++;
  if (pages > 0) return pages;
  // A page tree in a compressed object stream: the largest /Count of a /Pages node is the root's.
  let count = 0;
  for (const match of text.matchAll(/\/Type\s*\/Pages[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages/g)) {
    count = Math.max(count, Number(match[1] ?? match[2]));
  }
  return count;
}
