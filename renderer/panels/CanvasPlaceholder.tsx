import { useDocument } from '../hooks/useStores';
import { frameworkLabel, runtimeLabel } from '../labels';
import type { DocumentState } from '../state/documentStore';

const selectServices = (state: DocumentState) => state.project?.services ?? [];

/** Where the React Flow canvas goes (renderer/canvas/); for now the services as simple cards. */
export function CanvasPlaceholder() {
  const services = useDocument(selectServices);
  return (
    <section className="canvas-region" aria-labelledby="canvas-title">
      <div className="region-head">
        <h2 id="canvas-title" className="panel-title">
          Services
        </h2>
        <span className="count">{services.length}</span>
        <span className="muted region-note">The interactive canvas arrives in the next release.</span>
      </div>
      {services.length === 0 ? (
        <div className="canvas-empty">
          <p>No services carved out yet.</p>
        </div>
      ) : (
        <ul className="service-grid" aria-label="Services">
          {services.map((service) => (
            <li key={service.id} className="service-card">
              <h3 className="service-name">{service.name}</h3>
              <dl className="service-facts">
                <div>
                  <dt>Framework</dt>
                  <dd>{frameworkLabel(service.framework)}</dd>
                </div>
                <div>
                  <dt>Modules</dt>
                  <dd>{service.moduleIds.length}</dd>
                </div>
                {service.datastore && (
                  <div>
                    <dt>Datastore</dt>
                    <dd>{service.datastore}</dd>
                  </div>
                )}
                {service.runtime && (
                  <div>
                    <dt>Runtime</dt>
                    <dd>{runtimeLabel(service.runtime)}</dd>
                  </div>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
