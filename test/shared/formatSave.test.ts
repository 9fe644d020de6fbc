import { describe, expect, it } from 'vitest';
import { parseProjectText } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import { createProject } from '../../shared/model/create';
import { ModuleSchema, ProjectSchema, type Project } from '../../shared/model/project';
import { SAVED_BY } from '../../shared/version';

const project = ProjectSchema.parse({
  id: 'p',
  name: 'P',
  monolith: { modules: [{ id: 'm', name: 'shop.m', tags: ['a'] }] },
  services: [{ id: 's', name: 'S', moduleIds: ['m'] }],
});

describe('serializeProject', () => {
  it('writes the envelope first, in its order, with the version and savedBy', () => {
    const text = serializeProject(project);
    expect(
      text.startsWith(
        `{\n  "format": "carve-project",\n  "formatVersion": 2,\n  "savedBy": "${SAVED_BY}",\n  "project": {\n    "id": "p",`,
      ),
    ).toBe(true);
  });

  it('uses two-space indents, LF line ends and one trailing newline', () => {
    const text = serializeProject(project);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text).not.toContain('\r');
    expect(text).not.toContain('\t');
    const indents = text.split('\n').map((line) => line.length - line.trimStart().length);
    expect(indents.every((n) => n % 2 === 0)).toBe(true);
  });

  it('writes fields in the schema order whatever the order in memory', () => {
    const module = project.monolith.modules[0]!;
    const reversed = Object.fromEntries(Object.entries(module).reverse()) as typeof module;
    const shuffled: Project = { ...project, monolith: { ...project.monolith, modules: [reversed] } };
    const text = serializeProject(shuffled);
    expect(text).toBe(serializeProject(project));
    const saved = JSON.parse(text).project.monolith.modules[0] as Record<string, unknown>;
    expect(Object.keys(saved)).toEqual(Object.keys(ModuleSchema.shape));
  });

  it('drops keys the schema does not know and fills in missing defaulted fields', () => {
    const extra = { ...project, selection: ['s'], hover: 'm' } as unknown as Project;
    expect(serializeProject(extra)).toBe(serializeProject(project));
    const { author: _author, ...withoutAuthor } = project;
    expect(serializeProject(withoutAuthor as Project)).toBe(serializeProject(project));
  });

  it('holds nothing volatile: the same project saved twice gives the same bytes, a new one too', () => {
    expect(serializeProject(createProject('Orders'))).toBe(serializeProject(createProject('Orders')));
    expect(serializeProject(project)).toBe(serializeProject(structuredClone(project)));
  });

  it('keeps text exactly, including lone surrogates, control characters and line separators', () => {
    const odd = { ...project, description: 'a\ud800b\u0000c\u2028d😀"\\' };
    const text = serializeProject(odd);
    expect(text).toContain('\\ud800');
    expect(parseProjectText(text).description).toBe(odd.description);
  });
});
