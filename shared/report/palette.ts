import type { LinkStyle } from '../model/project';

// Colours of the report, shared by its SVG charts and its CSS: one per phase (cycling), one per link style.

const PHASE_COLOURS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#db2777', '#0891b2', '#65a30d', '#dc2626', '#4f46e5', '#0d9488'];

/** Foundations (phase 0) is slate; later phases cycle through the palette. */
export function phaseColour(index: number): string {
  return index === 0 ? '#475569' : PHASE_COLOURS[(index - 1) % PHASE_COLOURS.length]!;
}

export const LINK_STROKES: Readonly<Record<LinkStyle, { colour: string; dash: string }>> = {
  rest: { colour: '#0f766e', dash: '' },
  grpc: { colour: '#7c3aed', dash: '10 4 2 4' },
  events: { colour: '#c2410c', dash: '7 5' },
  'shared-db': { colour: '#b91c1c', dash: '2 4' },
};

export const DEPENDENCY_COLOUR = '#94a3b8';

/** `hex` (#rrggbb) mixed with white, `amount` of the colour kept: an opaque tint that hides what is under it. */
export function tint(hex: string, amount: number): string {
  const channel = (i: number) => Math.round(255 - (255 - parseInt(hex.slice(i, i + 2), 16)) * amount);
  return `#${[1, 3, 5].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}
