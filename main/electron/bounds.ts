// Window bounds restored from preferences only where they are still visible: a monitor unplugged since the
// last session must not leave the window off screen. Pure (no electron import).

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The bounds to open the window with: the saved ones when the top strip of the window (where it is dragged
 * from) shows at least 120 by 24 pixels on some display's work area; otherwise only a size, which Electron
 * centres, no larger than the primary work area.
 */
export function restoreBounds(saved: Rect | null, workAreas: readonly Rect[]): Rect | { width: number; height: number } {
  const primary = workAreas[0];
  const fallback = {
    width: Math.max(MIN_SIZE.width, Math.min(DEFAULT_SIZE.width, primary?.width ?? DEFAULT_SIZE.width)),
    height: Math.max(MIN_SIZE.height, Math.min(DEFAULT_SIZE.height, primary?.height ?? DEFAULT_SIZE.height)),
  };
  if (!saved || !Number.isFinite(saved.x + saved.y + saved.width + saved.height)) return fallback;
  const width = Math.max(MIN_SIZE.width, Math.round(saved.width));
  const height = Math.max(MIN_SIZE.height, Math.round(saved.height));
  const titleStrip = { x: saved.x, y: saved.y, width, height: 32 };
  const visible = workAreas.some((area) => {
    const seen = overlap(titleStrip, area);
    return seen.width >= 120 && seen.height >= 24;
  });
  return visible ? { x: Math.round(saved.x), y: Math.round(saved.y), width, height } : fallback;
}
