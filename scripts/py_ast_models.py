#!/usr/bin/env python3
"""The CPython reference for Carve's entities: the real models of a tree, found with `ast`.

A class (at module level, or in a module-level if/try/with) is a table when its base chain reaches an ORM root,
each base resolved the way Python binds names: the module's own classes, `import`/`from ... import` with their
aliases and relative levels, star imports, module-level `NAME = other.name` aliases and `NAME = factory()` calls.
Roots: `django.db.models.Model` and the third-party Django model bases listed in EXTERNAL_DJANGO_MODELS;
SQLAlchemy `declarative_base()` (orm and ext.declarative), `registry().generate_base()`, subclasses of
`DeclarativeBase`, Flask-SQLAlchemy `SQLAlchemy().Model`; SQLModel `SQLModel` with `table=True`. Not tables:
Django `class Meta: abstract = True` or `proxy = True`, SQLAlchemy `__abstract__ = True`, the DeclarativeBase
subclass itself, SQLModel classes without `table=True`. Migrations folders are skipped.

This is written apart from Carve's TypeScript (shared/importer/models.ts) to check it: it shares no code and
names third-party model bases explicitly instead of Carve's rule for them. Usage:

    py_ast_models.py DIR            # JSON: {"files": N, "tables": [[path, class, line, family], ...]}
    py_ast_models.py DIR --externals  # external base names of non-table classes, most used first (to curate)
"""
import ast
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from py_ast_deps import absolute, module_name, walk  # noqa: E402

DJANGO_MODEL = {'django.db.models.Model', 'django.db.models.base.Model', 'django.contrib.gis.db.models.Model'}
# Third-party and django.contrib model classes subclassed by the monoliths checked (docs/python-import.md).
EXTERNAL_DJANGO_MODELS = {
    'django.contrib.auth.models.AbstractUser', 'django.contrib.auth.models.AbstractBaseUser',
    'django.contrib.auth.base_user.AbstractBaseUser', 'django.contrib.auth.models.PermissionsMixin',
    'django.contrib.auth.models.User', 'django.contrib.auth.models.Group', 'django.contrib.auth.models.Permission',
    'django.contrib.sessions.base_session.AbstractBaseSession', 'django.contrib.sites.models.Site',
    'django.contrib.contenttypes.models.ContentType',
    'treebeard.mp_tree.MP_Node', 'treebeard.ns_tree.NS_Node', 'treebeard.al_tree.AL_Node',
    'modelcluster.models.ClusterableModel', 'taggit.models.TaggedItemBase', 'taggit.models.TagBase',
    'taggit.models.ItemBase', 'taggit.models.GenericTaggedItemBase', 'taggit.models.CommonGenericTaggedItemBase',
    'mptt.models.MPTTModel', 'polymorphic.models.PolymorphicModel',
    'modelsearch.abstract_models.AbstractIndexEntry', 'modelsearch.abstract_models.AbstractSQLiteFTSIndexEntry',
}
DECLARATIVE_CLASSES = {'sqlalchemy.orm.DeclarativeBase', 'sqlalchemy.orm.DeclarativeBaseNoMeta',
                       'sqlalchemy.orm.decl_api.DeclarativeBase', 'sqlalchemy.orm.decl_api.DeclarativeBaseNoMeta'}
DECLARATIVE_FACTORIES = {'sqlalchemy.orm.declarative_base', 'sqlalchemy.orm.decl_api.declarative_base',
                         'sqlalchemy.ext.declarative.declarative_base',
                         'sqlalchemy.ext.declarative.api.declarative_base'}
REGISTRIES = {'sqlalchemy.orm.registry', 'sqlalchemy.orm.decl_api.registry'}
FLASK_SQLALCHEMY = {'flask_sqlalchemy.SQLAlchemy', 'flask_sqlalchemy.extension.SQLAlchemy'}
SQLMODEL = {'sqlmodel.SQLModel', 'sqlmodel.main.SQLModel'}


def modernize(text):
    """Newer syntax that CPython 3.11 cannot parse, rewritten to an equivalent it can: `type X[T] = ...` (3.12),
    type parameters of def and class (3.12), `except A, B:` without brackets (3.14). Used only on files that
    fail to parse as written."""
    text = re.sub(r'^(\s*)type\s+(\w+)\s*(\[[^=]*\])?\s*=', r'\1\2 =', text, flags=re.M)
    text = re.sub(r'^(\s*)except\s+([^()\n:]+,[^()\n:]+):', r'\1except (\2):', text, flags=re.M)
    out, pos = [], 0
    for m in re.finditer(r'^\s*(?:async\s+)?(?:def|class)\s+\w+\[', text, flags=re.M):
        depth, k = 0, m.end() - 1
        while k < len(text):
            depth += {'[': 1, ']': -1}.get(text[k], 0)
            if depth == 0:
                break
            k += 1
        out.append(text[pos:m.end() - 1])
        pos = k + 1
    out.append(text[pos:])
    return ''.join(out)


def parse(path):
    with open(path, 'rb') as f:
        data = f.read()
    try:
        return ast.parse(data)
    except SyntaxError:
        return ast.parse(modernize(data.decode('utf-8')))


def is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == 'TYPE_CHECKING') or (
        isinstance(test, ast.Attribute) and test.attr == 'TYPE_CHECKING')


def module_level(body):
    """Statements at module level, descending into if/try/with blocks (not into def or class). Classes under
    `if TYPE_CHECKING:` are left out (they never exist at run time); the imports there are kept (they name
    what annotations mean)."""
    for s in body:
        yield s
        if isinstance(s, ast.If):
            checking = is_type_checking(s.test)
            yield from (x for x in module_level(s.body) if not (checking and isinstance(x, ast.ClassDef)))
            yield from module_level(s.orelse)
        elif isinstance(s, (ast.Try, getattr(ast, 'TryStar', ast.Try))):
            yield from module_level(s.body)
            for h in s.handlers:
                yield from module_level(h.body)
            yield from module_level(s.orelse)
            yield from module_level(s.finalbody)
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            yield from module_level(s.body)


class Module:
    def __init__(self, rel, name, is_package, tree):
        self.rel, self.name, self.is_package = rel, name, is_package
        self.bindings = {}  # name -> ('class', node) | ('import', module, name|None) | ('expr', node)
        self.stars = []
        self.classes = []
        for s in module_level(tree.body):
            if isinstance(s, ast.ClassDef):
                self.bindings[s.name] = ('class', s)
                self.classes.append(s)
            elif isinstance(s, ast.Import):
                for a in s.names:
                    if a.asname:
                        self.bindings[a.asname] = ('import', a.name, None)
                    else:
                        top = a.name.split('.')[0]
                        self.bindings[top] = ('import', top, None)
            elif isinstance(s, ast.ImportFrom):
                base = absolute(s.module or '', s.level, name, is_package)
                if base is None:
                    continue
                for a in s.names:
                    if a.name == '*':
                        self.stars.append(base)
                    else:
                        self.bindings[a.asname or a.name] = ('import', base, a.name)
            elif isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name):
                self.bindings[s.targets[0].id] = ('expr', s.value)


class Reference:
    def __init__(self, root):
        self.modules = {}
        self.packages = set()
        self.unreadable = []
        self.files = walk(root)
        for rel in self.files:
            if 'migrations' in rel.split('/')[:-1]:
                continue
            try:
                tree = parse(os.path.join(root, rel))
            except (SyntaxError, ValueError, OSError, UnicodeDecodeError):
                self.unreadable.append(rel)
                continue
            name, is_package = module_name(root, rel)
            if not name or name in self.modules:
                continue
            self.modules[name] = Module(rel, name, is_package, tree)
            parts = name.split('.')
            for k in range(1, len(parts) + 1):
                self.packages.add('.'.join(parts[:k]))
        self.cache = {}
        self.busy = set()

    def value_of_module(self, qname):
        return ('module', qname) if qname in self.packages else ('ext', qname)

    def name(self, mod, ident):
        key = (mod.name, ident)
        if key in self.cache:
            return self.cache[key]
        if key in self.busy:
            return None
        self.busy.add(key)
        value = self._name(mod, ident)
        self.busy.discard(key)
        self.cache[key] = value
        return value

    def _name(self, mod, ident):
        b = mod.bindings.get(ident)
        if b is None:
            for star in mod.stars:
                if star in self.modules:
                    v = self.name(self.modules[star], ident)
                    if v is not None:
                        return v
                elif star not in self.packages and f'{star}.{ident}' in DJANGO_MODEL | DECLARATIVE_CLASSES | SQLMODEL:
                    return ('ext', f'{star}.{ident}')
            sub = f'{mod.name}.{ident}'
            return ('module', sub) if mod.is_package and sub in self.packages else None
        if b[0] == 'class':
            return ('class', mod, b[1])
        if b[0] == 'import':
            _, module, imported = b
            if imported is None:
                return self.value_of_module(module)
            return self.attr(self.value_of_module(module), imported)
        return self.expr(mod, b[1])

    def attr(self, value, ident):
        if value is None:
            return None
        kind = value[0]
        if kind == 'module':
            full = f'{value[1]}.{ident}'
            target = self.modules.get(value[1])
            found = self.name(target, ident) if target else None
            if found is not None and not (found[0] == 'module' and full in self.packages):
                return found
            return ('module', full) if full in self.packages else None
        if kind == 'ext':
            return ('ext', f'{value[1]}.{ident}')
        if kind == 'sqla_db' and ident == 'Model':
            return ('sqla_root', True)
        if kind == 'registry' and ident == 'generate_base':
            return ('generate_base',)
        return None

    def expr(self, mod, node):
        if isinstance(node, ast.Name):
            return self.name(mod, node.id)
        if isinstance(node, ast.Attribute):
            return self.attr(self.expr(mod, node.value), node.attr)
        if isinstance(node, ast.Call):
            callee = self.expr(mod, node.func)
            func_name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, 'id', None)
            if callee is not None and callee[0] == 'ext':
                if callee[1] in DECLARATIVE_FACTORIES:
                    return ('sqla_root', False)
                if callee[1] in FLASK_SQLALCHEMY:
                    return ('sqla_db',)
                if callee[1] in REGISTRIES:
                    return ('registry',)
            if callee == ('generate_base',):
                return ('sqla_root', False)
            # django-oscar's loader: get_class("app.module", "Name") imports oscar.apps.app.module.Name.
            strings = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if func_name == 'get_class' and len(strings) == 2:
                target = self.modules.get(f'oscar.apps.{strings[0]}')
                return self.name(target, strings[1]) if target else None
        return None

    def classify(self, mod, node, seen=()):
        """(family, is_table) of a class; family None when it is no model class."""
        family, table, _ = self.classify_mapped(mod, node, seen)
        return family, table

    def classify_mapped(self, mod, node, seen=()):
        """(family, is_table, mapped SQLAlchemy ancestors as (names, flask)) of a class."""
        if node in seen:
            return None, False, []
        family = None
        declarative = False
        flask = False
        mapped = []  # [(class node, flask)] of SQLAlchemy ancestors that are mapped (not bases, not abstract)
        for base in node.bases:
            v = self.expr(mod, base)
            if v is None:
                continue
            found = None
            if v[0] == 'class':
                found, _, above = self.classify_mapped(v[1], v[2], seen + (node,))
                if found == 'sqlalchemy':
                    parent_flask = any(f for _, f in above) or self.flask_root(v[1], v[2])
                    if self.is_mapped(v[1], v[2]):
                        mapped.append((v[2], parent_flask))
                    mapped.extend(above)
            elif v[0] == 'sqla_root':
                found = 'sqlalchemy'
            elif v[0] == 'ext':
                if v[1] in DJANGO_MODEL or v[1] in EXTERNAL_DJANGO_MODELS:
                    found = 'django'
                elif v[1] in DECLARATIVE_CLASSES:
                    found, declarative = 'sqlalchemy', True
                elif v[1] in SQLMODEL:
                    found = 'sqlmodel'
            family = family or found
        if family == 'django':
            meta = next((s for s in node.body if isinstance(s, ast.ClassDef) and s.name == 'Meta'), None)
            options = {}
            for s in meta.body if meta else []:
                if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name):
                    if isinstance(s.value, ast.Constant):
                        options[s.targets[0].id] = s.value.value
            return family, options.get('abstract') is not True and options.get('proxy') is not True, []
        if family == 'sqlalchemy':
            table = not declarative and not class_flag(node, '__abstract__')
            if table and mapped:
                # Under a mapped class, a table of its own needs a ForeignKey to an ancestor's table (joined
                # inheritance); otherwise its rows live in the parent's table (single-table inheritance).
                names = set()
                for ancestor, is_flask in mapped:
                    names.add(ancestor.name)
                    names.update(class_strings(ancestor, '__tablename__'))
                    if is_flask:
                        names.add(re.sub(r'((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))', r'_\1', ancestor.name).lower().lstrip('_'))
                table = any(foreign_key_table(call) & names for call in ast.walk(node) if is_call_of(call, 'ForeignKey'))
            return family, table, mapped
        if family == 'sqlmodel':
            table = any(k.arg == 'table' and isinstance(k.value, ast.Constant) and k.value.value is True for k in node.keywords)
            return family, table, []
        return None, False, []

    def is_mapped(self, mod, node):
        family, _, _ = self.classify_mapped(mod, node)
        return family == 'sqlalchemy' and not class_flag(node, '__abstract__') and not any(
            (v := self.expr(mod, b)) is not None and v[0] == 'ext' and v[1] in DECLARATIVE_CLASSES for b in node.bases)

    def flask_root(self, mod, node):
        return any((v := self.expr(mod, b)) is not None and v == ('sqla_root', True) for b in node.bases)


def class_flag(node, name):
    return any(isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in s.targets)
               and isinstance(s.value, ast.Constant) and s.value.value is True for s in node.body)


def class_strings(node, name):
    return {s.value.value for s in node.body if isinstance(s, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in s.targets)
            and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str)}


def is_call_of(node, name):
    return isinstance(node, ast.Call) and (getattr(node.func, 'id', None) == name or getattr(node.func, 'attr', None) == name)


def foreign_key_table(call):
    """The names a ForeignKey's first argument can mean: "table.col" -> table (and schema.table), Model.id -> Model."""
    if not call.args:
        return set()
    arg = call.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        parts = arg.value.split('.')
        return {'.'.join(parts[:-1]), parts[-2] if len(parts) > 1 else ''} - {''}
    if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name):
        return {arg.value.id}
    return set()


def main():
    root = os.path.abspath(sys.argv[1])
    ref = Reference(root)
    tables = []
    externals = Counter()
    for mod in ref.modules.values():
        for node in mod.classes:
            family, table = ref.classify(mod, node)
            if table:
                tables.append([mod.rel, node.name, node.lineno, family])
            elif family is None:
                for base in node.bases:
                    v = ref.expr(mod, base)
                    if v is not None and v[0] == 'ext':
                        externals[v[1]] += 1
    if '--externals' in sys.argv:
        for name, count in externals.most_common(80):
            print(count, name)
        return
    tables.sort()
    print(json.dumps({'files': len(ref.files), 'unreadable': ref.unreadable, 'tables': tables}))


if __name__ == '__main__':
    main()
