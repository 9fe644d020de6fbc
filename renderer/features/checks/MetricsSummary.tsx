import { useState } from 'react';
import type { DesignMetrics, MetricsDiff } from '../../../shared/analysis/metrics';
import type { Project } from '../../../shared/model/project';
import { nodeName, percent, signed } from '../../derived/analysis';

interface Props {
  project: Project;
  metrics: DesignMetrics;
  /** The change the last edit caused; null when there is no previous edit. */
  change: MetricsDiff | null;
}

/** A delta next to a figure: green when it moves the good way, red otherwise; nothing when unchanged. */
function Delta({ text, good, label }: { text: string; good: boolean; label: string }) {
  if (!text) return null;
  return (
    <span className={`panel-delta ${good ? 'is-better' : 'is-worse'}`} aria-label={`${label} changed by ${text} in the last edit`}>
      {text}
    </span>
  );
}

/** The design's metrics in a few lines, with the last edit's change; coupling per node on demand. */
export function MetricsSummary({ project, metrics, change }: Props) {
  // The table is drawn only while open: a design may have thousands of services.
  const [open, setOpen] = useState(false);
  const sm = change ? signed(change.structuralModularity, 3) : '';
  const crossing = change ? signed(change.crossingShareByWeight * 100, 1) : '';
  const nodeChange = new Map((change?.nodes ?? []).map((node) => [node.id, node]));
  return (
    <div className="panel-metrics">
      <dl className="panel-metric-row">
        <div title="Structural modularity (Mono2Micro): cohesion inside services minus coupling between them. Higher is better.">
          <dt>Modularity</dt>
          <dd>
            {metrics.structuralModularity.toFixed(3)}
            <Delta text={sm} good={(change?.structuralModularity ?? 0) > 0} label="Modularity" />
          </dd>
        </div>
        <div
          title={`Share of dependency weight crossing a service boundary: ${metrics.crossingWeight} of ${metrics.totalWeight} (${metrics.crossingCount} of ${metrics.totalCount} dependencies).`}
        >
          <dt>Crossing</dt>
          <dd>
            {percent(metrics.crossingShareByWeight)}
            <Delta text={crossing ? `${crossing} pt` : ''} good={(change?.crossingShareByWeight ?? 0) < 0} label="Crossing share" />
          </dd>
        </div>
        <div title="Clusters: nodes that own at least one module, the monolith included.">
          <dt>Clusters</dt>
          <dd>{metrics.clusters}</dd>
        </div>
      </dl>
      <details className="panel-coupling" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>Coupling per service</summary>
        {open && (
          <table>
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col" title="Afferent coupling: other nodes that depend on this one">
                  Ca
                </th>
                <th scope="col" title="Efferent coupling: other nodes this one depends on">
                  Ce
                </th>
                <th scope="col" title="Instability: Ce / (Ca + Ce)">
                  I
                </th>
              </tr>
            </thead>
            <tbody>
              {metrics.nodes.map((node) => {
                const delta = nodeChange.get(node.id);
                return (
                  <tr key={node.id} className={delta ? 'is-changed' : undefined}>
                    <th scope="row">{nodeName(project, node.id)}</th>
                    <td>
                      {node.afferent}
                      {delta && delta.afferent !== 0 && <span className="panel-delta-inline">{signed(delta.afferent, 0)}</span>}
                    </td>
                    <td>
                      {node.efferent}
                      {delta && delta.efferent !== 0 && <span className="panel-delta-inline">{signed(delta.efferent, 0)}</span>}
                    </td>
                    <td>{node.instability === null ? '–' : node.instability.toFixed(2)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </details>
    </div>
  );
}
