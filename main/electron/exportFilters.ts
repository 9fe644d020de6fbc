import type { ExportFormat } from '../../shared/api/contract';

// The file type of each export format, for the native save dialog (pure: no electron import).

export const EXPORT_FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF document', extensions: ['pdf'] },
  html: { name: 'HTML page', extensions: ['html'] },
  md: { name: 'Markdown', extensions: ['md'] },
  csv: { name: 'CSV table', extensions: ['csv'] },
  mermaid: { name: 'Mermaid diagram', extensions: ['mmd'] },
  json: { name: 'JSON', extensions: ['json'] },
};

/** The path with the format's extension (Linux save dialogs do not always add it). */
export function withExtension(filePath: string, format: ExportFormat): string {
  const extension = `.${EXPORT_FILTERS[format].extensions[0]}`;
  return filePath.toLowerCase().endsWith(extension) ? filePath : `${filePath}${extension}`;
}
