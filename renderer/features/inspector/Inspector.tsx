import { MONOLITH_NODE_ID } from '../../../shared/model/project';
import type { DocumentState } from '../../state/documentStore';
import { useSelection } from '../../state/selectionStore';
import { EdgeInspector, LinkInspector } from './EdgeInspector';
import { ModuleInspector, ModulesInspector } from './ModuleInspector';
import { MonolithInspector } from './MonolithInspector';
import { ProjectInspector } from './ProjectInspector';
import { ServiceInspector } from './ServiceInspector';
import { useDocument } from '../../state/documentStore';
import '../../widgets/panels.css';

const selectProject = (state: DocumentState) => state.project;

/** Details of what is selected: a service, the monolith, a module or several, an edge or a planned link; else the project. */
export function Inspector() {
  const project = useDocument(selectProject);
  const nodeIds = useSelection((state) => state.nodeIds);
  const moduleIds = useSelection((state) => state.moduleIds);
  const edgeId = useSelection((state) => state.edgeId);
  if (!project) return null;

  let content = <ProjectInspector project={project} />;
  const service = nodeIds.length === 1 && nodeIds[0] !== MONOLITH_NODE_ID ? project.services.find((s) => s.id === nodeIds[0]) : undefined;
  const link = edgeId ? project.links.find((l) => l.id === edgeId) : undefined;
  const module = moduleIds.length === 1 ? project.monolith.modules.find((m) => m.id === moduleIds[0]) : undefined;
  if (service) content = <ServiceInspector key={service.id} project={project} service={service} />;
  else if (nodeIds.length === 1 && nodeIds[0] === MONOLITH_NODE_ID) content = <MonolithInspector project={project} />;
  else if (module) content = <ModuleInspector key={module.id} project={project} module={module} />;
  else if (moduleIds.length > 1) content = <ModulesInspector project={project} moduleIds={moduleIds} />;
  else if (link) content = <LinkInspector key={link.id} project={project} link={link} />;
  else if (edgeId?.includes('->')) content = <EdgeInspector project={project} edgeId={edgeId} />;

  return (
    <aside className="panel inspector" aria-labelledby="inspector-title">
      {content}
    </aside>
  );
}
