import { FRAMEWORKS, getFramework, type Framework } from '../../../shared/catalog/frameworks';

const TRAITS: { key: 'asyncNative' | 'orm' | 'admin' | 'openApiDocs' | 'validation'; label: string }[] = [
  { key: 'asyncNative', label: 'Async-native' },
  { key: 'orm', label: 'ORM' },
  { key: 'admin', label: 'Admin' },
  { key: 'openApiDocs', label: 'OpenAPI docs' },
  { key: 'validation', label: 'Validation' },
];

const PROTOCOL: Record<Framework['traits']['protocol'], string> = { asgi: 'ASGI', wsgi: 'WSGI', worker: 'Worker', other: 'Other' };

/** One framework's traits as compact yes/no chips, its protocol and typical use. */
export function FrameworkTraits({ frameworkId }: { frameworkId: string }) {
  const framework = getFramework(frameworkId);
  return (
    <div className="panel-traits">
      <ul className="panel-trait-list" aria-label={`${framework.name} traits`}>
        {TRAITS.map((trait) => {
          const has = framework.traits[trait.key];
          return (
            <li key={trait.key} className={has ? 'has' : 'lacks'} aria-label={`${trait.label}: ${has ? 'yes' : 'no'}`}>
              <span aria-hidden="true">{has ? '✓' : '–'}</span> {trait.label}
            </li>
          );
        })}
        <li className="protocol">{PROTOCOL[framework.traits.protocol]}</li>
      </ul>
      <p className="hint">{framework.traits.typicalUse}</p>
    </div>
  );
}

/** Every framework of the catalogue side by side, the chosen and the recommended one marked. */
export function FrameworkCatalogue({ chosen, recommended }: { chosen: string; recommended: string }) {
  return (
    <details className="panel-catalogue">
      <summary>Compare frameworks</summary>
      <table>
        <caption className="visually-hidden">The framework catalogue and each framework's traits</caption>
        <thead>
          <tr>
            <th scope="col">Framework</th>
            {TRAITS.map((trait) => (
              <th key={trait.key} scope="col" title={trait.label}>
                {trait.label.replace('Async-native', 'Async').replace('OpenAPI docs', 'Docs').replace('Validation', 'Valid.')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FRAMEWORKS.map((framework) => (
            <tr key={framework.id} className={framework.id === chosen ? 'is-chosen' : undefined} title={framework.traits.typicalUse}>
              <th scope="row">
                {framework.name}
                {framework.id === recommended && <span className="panel-rec-dot" aria-label="recommended" title="Recommended" />}
              </th>
              {TRAITS.map((trait) => (
                <td key={trait.key} aria-label={framework.traits[trait.key] ? 'yes' : 'no'}>
                  {framework.traits[trait.key] ? '✓' : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
