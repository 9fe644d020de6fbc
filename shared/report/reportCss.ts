// The report's one stylesheet, inlined in the document. Print first: A4 with the margins of the print spec
// (main/services/export/printSpec.ts passes them to Chromium, so @page sets no size that would override them),
// a new page before each top-level section, headings kept with what follows, table rows never split.
// System fonts only: no remote or embedded font files.

export const REPORT_CSS = `
:root { --ink: #0f172a; --muted: #475569; --faint: #94a3b8; --line: #e2e8f0; --panel: #f8fafc; --accent: #2563eb; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); font: 10.5pt/1.45 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 180mm; margin: 0 auto; }
h1, h2, h3 { line-height: 1.2; break-after: avoid; page-break-after: avoid; break-inside: avoid; }
h1 { font-size: 20pt; margin: 0 0 4mm; letter-spacing: -0.01em; }
h2 { font-size: 13.5pt; margin: 7mm 0 2.5mm; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; }
p { margin: 0 0 2.5mm; orphans: 3; widows: 3; }
a { color: inherit; text-decoration: none; }
section.page { break-before: page; page-break-before: always; }
.eyebrow { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin-bottom: 1.5mm; }
.muted { color: var(--muted); }
.small { font-size: 9pt; }
.keep { break-inside: avoid; page-break-inside: avoid; }
/* Keep a heading with the first lines of what follows it. */
.block { break-inside: avoid-page; }

/* Cover */
.cover { height: 250mm; display: flex; flex-direction: column; justify-content: space-between; padding-top: 28mm; }
.cover .brand { font-size: 10pt; letter-spacing: 0.2em; text-transform: uppercase; color: var(--accent); font-weight: 700; }
.cover h1 { font-size: 34pt; margin: 6mm 0 3mm; }
.cover .subtitle { font-size: 16pt; color: var(--muted); }
.cover .description { margin-top: 10mm; font-size: 11pt; max-width: 150mm; color: #334155; }
.cover dl { display: grid; grid-template-columns: 36mm 1fr; gap: 2mm 6mm; font-size: 10.5pt; border-top: 2px solid var(--ink); padding-top: 5mm; margin: 0; }
.cover dt { color: var(--muted); }
.cover dd { margin: 0; font-weight: 600; }

/* Contents */
ol.toc { list-style: none; padding: 0; margin: 0; }
ol.toc li { display: flex; align-items: baseline; gap: 2mm; padding: 1.6mm 0; border-bottom: 1px solid var(--line); }
ol.toc li.sub { padding-left: 8mm; font-size: 9.5pt; border-bottom-style: dotted; }
ol.toc .label { flex: 1; }
ol.toc .page-number { font-variant-numeric: tabular-nums; color: var(--muted); min-width: 8mm; text-align: right; }
/* Written into the PDF in their place (reportHtml.ts PAGE_NUMBER_PLACEHOLDER_RGB): a colour nothing else uses. */
ol.toc .page-number.placeholder { color: #475567; }

/* Summary */
.stats { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 4mm 0 6mm; }
.stat { border: 1px solid var(--line); border-radius: 2mm; padding: 3mm 4mm; background: var(--panel); break-inside: avoid; }
.stat .value { font-size: 18pt; font-weight: 700; line-height: 1.1; }
.stat .label { font-size: 8.5pt; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; }
ul.risks { padding-left: 5mm; margin: 0 0 3mm; }
ul.risks li { margin-bottom: 1.5mm; break-inside: avoid; }
ul.sentences { padding-left: 5mm; margin: 0 0 3mm; }
ul.sentences li { margin-bottom: 1.8mm; break-inside: avoid; }
.callout { border-left: 3px solid #d97706; background: #fffbeb; padding: 2.5mm 4mm; margin: 3mm 0; break-inside: avoid; }

/* Tables */
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 1.5px solid var(--ink); padding: 1.5mm 2mm; font-size: 8.5pt; text-transform: uppercase; letter-spacing: 0.03em; }
td { border-bottom: 1px solid var(--line); padding: 1.6mm 2mm; vertical-align: top; overflow-wrap: anywhere; }
td.phase-name { min-width: 34mm; }
td.dates { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td .names { color: var(--muted); font-size: 8.5pt; }
table.appendix td.module-list { font-size: 8.5pt; }
table.routes th:nth-child(1) { width: 34mm; }
table.routes td:nth-child(n + 2) { font-size: 8.5pt; color: var(--muted); }
table.ownership th:nth-child(1) { width: 32mm; }
table.ownership th:nth-child(2) { width: 13mm; }
table.ownership th:nth-child(3) { width: 24mm; }
table.ownership th:nth-child(5) { width: 52mm; }
table.services th:nth-child(1) { width: 36mm; }
table.services th:nth-child(2) { width: 13mm; }
table.services td:nth-child(4) { white-space: nowrap; }
table.ownership { font-size: 8.5pt; }
table.ownership td { overflow-wrap: break-word; padding: 1.2mm 1.5mm; }
.tag { display: inline-block; border-radius: 1mm; padding: 0 1.5mm; font-size: 8pt; font-weight: 600; color: #fff; white-space: nowrap; }
.tag.pinned { background: #e2e8f0; color: #334155; }

/* Phases */
.phase-head { border-left: 5px solid var(--phase, var(--accent)); padding-left: 4mm; margin-bottom: 4mm; }
.facts { display: flex; flex-wrap: wrap; gap: 2mm 6mm; font-size: 9.5pt; color: var(--muted); margin-bottom: 2mm; }
.facts b { color: var(--ink); }
/* Compact: at 200 services the cards are most of the report's pages. */
.service-card { border-top: 1px solid var(--line); padding: 1.8mm 0 1.2mm; break-inside: avoid; page-break-inside: avoid; }
.service-card .card-head { display: flex; align-items: baseline; gap: 3mm; margin: 0 0 0.6mm; }
.service-card h3 { margin: 0; font-size: 10.5pt; }
.service-card .effort { margin-left: auto; color: var(--muted); font-size: 9pt; white-space: nowrap; }
.service-card .line { font-size: 8.8pt; line-height: 1.35; margin-bottom: 0.5mm; }
.service-card .line b { color: var(--muted); font-weight: 600; }
ul.checklist { list-style: none; padding: 0; }
ul.checklist li { padding-left: 6mm; position: relative; margin-bottom: 1.2mm; break-inside: avoid; }
ul.checklist li::before { content: ""; position: absolute; left: 0; top: 1mm; width: 3mm; height: 3mm; border: 1.2px solid var(--muted); border-radius: 0.6mm; }

/* Charts */
svg { display: block; width: 100%; height: auto; }
svg.architecture { max-height: 215mm; margin: 2mm 0 4mm; }
.tile-page { break-before: page; page-break-before: always; }
svg.architecture.tile { max-height: 235mm; margin: 0; }
/* A phase's drawing: at most a page under its heading; tiles of a large one, a page each. */
svg.architecture.after-phase { max-height: 165mm; margin: 2mm 0 4mm; }
svg.architecture.after-phase.tile { max-height: 225mm; margin: 0; }
h2.new-page { break-before: page; page-break-before: always; }
svg text { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
svg .node-name { font-size: 15px; font-weight: 700; fill: #0f172a; }
svg .node-detail { font-size: 12.5px; fill: #475569; }
svg .edge-label text { font-size: 11px; font-weight: 600; }
svg text.legend { font-size: 12px; fill: #334155; }
svg.timeline { margin: 4mm 0 6mm; }
svg.timeline .tick { stroke: #e2e8f0; stroke-width: 1; }
svg.timeline .tick.start { stroke: #94a3b8; }
svg.timeline .axis { font-size: 10px; fill: #64748b; }
svg.timeline .row-label { font-size: 11.5px; fill: #0f172a; font-weight: 600; }
svg.timeline .bar-label { font-size: 10.5px; fill: #ffffff; font-weight: 600; }
svg.timeline .bar-label.outside { fill: #334155; }
.formula { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 9pt; background: var(--panel); border: 1px solid var(--line); border-radius: 2mm; padding: 3mm 4mm; white-space: pre-wrap; break-inside: avoid; }

@media screen {
  body { background: #e2e8f0; }
  main { background: #fff; padding: 16mm; margin: 8mm auto; box-shadow: 0 1px 4px rgba(15, 23, 42, 0.15); }
  /* Sections out of view are not laid out on screen: loading a 200-service report for print took 2.8 s of
     Chromium's CPU, 1.2 s with this. Print lays out everything whatever this says. */
  section.page { border-top: 1px dashed var(--faint); margin-top: 12mm; padding-top: 10mm; content-visibility: auto; contain-intrinsic-size: auto 250mm; }
}
`;

/**
 * A CSS string literal of any text: every character but letters, digits, spaces and . , ! ? ' _ - as a hex
 * escape, so no quote, backslash, `<`, `@import`, `url(` or `https:` survives into the stylesheet.
 */
const cssString = (text: string) => `"${text.replace(/[^A-Za-z0-9 .,!?'_-]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;

/** Long titles are cut so that the header stays on one line beside nothing else. */
const HEADER_CHARS = 110;

/**
 * The header and footer of every printed page, as CSS page-margin boxes that Chromium lays out with the pages:
 * the document's title at the top, "Made with Carve" and "Page N of M" at the bottom. Chromium's own header and
 * footer templates (displayHeaderFooter) are a separate small document printed for each page: about 10 ms of
 * its CPU a page, 1.7 s for a 178-page report, against about 0.4 s for these boxes.
 */
export function pageMarginCss(title: string): string {
  const text = title.length > HEADER_CHARS ? `${title.slice(0, HEADER_CHARS - 1)}…` : title;
  const box = 'font: 8px Helvetica, Arial, "Liberation Sans", sans-serif; color: #667085;';
  return (
    `@page { @top-left { content: ${cssString(text)}; ${box} } ` +
    `@bottom-left { content: "Made with Carve"; ${box} } ` +
    `@bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} } }`
  );
}
