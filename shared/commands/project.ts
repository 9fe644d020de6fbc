import type { Project } from '../model/project';

// Pure edits of the project's own details: its name, description and author.

export interface ProjectDetails {
  name: string;
  description: string;
  author: string;
}

/** The project with the given details changed; the same object when nothing changes. */
export function setProjectDetails(project: Project, patch: Partial<ProjectDetails>): Project {
  const changed = (Object.keys(patch) as (keyof ProjectDetails)[]).some((key) => patch[key] !== undefined && patch[key] !== project[key]);
  if (!changed) return project;
  return {
    ...project,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.author !== undefined ? { author: patch.author } : {}),
  };
}
