// Import arrows among the renderer's folders, and the ones that break the layering (issue 11).
// Usage: npx tsx scripts/renderer-arrows.ts [--list]
//
// An arrow is one (folder, folder) pair with at least one import between them (a folder is a file's directory
// under renderer/; a file at the top of renderer/ counts as a folder of its own, since App.tsx and bridge.ts
// sat there side by side before the layering); imports within a folder are not arrows. An arrow "runs back up"
// when its two folders lie on one cycle of the folder graph: a layered order would have one of them point up.
// A feature-to-feature arrow joins two different features (features/<name>/ now; before the layering,
// canvas/, roadmap/, importer/, the checks, inspector and monolith panels, and the export dialog). Once the
// folders are the layers, an arrow to the same layer or a higher one is counted as against the layer order.
// The figures of an older commit: `git archive <commit> renderer | tar -x -C DIR`, copy this script to
// DIR/scripts/ (with node_modules linked into DIR) and run it there.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..', 'renderer');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

function resolveImport(from: string, spec: string, files: ReadonlySet<string>): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) if (files.has(candidate)) return candidate;
  return null; // outside renderer/ (shared/) or not a source file (css)
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  for (const match of text.matchAll(/new URL\(\s*'([^']+)'\s*,\s*import\.meta\.url\s*\)/g)) specs.push(match[1]!);
  return specs;
}

/** The feature a file belongs to, or null for the app shell and the layers below the features. */
function featureOf(rel: string): string | null {
  const now = /^features\/([^/]+)\//.exec(rel);
  if (now) return now[1]!;
  if (/^(canvas|roadmap|importer)\//.test(rel)) return rel.split('/')[0]!;
  if (/^panels\/(checks\/|DesignChecks)/.test(rel)) return 'checks';
  if (/^panels\/(inspector\/|Inspector)/.test(rel)) return 'inspector';
  if (/^panels\/(monolith\/|MonolithPanel)/.test(rel)) return 'monolith';
  if (rel === 'components/ExportDialog.tsx') return 'export';
  return null;
}

const folderOf = (rel: string) => (rel.includes('/') ? path.posix.dirname(rel) : rel);

const files = sourceFiles(root);
const fileSet = new Set(files);
const arrows = new Map<string, { from: string; to: string; imports: string[] }>();
const featureArrows = new Map<string, string[]>();
for (const file of files) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  for (const spec of importsOf(file)) {
    const target = resolveImport(file, spec, fileSet);
    if (!target) continue;
    const targetRel = path.relative(root, target).split(path.sep).join('/');
    const [a, b] = [folderOf(rel), folderOf(targetRel)];
    if (a !== b) {
      const key = `${a} -> ${b}`;
      const arrow = arrows.get(key) ?? { from: a, to: b, imports: [] };
      arrow.imports.push(`${rel} -> ${targetRel}`);
      arrows.set(key, arrow);
    }
    const [fa, fb] = [featureOf(rel), featureOf(targetRel)];
    if (fa && fb && fa !== fb)
      featureArrows.set(`${fa} -> ${fb}`, [...(featureArrows.get(`${fa} -> ${fb}`) ?? []), `${rel} -> ${targetRel}`]);
  }
}

// Folders on one cycle: b reaches a and a reaches b.
const next = new Map<string, string[]>();
for (const { from, to } of arrows.values()) next.set(from, [...(next.get(from) ?? []), to]);
function reaches(start: string, goal: string): boolean {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (at === goal) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    stack.push(...(next.get(at) ?? []));
  }
  return false;
}
const up = [...arrows.values()].filter(({ from, to }) => reaches(to, from));

// Once the folders are the layers (app, features, widgets, derived, state, platform), an arrow must also point
// to a lower layer: one to the same layer or higher is against the layering even when no cycle closes.
const RANKS: Readonly<Record<string, number>> = { app: 5, features: 4, widgets: 3, derived: 3, state: 2, platform: 1 };
const rankOf = (folder: string): number | undefined => RANKS[folder.split('/')[0]!];
const isEntry = (folder: string) => !folder.includes('/') && folder.includes('.');
const layered = [...arrows.values()].every(({ from, to }) => rankOf(to) !== undefined && (rankOf(from) !== undefined || isEntry(from)));
const against = layered ? [...arrows.values()].filter(({ from, to }) => !isEntry(from) && rankOf(to)! >= rankOf(from)!) : null;

const list = process.argv.includes('--list');
console.log(`renderer: ${files.length} source files in ${new Set(files.map((f) => folderOf(path.relative(root, f)))).size} folders`);
console.log(`arrows among folders: ${arrows.size}`);
if (list) for (const [key, { imports }] of arrows) console.log(`  ${key} (${imports.length})`);
console.log(`arrows on a cycle (running back up): ${up.length}`);
for (const { from, to, imports } of up) console.log(`  ${from} -> ${to}: ${imports.join(', ')}`);
if (against) {
  console.log(`arrows against the layer order: ${against.length}`);
  for (const { from, to, imports } of against) console.log(`  ${from} -> ${to}: ${imports.join(', ')}`);
} else console.log('arrows against the layer order: (the folders are not the layers yet)');
console.log(`feature-to-feature arrows: ${featureArrows.size}`);
for (const [key, imports] of featureArrows) console.log(`  ${key}: ${imports.join(', ')}`);
