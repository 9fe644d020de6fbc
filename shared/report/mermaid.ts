import { buildServiceGraph } from '../analysis/serviceGraph';
import { LINK_STYLE_LABELS } from '../catalog/runtimes';
import { MONOLITH_NODE_ID, type Project } from '../model/project';
import { phaseTitle } from '../planning/phaseNames';
import type { Plan } from '../planning/types';
import { buildReportModel } from './reportModel';

// The target graph as a Mermaid flowchart: the monolith and the services (grouped by phase), module
// dependencies as solid arrows with their weight, planned links as dotted arrows with their style.
// Node ids are generated (m, s1, s2 ...), never taken from the project; labels are quoted with Mermaid's
// entity codes for the characters that would end or break them.

/** A label safe inside ["..."] and |"..."|: quotes, brackets, pipes, angle brackets and newlines become codes. */
export function mermaidLabel(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[#"<>[\]{}()|;`&\\]/g, (c) => `#${c.charCodeAt(0)};`);
}

export function renderMermaid(project: Project, plan: Plan): string {
  const model = buildReportModel(project, plan);
  const ids = new Map<string, string>([[MONOLITH_NODE_ID, 'm']]);
  project.services.forEach((service, i) => ids.set(service.id, `s${i + 1}`));
  const lines = ['flowchart LR', `  m[("${mermaidLabel(project.monolith.name)} (monolith)")]`];
  for (const phase of plan.phases) {
    if (phase.services.length === 0) continue;
    lines.push(`  subgraph p${phase.index}["${mermaidLabel(phaseTitle(phase))}"]`);
    for (const service of phase.services) {
      const facts = model.byServiceId.get(service.id)!;
      lines.push(`    ${ids.get(service.id)}["${mermaidLabel(service.name)}<br/>${mermaidLabel(facts.frameworkName)}"]`);
    }
    lines.push('  end');
  }
  for (const edge of buildServiceGraph(project).edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (from && to) lines.push(`  ${from} -->|"${edge.weight}"| ${to}`);
  }
  for (const link of project.links) {
    const from = ids.get(link.from);
    const to = ids.get(link.to);
    if (from && to) lines.push(`  ${from} -.->|"${mermaidLabel(link.label || LINK_STYLE_LABELS[link.style])}"| ${to}`);
  }
  return `${lines.join('\n')}\n`;
}
