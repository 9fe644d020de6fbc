// How the roadmap report is printed, once, for both printers: Playwright's page.pdf (the CLI and the browser
// host) and Electron's webContents.printToPDF (the app). Both call Chromium's Page.printToPDF, but their
// defaults differ (Electron ~1 cm margins in inches, Playwright none), so every setting is passed explicitly
// through the two small adapters below.

export interface PrintSpec {
  paper: 'A4';
  /** Paper size in millimetres (A4 portrait). */
  widthMm: number;
  heightMm: number;
  landscape: boolean;
  /** Page margins in millimetres; the report's header and footer (its CSS page-margin boxes) sit inside them. */
  marginsMm: { top: number; right: number; bottom: number; left: number };
  /**
   * Always false: Chromium's header and footer templates are a small document printed apart for every page
   * (about 10 ms of CPU a page). The report draws its own in the page margins (reportCss.ts pageMarginCss).
   */
  displayHeaderFooter: false;
  printBackground: boolean;
  /** A tagged PDF: needed, with `outline`, for bookmarks made from the h1/h2 headings. */
  tagged: boolean;
  outline: boolean;
}

const MM_PER_INCH = 25.4;

/** The report's print spec: A4 portrait, margins for the header and footer the report draws in them. */
export const REPORT_PRINT_SPEC: Readonly<PrintSpec> = Object.freeze({
  paper: 'A4',
  widthMm: 210,
  heightMm: 297,
  landscape: false,
  marginsMm: Object.freeze({ top: 18, right: 16, bottom: 18, left: 16 }),
  displayHeaderFooter: false,
  printBackground: true,
  tagged: true,
  outline: true,
});

/** Options for Playwright's page.pdf (a subset of its PDFOptions, margins as CSS lengths). */
export interface PlaywrightPdfOptions {
  format: string;
  landscape: boolean;
  margin: { top: string; right: string; bottom: string; left: string };
  displayHeaderFooter: boolean;
  printBackground: boolean;
  preferCSSPageSize: boolean;
  tagged: boolean;
  outline: boolean;
}

export function toPlaywrightPdfOptions(spec: PrintSpec): PlaywrightPdfOptions {
  const mm = (value: number) => `${value}mm`;
  return {
    format: spec.paper,
    landscape: spec.landscape,
    margin: {
      top: mm(spec.marginsMm.top),
      right: mm(spec.marginsMm.right),
      bottom: mm(spec.marginsMm.bottom),
      left: mm(spec.marginsMm.left),
    },
    displayHeaderFooter: spec.displayHeaderFooter,
    printBackground: spec.printBackground,
    preferCSSPageSize: false,
    tagged: spec.tagged,
    outline: spec.outline,
  };
}

/** Options for Electron 45's webContents.printToPDF: margins in inches, page size by name. */
export interface ElectronPrintOptions {
  landscape: boolean;
  displayHeaderFooter: boolean;
  printBackground: boolean;
  pageSize: PrintSpec['paper'];
  margins: { top: number; bottom: number; left: number; right: number };
  preferCSSPageSize: boolean;
  generateTaggedPDF: boolean;
  generateDocumentOutline: boolean;
}

export function toElectronPrintOptions(spec: PrintSpec): ElectronPrintOptions {
  const inches = (value: number) => Math.round((value / MM_PER_INCH) * 10_000) / 10_000;
  return {
    landscape: spec.landscape,
    displayHeaderFooter: spec.displayHeaderFooter,
    printBackground: spec.printBackground,
    pageSize: spec.paper,
    margins: {
      top: inches(spec.marginsMm.top),
      bottom: inches(spec.marginsMm.bottom),
      left: inches(spec.marginsMm.left),
      right: inches(spec.marginsMm.right),
    },
    preferCSSPageSize: false,
    generateTaggedPDF: spec.tagged,
    generateDocumentOutline: spec.outline,
  };
}
