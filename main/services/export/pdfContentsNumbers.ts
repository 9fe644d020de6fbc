import zlib from 'node:zlib';
import { PAGE_NUMBER_PLACEHOLDER, PAGE_NUMBER_PLACEHOLDER_RGB } from '../../../shared/report/reportHtml';
import { latin1, pageOrder, refOf, scanObjects, type PdfObjects } from './pdfPages';

// Writing the contents' page numbers into the printed PDF, so that the report prints once. The report prints
// with a placeholder ("000", in a colour nothing else uses) where each number goes; the numbers take no more room
// than it does, so the pages are those of a print with the numbers. Once the PDF tells where each section landed,
// each placeholder's glyphs are replaced by the number's, shifted right by the digits it lacks (the digits are
// as wide as each other: right-aligned as the page laid them out), and the contents page's stream is appended to
// the file as an incremental update: the rest of the PDF (tags, outline, links) is untouched, and the numbers
// stay in the marked content the placeholders had, so the tags read them too.
//
// This reads what Chromium's PDF writer (Skia) writes: plain-text objects, a classic cross-reference table, a
// Flate-compressed content stream per page, text as hex glyph ids of a Type0 font with a ToUnicode map. Anything
// else, and any count that does not add up, gives null: the caller then prints again with the numbers in place.

/** How many pages from the front hold the contents (the cover, then the contents; room for a long one). */
const CONTENTS_PAGES_SEARCHED = 4;

const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');

/** A PDF colour component as Skia writes it (0-1, up to 4 decimals) matches this 0-255 component. */
const sameComponent = (written: string, component: number) => Math.abs(Number(written) - component / 255) < 0.0006;

/** Unicode code point -> glyph id, and glyph id -> width, of the Type0 font `fontRef` points at. */
function fontGlyphs(
  objects: PdfObjects,
  text: string,
  fontRef: number,
): { glyphOf: Map<number, number>; widthOf: (gid: number) => number | undefined } | null {
  const font = objects.byNumber.get(fontRef);
  if (font === undefined || !/\/Subtype\s*\/Type0\b/.test(font) || !/\/Encoding\s*\/Identity-H\b/.test(font)) return null;
  const toUnicode = refOf(font, 'ToUnicode');
  const descendant = /\/DescendantFonts\s*\[\s*(\d+)\s+\d+\s+R\s*\]/.exec(font);
  const cmap = toUnicode === null ? null : inflated(objects, text, toUnicode);
  const cid = descendant ? objects.byNumber.get(Number(descendant[1])) : undefined;
  if (cmap === null || cid === undefined || !/\/CIDToGIDMap\s*\/Identity\b/.test(cid)) return null;
  const glyphOf = new Map<number, number>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const pair of block[1]!.matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>/g))
      glyphOf.set(parseInt(pair[2]!, 16), parseInt(pair[1]!, 16));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const range of block[1]!.matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>/g)) {
      const [first, last, unicode] = [parseInt(range[1]!, 16), parseInt(range[2]!, 16), parseInt(range[3]!, 16)];
      for (let gid = first; gid <= last; gid++) glyphOf.set(unicode + gid - first, gid);
    }
  // /W: "c [w1 w2 ...]" gives widths from c on, "c1 c2 w" one width for c1..c2; /DW for the rest.
  const widths = new Map<number, number>();
  const array = /\/W\s*\[([\s\S]*?)\]\s*(?:\/|>>)/.exec(cid)?.[1] ?? '';
  const tokens = [...array.matchAll(/\[|\]|[\d.]+/g)].map((token) => token[0]);
  for (let i = 0; i < tokens.length;) {
    const first = Number(tokens[i]);
    if (tokens[i + 1] === '[') {
      let gid = first;
      for (i += 2; i < tokens.length && tokens[i] !== ']'; i++) widths.set(gid++, Number(tokens[i]));
      i++;
    } else {
      for (let gid = first; gid <= Number(tokens[i + 1]); gid++) widths.set(gid, Number(tokens[i + 2]));
      i += 3;
    }
  }
  const fallback = /\/DW\s+([\d.]+)/.exec(cid);
  return { glyphOf, widthOf: (gid) => widths.get(gid) ?? (fallback ? Number(fallback[1]) : 1000) };
}

/** The bytes of a Flate-compressed stream as latin1 text, or null. */
function inflated(objects: PdfObjects, text: string, number: number): string | null {
  const dictionary = objects.byNumber.get(number);
  const span = objects.streams.get(number);
  if (dictionary === undefined || span === undefined || !/\/Filter\s*\/FlateDecode\b/.test(dictionary) || /\/DecodeParms/.test(dictionary))
    return null;
  try {
    return zlib.inflateSync(Buffer.from(text.slice(span.start, span.end), 'latin1')).toString('latin1');
  } catch {
    return null;
  }
}

/** A placeholder's text object in a page's content stream: where it is and what it says. */
interface Placeholder {
  start: number;
  end: number;
  font: string;
  size: number;
  /** The text matrix a b c d e f. */
  matrix: number[];
  glyphs: number[];
}

/** The text objects (BT ... ET) painted in the placeholders' colour, in the order the page paints them. */
function placeholdersIn(content: string): Placeholder[] {
  const [red, green, blue] = PAGE_NUMBER_PLACEHOLDER_RGB;
  const found: Placeholder[] = [];
  for (const colour of content.matchAll(/(?:^|\s)([\d.]+) ([\d.]+) ([\d.]+) rg\b/g)) {
    if (!sameComponent(colour[1]!, red) || !sameComponent(colour[2]!, green) || !sameComponent(colour[3]!, blue)) continue;
    const begin = /(?:^|\s)BT\s/g;
    begin.lastIndex = colour.index + colour[0].length;
    const opened = begin.exec(content);
    const start = opened ? opened.index + opened[0].indexOf('BT') : -1;
    const end = start === -1 ? -1 : content.indexOf('\nET', start) + 1;
    if (start === -1 || end === 0) return [];
    const body = content.slice(start + 2, end);
    const font = /\/(\S+)\s+([\d.]+)\s+Tf/.exec(body);
    const matrix = /((?:-?[\d.]+\s+){6})Tm/.exec(body);
    if (!font || !matrix) return [];
    const glyphs = [...body.matchAll(/<([0-9A-Fa-f]*)>/g)].flatMap((run) => run[1]!.match(/.{4}/g)?.map((gid) => parseInt(gid, 16)) ?? []);
    found.push({ start, end: end + 2, font: font[1]!, size: Number(font[2]), matrix: matrix[1]!.trim().split(/\s+/).map(Number), glyphs });
  }
  return found;
}

/**
 * The PDF with `numbers` (one per placeholder of the contents, in order; null leaves the entry blank) written
 * in place of the placeholders, or null when the PDF is not one this can edit safely.
 */
export function fillContentsPageNumbers(bytes: Uint8Array, numbers: readonly (number | null)[]): Uint8Array | null {
  const text = latin1(bytes);
  if (!/\n%%EOF\s*$/.test(text) || /\/Type\s*\/XRef\b/.test(text)) return null;
  const objects = scanObjects(text);
  const placeholderDigits = [...PAGE_NUMBER_PLACEHOLDER];
  for (const page of pageOrder(objects).slice(0, CONTENTS_PAGES_SEARCHED)) {
    const dictionary = objects.byNumber.get(page)!;
    const contentsRef = refOf(dictionary, 'Contents');
    const content = contentsRef === null ? null : inflated(objects, text, contentsRef);
    if (content === null) continue;
    const placeholders = placeholdersIn(content);
    if (placeholders.length === 0) continue;
    // One per entry, painted top to bottom (the contents' order), each under the one before.
    if (placeholders.length !== numbers.length) return null;
    const ys = placeholders.map((placeholder) => placeholder.matrix[5]!);
    if (!ys.every((y, i) => i === 0 || y > ys[i - 1]!) && !ys.every((y, i) => i === 0 || y < ys[i - 1]!)) return null;
    // The page's fonts by resource name, each read once (the placeholders are usually all in one font).
    const resources = fontResources(objects, dictionary);
    const fonts = new Map<string, ReturnType<typeof fontGlyphs>>();
    const fontNamed = (name: string) => {
      if (!fonts.has(name)) {
        const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const ref = new RegExp(`/${escaped}\\s+(\\d+)\\s+\\d+\\s+R`).exec(resources);
        fonts.set(name, ref ? fontGlyphs(objects, text, Number(ref[1])) : null);
      }
      return fonts.get(name)!;
    };
    let edited = '';
    let from = 0;
    for (const [i, placeholder] of placeholders.entries()) {
      const number = numbers[i]!;
      const font = fontNamed(placeholder.font);
      if (font === null) return null;
      const glyphOfDigit = (digit: string) => font.glyphOf.get(digit.codePointAt(0)!);
      const expected = placeholderDigits.map(glyphOfDigit);
      if (expected.includes(undefined) || expected.join() !== placeholder.glyphs.join()) return null;
      const digits = number === null ? [] : [...String(number)];
      if (digits.length > placeholderDigits.length) return null;
      const glyphs = digits.map(glyphOfDigit);
      if (glyphs.includes(undefined)) return null;
      // Every digit as wide as the placeholder's: the number ends where the placeholder did.
      const advance = font.widthOf(placeholder.glyphs[0]!);
      if (advance === undefined || [...placeholder.glyphs, ...(glyphs as number[])].some((gid) => font.widthOf(gid) !== advance))
        return null;
      const shift = ((placeholderDigits.length - digits.length) * advance * placeholder.size) / 1000;
      const [a, b, c, d, e, f] = placeholder.matrix as [number, number, number, number, number, number];
      const matrix = [a, b, c, d, e + a * shift, f + b * shift].map((value) => String(Math.round(value * 100_000) / 100_000)).join(' ');
      const run = glyphs.length ? `<${(glyphs as number[]).map(hex4).join('')}> Tj\n` : '';
      edited += `${content.slice(from, placeholder.start)}BT\n/${placeholder.font} ${placeholder.size} Tf\n${matrix} Tm\n${run}ET`;
      from = placeholder.end;
    }
    edited += content.slice(from);
    return appendStream(bytes, text, contentsRef!, edited);
  }
  return null;
}

/** The /Font dictionary of a page's resources (inline, or the object it refers to). */
function fontResources(objects: PdfObjects, page: string): string {
  const resourcesRef = refOf(page, 'Resources');
  const resources = resourcesRef === null ? page : (objects.byNumber.get(resourcesRef) ?? '');
  const fontRef = refOf(resources, 'Font');
  if (fontRef !== null) return objects.byNumber.get(fontRef) ?? '';
  return /\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '';
}

/** The PDF with object `number` redefined as a Flate stream of `content`, appended as an incremental update. */
function appendStream(bytes: Uint8Array, text: string, number: number, content: string): Uint8Array | null {
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!trailer) return null;
  const keep = trailer[1]!.replace(/\/Prev\s+\d+/, '').trim();
  const compressed = zlib.deflateSync(Buffer.from(content, 'latin1'));
  const separator = text.endsWith('\n') ? '' : '\n';
  const offset = bytes.byteLength + separator.length;
  const head = Buffer.from(`${separator}${number} 0 obj\n<</Filter /FlateDecode\n/Length ${compressed.byteLength}>> stream\n`, 'latin1');
  const objectEnd = '\nendstream\nendobj\n';
  const xref = offset + head.byteLength + compressed.byteLength + objectEnd.length;
  const tail =
    `${objectEnd}xref\n${number} 1\n${String(offset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<<${keep}\n/Prev ${trailer[2]}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([bytes, head, compressed, Buffer.from(tail, 'latin1')]));
}
