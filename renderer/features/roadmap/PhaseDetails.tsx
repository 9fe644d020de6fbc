import { useState } from 'react';
import type { PlannedPhase } from '../../../shared/planning/types';

/**
 * What a phase involves beyond its services: foundations tasks, facade routes, data to migrate, risks, exit
 * criteria. Drawn only while open: a large phase lists thousands of routes and risks.
 */
export function PhaseDetails({ phase }: { phase: PlannedPhase }) {
  const [open, setOpen] = useState(false);
  const count =
    phase.tasks.length + phase.facadeRoutes.length + phase.dataMigrations.length + phase.risks.length + phase.exitCriteria.length;
  return (
    <details className="roadmap-details" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Details <span className="muted">({count})</span>
      </summary>
      {open && <PhaseDetailsBody phase={phase} count={count} />}
    </details>
  );
}

function PhaseDetailsBody({ phase, count }: { phase: PlannedPhase; count: number }) {
  return (
    <>
      <TextSection title="Tasks" lines={phase.tasks} />
      {phase.facadeRoutes.length > 0 && (
        <Section title="Facade routes">
          {phase.facadeRoutes.map((route) => (
            <li key={`${route.direction}:${route.serviceId}`}>
              {route.direction === 'to-service' ? `Monolith → ${route.serviceName}` : `${route.serviceName} → Monolith`}{' '}
              <span className="muted">
                ({route.dependencies} {route.dependencies === 1 ? 'dependency' : 'dependencies'}, weight {route.weight}
                {route.monolithModules.length > 0
                  ? `; ${route.monolithModules.slice(0, 4).join(', ')}${route.monolithModules.length > 4 ? ', …' : ''}`
                  : ''}
                )
              </span>
            </li>
          ))}
        </Section>
      )}
      {phase.dataMigrations.some((d) => d.entities.length > 0) && (
        <Section title="Data migrations">
          {phase.dataMigrations
            .filter((d) => d.entities.length > 0)
            .map((d) => (
              <li key={d.serviceId}>
                {d.entities.join(', ')} → {d.serviceName}
                {d.datastore ? ` (${d.datastore})` : ''}
                {d.readers.length > 0 && <span className="muted">; still read by {d.readers.map((r) => r.owner).join(', ')}</span>}
              </li>
            ))}
        </Section>
      )}
      <TextSection title="Risks" lines={phase.risks} />
      <TextSection title="Exit criteria" lines={phase.exitCriteria} />
      {count === 0 && <p className="muted">Nothing else planned in this phase.</p>}
    </>
  );
}

/** A section of plain lines (tasks, risks, exit criteria); nothing when there are none. */
function TextSection({ title, lines }: { title: string; lines: readonly string[] }) {
  if (lines.length === 0) return null;
  return (
    <Section title={title}>
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </Section>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="roadmap-detail-section">
      <h4>{title}</h4>
      <ul>{children}</ul>
    </section>
  );
}
