import { resolve } from 'node:path';
import { CarveError } from '../../shared/api/result';
import type { Project } from '../../shared/model/project';
import { openProjectFile } from '../services/projectFiles';

// Reading a .carve file for a command, through the same service the app opens files with, so that the terminal
// and the window word a problem alike: the project, or one line that starts with the path as it was typed.

export async function readProject(
  cwd: string,
  file: string,
): Promise<{ project: Project; problem?: undefined } | { project?: undefined; problem: string }> {
  try {
    return { project: (await openProjectFile(resolve(cwd, file), file)).project };
  } catch (error) {
    if (error instanceof CarveError) return { problem: error.message };
    throw error;
  }
}
