import { deleteModule } from '../../shared/commands/modules';
import type { Project } from '../../shared/model/project';

/** Deletes several modules (with their dependencies and their places in services) as one edit. */
export function deleteModules(project: Project, moduleIds: readonly string[]): Project {
  return moduleIds.reduce((current, moduleId) => deleteModule(current, { moduleId }), project);
}

/** "a, b,, c " -> ["a", "b", "c"]: how tags and entities are typed in one field. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
