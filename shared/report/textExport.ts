import type { ExportFormat } from '../api/contract';
import type { Project } from '../model/project';
import { summarizePlan } from '../planning/summary';
import type { Plan } from '../planning/types';
import { renderCsv } from './csv';
import { renderMarkdown } from './markdown';
import { renderMermaid } from './mermaid';
import { renderReportHtml, type ReportOptions } from './reportHtml';

/** The text of every export format but the PDF (which prints the HTML report). */
export function renderTextExport(project: Project, plan: Plan, format: Exclude<ExportFormat, 'pdf'>, options: ReportOptions): string {
  switch (format) {
    case 'html':
      return renderReportHtml(project, plan, options);
    case 'md':
      return renderMarkdown(project, plan, options);
    case 'csv':
      return renderCsv(project, plan);
    case 'mermaid':
      return renderMermaid(project, plan);
    case 'json':
      return `${JSON.stringify(summarizePlan(plan), null, 2)}\n`;
  }
}
