// Whether a node's one-line text fits its box without being cut, measured once per text and font.
//
// A line cut with an ellipsis needs `overflow: hidden`, and every such box is a clip node of its own, which
// Chromium's compositor takes again at each frame of a pan: 400 services after Fit spent 17.7 ms of thread time a
// frame in PaintArtifactCompositor::Update (a trace), 7.3 ms with no line cut, 13.3 ms when only the lines that do not
// fit are cut (half the names of the bench's generated design). A text that fits looks the same either way.

/** Room kept free for rounding and for the font's own side bearings. */
const SLACK_PX = 4;

let context: OffscreenCanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

/** The page's font family (the --font variable, as the nodes use it). */
let family: string | undefined;

/** The width of `text` in the node font at `weight` and `sizePx`, or null when it cannot be measured. */
export function textWidth(text: string, weight: number, sizePx: number): number | null {
  if (context === undefined) {
    // An offscreen canvas: measuring needs no element in the page (and jsdom, without one, measures nothing).
    context = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('2d');
  }
  if (!context) return null;
  family ??= getComputedStyle(document.body).fontFamily || 'sans-serif';
  const font = `${weight} ${sizePx}px ${family}`;
  const key = `${font}\n${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    context.font = font;
    width = context.measureText(text).width;
    widths.set(key, width);
  }
  return width;
}

/** True when `text`, in the node font at `weight` and `sizePx`, fits `widthPx` on one line. False when it may not,
 * or when it cannot be measured (then the line is cut with an ellipsis, as before). */
export function fitsOneLine(text: string, weight: number, sizePx: number, widthPx: number): boolean {
  const width = textWidth(text, weight, sizePx);
  return width !== null && width + SLACK_PX <= widthPx;
}

/** The class of a one-line text: cut with an ellipsis only when it does not fit. */
export const lineClass = (base: string, fits: boolean) => (fits ? base : `${base} is-cut`);
