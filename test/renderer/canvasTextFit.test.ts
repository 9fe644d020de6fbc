import { afterEach, describe, expect, it, vi } from 'vitest';

// textFit.ts: a node's line is cut with an ellipsis (a clip in the compositor) only when it does not fit.
// Node has no canvas: a fake OffscreenCanvas measures 7 px a character in 13 px type, scaled by size.

const fonts: string[] = [];
class FakeOffscreenCanvas {
  getContext() {
    const context = {
      font: '',
      measureText: (text: string) => {
        fonts.push(context.font);
        const size = Number(/(\d+)px/.exec(context.font)![1]);
        return { width: (text.length * 7 * size) / 13 };
      },
    };
    return context;
  }
}

async function freshTextFit(withCanvas: boolean) {
  vi.resetModules();
  fonts.length = 0;
  vi.stubGlobal('document', { body: {} });
  vi.stubGlobal('getComputedStyle', () => ({ fontFamily: 'Test Sans' }));
  if (withCanvas) vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
  return import('../../renderer/features/canvas/textFit');
}

afterEach(() => vi.unstubAllGlobals());

describe('fitsOneLine', () => {
  it('keeps room for the slack: a text fits only when its width and 4 px fit', async () => {
    const { fitsOneLine } = await freshTextFit(true);
    expect(fitsOneLine('abcdefghij', 600, 13, 74)).toBe(true); // 70 px + 4
    expect(fitsOneLine('abcdefghij', 600, 13, 73)).toBe(false);
    expect(fitsOneLine('abcdefghij', 400, 26, 144)).toBe(true); // 140 px at twice the size
    expect(fitsOneLine('abcdefghij', 400, 26, 143)).toBe(false);
    expect(fonts).toContain('600 13px Test Sans');
  });

  it('measures a text in one font once', async () => {
    const { textWidth } = await freshTextFit(true);
    expect(textWidth('Orders', 600, 13)).toBe(42);
    expect(textWidth('Orders', 600, 13)).toBe(42);
    expect(textWidth('Orders', 400, 13)).toBe(42);
    expect(fonts).toEqual(['600 13px Test Sans', '400 13px Test Sans']);
  });

  it('cuts every line when nothing can measure it (as before this change)', async () => {
    const { fitsOneLine, lineClass, textWidth } = await freshTextFit(false);
    expect(textWidth('a', 600, 13)).toBeNull();
    expect(fitsOneLine('a', 600, 13, 1000)).toBe(false);
    expect(lineClass('canvas-node-name', false)).toBe('canvas-node-name is-cut');
    expect(lineClass('canvas-node-name', true)).toBe('canvas-node-name');
  });
});
