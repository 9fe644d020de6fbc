// Django models and their relations across the tree. A class is a model when a base is `models.Model` /
// `Model` / `django.db.models.Model`, or (repeatedly) another model class of the tree (abstract bases, mixins
// named after models). A relation target is resolved to the file of the model class it names:
// 'self'; 'app_label.Model' (label = last part of the app package); 'Model' or a name: the same file first,
// then the file's own imports of that name, then the only model of that name in the tree. A target of
// `settings.AUTH_USER_MODEL` is the model named by the settings' AUTH_USER_MODEL (when it is in the tree).
import { absoluteModule } from './resolve';
import type { FieldRecord, ScanResult, ScannedFile } from './types';

export interface ModelClass {
  name: string;
  file: ScannedFile;
  line: number;
}

export interface Relation {
  file: ScannedFile;
  field: FieldRecord;
  /** The file of the target model, or null when the target is outside the tree or unknown. */
  target: ScannedFile | null;
}

const DJANGO_BASES = new Set(['models.Model', 'Model', 'django.db.models.Model']);

/** Every model class of the tree (migrations excluded). */
export function findModels(scan: ScanResult): ModelClass[] {
  const names = new Set<string>();
  const candidates: Array<ModelClass & { bases: string[] }> = [];
  for (const file of scan.files) {
    if (file.isMigration) continue;
    for (const cls of file.classes) candidates.push({ name: cls.name, file, line: cls.line, bases: cls.bases });
  }
  const models: ModelClass[] = [];
  const taken = new Set<(typeof candidates)[number]>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const c of candidates) {
      if (taken.has(c)) continue;
      if (c.bases.some((b) => DJANGO_BASES.has(b) || names.has(b.slice(b.lastIndexOf('.') + 1)))) {
        taken.add(c);
        names.add(c.name);
        models.push({ name: c.name, file: c.file, line: c.line });
        changed = true;
      }
    }
  }
  return models;
}

function lastPart(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** The relation fields of every model, each with the file of its target model when found. */
export function findRelations(scan: ScanResult, models: readonly ModelClass[], apps: readonly string[]): Relation[] {
  const byName = new Map<string, ModelClass[]>();
  for (const m of models) {
    const list = byName.get(m.name) ?? [];
    list.push(m);
    byName.set(m.name, list);
  }
  const modelFiles = new Set(models.map((m) => `${m.file.path}#${m.name}`));
  const userModel = scan.files.find((f) => f.authUserModel !== null)?.authUserModel ?? null;
  const out: Relation[] = [];
  for (const file of scan.files) {
    if (file.isMigration) continue;
    for (const cls of file.classes) {
      if (!modelFiles.has(`${file.path}#${cls.name}`)) continue;
      for (const field of cls.fields) {
        // settings.AUTH_USER_MODEL: the user model the settings name (Django's own auth.User is outside the tree).
        const target = field.target === 'settings.AUTH_USER_MODEL' || field.target === 'AUTH_USER_MODEL' ? userModel : field.target;
        out.push({ file, field, target: resolveTarget(file, target, byName, apps) });
      }
    }
  }
  return out;
}

function resolveTarget(file: ScannedFile, target: string | null, byName: Map<string, ModelClass[]>, apps: readonly string[]): ScannedFile | null {
  if (target === null) return null;
  if (target === 'self') return file;
  const name = lastPart(target);
  const candidates = byName.get(name) ?? [];
  if (candidates.length === 0) return null;
  if (target.includes('.')) {
    const label = target.slice(0, target.lastIndexOf('.'));
    const labelLast = lastPart(label);
    const app = apps.find((a) => lastPart(a) === labelLast);
    const inApp = app ? candidates.find((c) => c.file.module === app || c.file.module.startsWith(`${app}.`)) : undefined;
    if (inApp) return inApp.file;
    const named = candidates.find((c) => c.file.module.split('.').includes(labelLast));
    return (named ?? (candidates.length === 1 ? candidates[0] : undefined))?.file ?? null;
  }
  const local = candidates.find((c) => c.file === file);
  if (local) return local.file;
  for (const record of file.imports) {
    if (record.names === null || !record.names.includes(name)) continue;
    const base = absoluteModule(record.module, record.level, file.module, file.isPackage);
    if (base === null) continue;
    const match = candidates.find((c) => c.file.module === base || c.file.module.startsWith(`${base}.`));
    if (match) return match.file;
  }
  return candidates.length === 1 ? candidates[0]!.file : null;
}
