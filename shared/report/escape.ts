// Escaping for the report: every piece of project text is hostile input (a service named
// `</script><img onerror=...>` must come out as text). Used for element text, attribute values and SVG text alike.

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text safe inside an element or a quoted attribute. Control characters (not tab or newline) are dropped. */
export function escapeHtml(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"'`]/g, (c) => HTML_ENTITIES[c]!);
}

/** Shortens text to `max` characters with an ellipsis (before escaping). */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** An id for an HTML element made from an index: never from project text. */
export const anchorId = (prefix: string, index: number): string => `${prefix}-${index}`;

/** "12,400": the same separator whatever the machine's locale. */
export function formatNumber(value: number, digits = 0): string {
  const fixed = value.toFixed(digits);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined || /^0+$/.test(fraction) ? grouped : `${grouped}.${fraction.replace(/0+$/, '')}`;
}
