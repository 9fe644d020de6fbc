import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorHeading, errorText } from '../../renderer/platform/messages';
import { setProjectDetails } from '../../shared/commands/project';
import { breadcrumbs, fileNameProblem, joinPath, withCarveExtension } from '../../renderer/platform/paths';
import { ERROR_CODES } from '../../shared/api/result';
import { createProject } from '../../shared/model/create';

describe('messages', () => {
  it('every error code has its own words', () => {
    const headings = ERROR_CODES.map(errorHeading);
    for (const heading of headings) expect(heading).not.toMatch(/^Unexpected/);
    expect(new Set(headings).size).toBe(ERROR_CODES.length);
  });

  it('shows the host’s first line, or the heading when the host said nothing', () => {
    expect(errorText({ code: 'invalid-file', message: 'a.carve: not JSON (line 3)\n    at parse' })).toBe('a.carve: not JSON (line 3)');
    expect(errorText({ code: 'not-found', message: '  ' })).toBe('Not found');
  });
});

const segment = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9 ._-]{0,11}$/).filter((s) => s !== '.' && s !== '..');

describe('file dialog paths', () => {
  it('joins a folder and a name with the folder’s own separator', () => {
    expect(joinPath('/ws/plans', 'a.carve')).toBe('/ws/plans/a.carve');
    expect(joinPath('/ws/', 'a.carve')).toBe('/ws/a.carve');
    expect(joinPath('C:\\Users\\ada', 'a.carve')).toBe('C:\\Users\\ada\\a.carve');
  });

  it('the breadcrumb of a folder under the root walks back to every folder on the way', () => {
    fc.assert(
      fc.property(fc.constantFrom('/ws', 'C:\\ws'), fc.array(segment, { maxLength: 5 }), (root, segments) => {
        const sep = root.includes('\\') ? '\\' : '/';
        const dir = segments.length ? [root, ...segments].join(sep) : null;
        const crumbs = breadcrumbs(root, dir);
        expect(crumbs.map((c) => c.label)).toEqual(['ws', ...segments]);
        expect(crumbs[0]!.dir).toBeNull();
        crumbs.slice(1).forEach((crumb, i) => expect(crumb.dir).toBe([root, ...segments.slice(0, i + 1)].join(sep)));
      }),
    );
  });

  it('file names get the .carve extension once, and names with separators or leading dots are refused', () => {
    fc.assert(
      fc.property(segment, (name) => {
        const once = withCarveExtension(name);
        expect(once.toLowerCase().endsWith('.carve')).toBe(true);
        expect(withCarveExtension(once)).toBe(once);
      }),
    );
    expect(fileNameProblem('')).toBe('Type a file name');
    expect(fileNameProblem('../x')).not.toBeNull();
    expect(fileNameProblem('a\\b')).not.toBeNull();
    expect(fileNameProblem('.hidden')).not.toBeNull();
    expect(fileNameProblem('plan 2027')).toBeNull();
  });
});

describe('project details edit', () => {
  it('changes only the fields given and returns the same object when nothing changes', () => {
    const project = createProject('Shop', 'Ada');
    expect(setProjectDetails(project, { name: 'Shop', author: 'Ada' })).toBe(project);
    const next = setProjectDetails(project, { description: 'Plan' });
    expect(next).not.toBe(project);
    expect(next).toEqual({ ...project, description: 'Plan' });
    expect(project.description).toBe('');
  });
});
