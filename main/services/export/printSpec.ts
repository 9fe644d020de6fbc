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
  /** Page margins in millimetres; the header and footer templates sit inside the top and bottom margins. */
  marginsMm: { top: number; right: number; bottom: number; left: number };
  displayHeaderFooter: boolean;
  headerTemplate: string;
  footerTemplate: string;
  printBackground: boolean;
  /** A tagged PDF: needed, with `outline`, for bookmarks made from the h1/h2 headings. */
  tagged: boolean;
  outline: boolean;
}

const MM_PER_INCH = 25.4;

// Header and footer templates are rendered by Chromium apart from the page, at a tiny default font size, with
// no page CSS: every style is inline. Chromium fills in the classes: `title` (the document's <title>, which the
// report sets to the project name, inserted as text), `pageNumber` and `totalPages`.
const templateStyle =
  'font-family: Helvetica, Arial, sans-serif; font-size: 8px; color: #667085; width: 100%; margin: 0 16mm; display: flex; justify-content: space-between;';

/** The report's print spec: A4 portrait, the document title in the header, "Page N of M" in the footer. */
export const REPORT_PRINT_SPEC: Readonly<PrintSpec> = Object.freeze({
  paper: 'A4',
  widthMm: 210,
  heightMm: 297,
  landscape: false,
  marginsMm: Object.freeze({ top: 18, right: 16, bottom: 18, left: 16 }),
  displayHeaderFooter: true,
  headerTemplate: `<div style="${templateStyle}"><span class="title"></span></div>`,
  footerTemplate: `<div style="${templateStyle}"><span>Made with Carve</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
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
  headerTemplate: string;
  footerTemplate: string;
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
    headerTemplate: spec.headerTemplate,
    footerTemplate: spec.footerTemplate,
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
  headerTemplate: string;
  footerTemplate: string;
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
    headerTemplate: spec.headerTemplate,
    footerTemplate: spec.footerTemplate,
    generateTaggedPDF: spec.tagged,
    generateDocumentOutline: spec.outline,
  };
}
