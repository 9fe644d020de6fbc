import type { GroupingReport } from '../../../shared/importer/aggregate';
import { countOf } from '../../../shared/words';
import { useImport } from '../../state/importStore';

const count = (n: number) => n.toLocaleString('en-US');

/** "a, b, c and 40 more": a long list of module names kept to a few lines. */
function names(list: readonly string[], limit = 24): string {
  if (list.length === 0) return 'none';
  return list.length <= limit ? list.join(', ') : `${list.slice(0, limit).join(', ')} and ${count(list.length - limit)} more`;
}

/** What the import read and made: sizes, modules added and removed by a re-import, and files with problems. */
export function ImportReport() {
  const summary = useImport((state) => state.summary);
  const target = useImport((state) => state.target);
  if (!summary) return <p className="muted">Grouping modules…</p>;
  const figures: Array<[string, string]> = [
    ['Modules', count(summary.modules)],
    ['Dependencies', count(summary.dependencies)],
    ['Entities', count(summary.entities)],
    ['Files', count(summary.files)],
    ['Lines', count(summary.lines)],
    ['Skipped', count(summary.skipped)],
    ['Time', `${(summary.elapsedMs / 1000).toFixed(1)} s`],
  ];
  return (
    <section aria-label="Import report" className="import-report">
      <dl className="import-figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <Grouping grouping={summary.grouping} />
      {target === 'reimport' && (
        <div className="import-changes">
          <p>
            <strong>Added:</strong> {names(summary.added)}
          </p>
          <p>
            <strong>Removed:</strong> {names(summary.removed)}
            {summary.removed.length > 0 && <span className="muted"> (no longer in any service)</span>}
          </p>
        </div>
      )}
      {summary.notTableCount > 0 && (
        <details className="import-not-tables">
          <summary>
            {count(summary.notTableCount)} {summary.notTableCount === 1 ? 'class is not a table' : 'classes are not tables'} (abstract
            bases, proxies, single-table subclasses, mixins): not entities, never moved
          </summary>
          <ul aria-label="Classes that are not tables">
            {summary.notTables.map((c) => (
              <li key={`${c.path}:${c.line}`}>
                {c.name} ({c.kind}) <code>{`${c.path}:${c.line}`}</code>
              </li>
            ))}
            {summary.notTableCount > summary.notTables.length && (
              <li className="muted">and {count(summary.notTableCount - summary.notTables.length)} more</li>
            )}
          </ul>
        </details>
      )}
      {summary.problemCount === 0 ? (
        <p className="muted">Every file was read.</p>
      ) : (
        <details className="import-problems" open={summary.problemCount <= 8}>
          <summary>
            {count(summary.problemCount)} {summary.problemCount === 1 ? 'file' : 'files'} could not be read fully (their other imports are
            counted)
          </summary>
          <ul aria-label="Files with problems">
            {summary.problems.map((problem) => (
              <li key={problem.path}>
                <code>{problem.path}</code>: {problem.reason}
              </li>
            ))}
            {summary.problemCount > summary.problems.length && (
              <li className="muted">and {count(summary.problemCount - summary.problems.length)} more</li>
            )}
          </ul>
        </details>
      )}
    </section>
  );
}

/** How the files became modules: the granularity and why, the layers attributed (file by file), what was left out. */
function Grouping({ grouping }: { grouping: GroupingReport }) {
  const attributed = grouping.layers.filter((layer) => layer.attributed.length > 0);
  const files = attributed.reduce((sum, layer) => sum + layer.attributed.length, 0);
  return (
    <div className="import-grouping">
      <p className="import-reason">{grouping.reason}</p>
      {attributed.length > 0 && (
        <details className="import-layer-list">
          <summary>
            {countOf(files, 'file')} of{' '}
            {names(
              attributed.map((layer) => layer.layer),
              6,
            )}{' '}
            attributed to their domains
            {grouping.madeFromLayers.length > 0 &&
              `; ${countOf(grouping.madeFromLayers.length, 'module')} made from names the layers share`}
          </summary>
          <ul aria-label="Layer files attributed">
            {attributed.flatMap((layer) =>
              layer.attributed.map((file) => (
                <li key={file.path}>
                  <code>{file.path}</code> → {file.module}
                </li>
              )),
            )}
          </ul>
        </details>
      )}
      {grouping.keepLayers && grouping.layers.length > 0 && (
        <p className="muted">Layers kept as modules: {names(grouping.layers.map((layer) => layer.layer))}</p>
      )}
      {grouping.leftOut.length > 0 && (
        <details className="import-left-out">
          <summary>Not modules: {grouping.leftOut.map((left) => `${left.kind} (${countOf(left.files, 'file')})`).join(', ')}</summary>
          <ul aria-label="Files left out of the modules">
            {grouping.leftOut.map((left) => (
              <li key={left.kind}>
                <strong>{left.kind}</strong>: {countOf(left.files, 'file')}, {countOf(left.lines, 'line')} in {names(left.places, 6)}
                {left.imports.length > 0 &&
                  `; they import ${names(
                    left.imports.map((i) => `${i.module} (${count(i.statements)})`),
                    8,
                  )}`}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
