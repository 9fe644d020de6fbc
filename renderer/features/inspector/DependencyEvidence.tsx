import type { Dependency } from '../../../shared/model/project';
import './inspector.css';

/** Places listed per dependency before "and N more". */
const SHOWN = 50;

/**
 * Where each module dependency behind an edge was found in the source (file:line of an import or a relation
 * field), as the importer recorded it. Shown in the inspector's edge view; nothing when none was imported.
 */
export function DependencyEvidence({ dependencies, nameOf }: { dependencies: readonly Dependency[]; nameOf: ReadonlyMap<string, string> }) {
  const withEvidence = dependencies.filter((d) => d.evidence.length > 0);
  if (withEvidence.length === 0) return null;
  return (
    <section className="import-evidence" aria-labelledby="import-evidence-title">
      <h3 id="import-evidence-title" className="import-evidence-title">
        In the source
      </h3>
      {withEvidence.map((d) => {
        const label = `${nameOf.get(d.from) ?? d.from} → ${nameOf.get(d.to) ?? d.to} (${d.kind})`;
        const more = d.weight - Math.min(d.evidence.length, SHOWN);
        return (
          <details key={`${d.from}-${d.to}-${d.kind}`} open={withEvidence.length === 1}>
            <summary>
              <span className="panel-mono">{label}</span> <span className="muted">{d.weight}</span>
            </summary>
            <ul aria-label={`Source of ${label}`}>
              {d.evidence.slice(0, SHOWN).map((place) => (
                <li key={`${place.file}:${place.line}`} className="panel-mono">
                  {place.file}:{place.line}
                  {place.detail && <span className="muted"> · {place.detail}</span>}
                </li>
              ))}
              {more > 0 && <li className="muted">and {more.toLocaleString('en-US')} more</li>}
            </ul>
          </details>
        );
      })}
    </section>
  );
}
