#!/usr/bin/env python3
"""The CPython reference for Carve's Python importer.

Walks a source tree with CPython's own `ast` module and prints, as JSON, what Carve's TypeScript lexer must find:
every imported name (file, line, kind, scope, absolute module, resolved target), every class with its bases and
its ForeignKey / OneToOneField / ManyToManyField fields, Blueprint( and APIRouter( calls, INSTALLED_APPS, AUTH_USER_MODEL, and
the files CPython cannot parse. test/main/pythonImport.test.ts compares the two on test/fixtures/python, and
bench/pythonImport.bench.ts times both on a generated tree.

Module names: a file's package is found by walking up while folders hold an __init__.py (the fixture is laid out
so that this agrees with Carve's source-root detection). Usage: py_ast_deps.py DIR [--summary]
"""
import ast
import fnmatch
import json
import os
import sys

SKIP_DIRS = {'venv', '.venv', 'env', 'site-packages', 'node_modules', 'build', 'dist', '__pycache__', '.git',
             '.tox', '.mypy_cache'}
FIELDS = {'ForeignKey', 'OneToOneField', 'ManyToManyField'}
IMPORT_ERRORS = {'ImportError', 'ModuleNotFoundError'}


def gitignore_patterns(folder):
    try:
        with open(os.path.join(folder, '.gitignore'), encoding='utf-8') as f:
            lines = [line.strip() for line in f]
    except OSError:
        return []
    return [line for line in lines if line and not line.startswith('#') and not line.startswith('!')]


def ignored(name, is_dir, patterns):
    for pattern in patterns:
        if pattern.endswith('/'):
            if is_dir and fnmatch.fnmatch(name, pattern.rstrip('/').lstrip('/')):
                return True
        elif fnmatch.fnmatch(name, pattern.lstrip('/')):
            return True
    return False


def walk(root):
    """Relative paths of the .py files, skipping ignored and skipped folders, never following a symlink loop."""
    seen = set()
    out = []

    def visit(folder, rel, patterns):
        real = os.path.realpath(folder)
        if real in seen:
            return
        seen.add(real)
        patterns = patterns + gitignore_patterns(folder)
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            is_dir = entry.is_dir()
            if ignored(entry.name, is_dir, patterns):
                continue
            child = rel + '/' + entry.name if rel else entry.name
            if is_dir:
                if entry.name in SKIP_DIRS or entry.name.endswith('.egg-info'):
                    continue
                visit(entry.path, child, patterns)
            elif entry.name.endswith('.py') and entry.is_file():
                out.append(child)

    visit(root, '', [])
    return out


def module_name(root, rel):
    parts = rel[:-3].split('/')
    is_package = parts[-1] == '__init__'
    if is_package:
        parts = parts[:-1]
    folders = rel.split('/')[:-1]
    # keep the trailing folders that are packages
    keep = 0
    while keep < len(folders) and os.path.exists(os.path.join(root, *folders[:len(folders) - keep], '__init__.py')):
        keep += 1
    package_parts = folders[len(folders) - keep:]
    name = package_parts + ([] if is_package else [parts[-1]])
    return '.'.join(name), is_package


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return inner + '.' + node.attr if inner is not None else None
    return None


def callee_name(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def literal_target(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return dotted(node)


def catches_import_error(handler):
    kind = handler.type
    if kind is None:
        return False
    items = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    return any(callee_name(item) in IMPORT_ERRORS for item in items)


def is_type_checking(test):
    name = dotted(test)
    return name is not None and (name == 'TYPE_CHECKING' or name.endswith('.TYPE_CHECKING'))


class FileVisitor:
    def __init__(self):
        self.imports = []  # (line, kind, scope, level, module, names)
        self.classes = []
        self.lists = {}
        self.installed_apps = None
        self.auth_user_model = None

    def body(self, stmts, scope, tc, opt, top):
        for s in stmts:
            self.stmt(s, scope, tc, opt, top)

    def stmt(self, s, scope, tc, opt, top):
        kind = 'type-checking' if tc else 'optional' if opt else 'runtime'
        if isinstance(s, ast.Import):
            for alias in s.names:
                self.imports.append((s.lineno, kind, scope, 0, alias.name, None))
        elif isinstance(s, ast.ImportFrom):
            self.imports.append((s.lineno, kind, scope, s.level, s.module or '', [a.name for a in s.names]))
        elif isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.body(s.body, 'function', tc, opt, False)
        elif isinstance(s, ast.ClassDef):
            self.class_def(s)
            self.body(s.body, scope, tc, opt, False)
        elif isinstance(s, ast.If):
            self.body(s.body, scope, tc or is_type_checking(s.test), opt, top)
            self.body(s.orelse, scope, tc, opt, top)
        elif isinstance(s, (ast.Try, getattr(ast, 'TryStar', ast.Try))):
            catches = any(catches_import_error(h) for h in s.handlers)
            self.body(s.body, scope, tc, opt or catches, top)
            for h in s.handlers:
                self.body(h.body, scope, tc, opt, top)
            self.body(s.orelse, scope, tc, opt, top)
            self.body(s.finalbody, scope, tc, opt, top)
        elif isinstance(s, (ast.For, ast.AsyncFor, ast.While)):
            self.body(s.body, scope, tc, opt, top)
            self.body(s.orelse, scope, tc, opt, top)
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            self.body(s.body, scope, tc, opt, top)
        elif isinstance(s, ast.Match):
            for case in s.cases:
                self.body(case.body, scope, tc, opt, top)
        elif top and isinstance(s, (ast.Assign, ast.AugAssign)):
            self.apps(s)

    def class_def(self, s):
        bases = [d for d in (dotted(b) for b in s.bases) if d is not None]
        fields = []
        for item in s.body:
            if isinstance(item, ast.Assign) and len(item.targets) == 1:
                target, value = item.targets[0], item.value
            elif isinstance(item, ast.AnnAssign) and item.value is not None:
                target, value = item.target, item.value
            else:
                continue
            if not isinstance(target, ast.Name) or not isinstance(value, ast.Call):
                continue
            field = callee_name(value.func)
            if field not in FIELDS or dotted(value.func) is None:
                continue
            to = None
            if value.args:
                to = literal_target(value.args[0])
            else:
                for kw in value.keywords:
                    if kw.arg == 'to':
                        to = literal_target(kw.value)
            fields.append([target.id, item.lineno, field, to])
        self.classes.append([s.name, s.lineno, bases, fields])

    def evaluate(self, node):
        if isinstance(node, (ast.List, ast.Tuple)):
            if all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
                return [e.value for e in node.elts]
            return None
        if isinstance(node, ast.Name):
            return self.lists.get(node.id)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.evaluate(node.left), self.evaluate(node.right)
            return left + right if left is not None and right is not None else None
        return None

    def apps(self, s):
        if isinstance(s, ast.Assign):
            if len(s.targets) != 1 or not isinstance(s.targets[0], ast.Name):
                return
            name, value = s.targets[0].id, self.evaluate(s.value)
        else:
            if not isinstance(s.target, ast.Name) or not isinstance(s.op, ast.Add) or s.target.id not in self.lists:
                return
            name = s.target.id
            extra = self.evaluate(s.value)
            value = self.lists[name] + extra if extra is not None else None
        if name == 'AUTH_USER_MODEL' and isinstance(s, ast.Assign) and isinstance(s.value, ast.Constant) \
                and isinstance(s.value.value, str):
            self.auth_user_model = s.value.value
        if not name.endswith('APPS') or value is None:
            return
        self.lists[name] = value
        if name == 'INSTALLED_APPS':
            self.installed_apps = value


def count_calls(tree):
    blueprints = routers = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = callee_name(node.func)
            if name == 'Blueprint':
                blueprints += 1
            elif name == 'APIRouter':
                routers += 1
    return blueprints, routers


def absolute(module, level, own, is_package):
    if level == 0:
        return module
    parts = own.split('.') if own else []
    package = parts if is_package else parts[:-1]
    if level - 1 > len(package):
        return None
    base = package[:len(package) - (level - 1)]
    return '.'.join(base + ([module] if module else []))


def resolve(name, modules):
    parts = name.split('.')
    for k in range(len(parts), 0, -1):
        candidate = '.'.join(parts[:k])
        if candidate in modules:
            return candidate
    top = parts[0]
    return 'ext:' + top + ':' + ('stdlib' if top in sys.stdlib_module_names else 'third-party')


def main():
    root = os.path.abspath(sys.argv[1])
    summary = '--summary' in sys.argv
    files = walk(root)
    names = {rel: module_name(root, rel) for rel in files}
    modules = {name for name, _ in names.values()}
    imports, classes, calls, apps, user_models, errors = [], [], [], [], [], []
    for rel in files:
        try:
            with open(os.path.join(root, rel), 'rb') as f:
                tree = ast.parse(f.read(), filename=rel)
        except (SyntaxError, ValueError) as error:
            errors.append([rel, getattr(error, 'lineno', None), str(getattr(error, 'msg', error))])
            continue
        except OSError as error:
            errors.append([rel, None, error.strerror])
            continue
        own, is_package = names[rel]
        visitor = FileVisitor()
        visitor.body(tree.body, 'module', False, False, True)
        for line, kind, scope, level, module, imported in visitor.imports:
            base = absolute(module, level, own, is_package)
            if imported is None:
                imports.append([rel, line, kind, scope, base, None, resolve(base, modules)])
                continue
            for item in imported:
                if base is None:
                    imports.append([rel, line, kind, scope, None, item, None])
                    continue
                full = base + '.' + item if base and item != '*' else base
                target = full if full in modules else resolve(base, modules) if base else None
                imports.append([rel, line, kind, scope, base, item, target])
        for name, line, bases, fields in visitor.classes:
            classes.append([rel, name, line, bases, fields])
        blueprints, routers = count_calls(tree)
        if blueprints or routers:
            calls.append([rel, blueprints, routers])
        if visitor.installed_apps is not None:
            apps.append([rel, visitor.installed_apps])
        if visitor.auth_user_model is not None:
            user_models.append([rel, visitor.auth_user_model])
    if summary:
        print(json.dumps({'files': len(files), 'imports': len(imports), 'classes': len(classes), 'errors': len(errors)}))
        return
    print(json.dumps({'files': files, 'imports': imports, 'classes': classes, 'calls': calls, 'installedApps': apps,
                      'authUserModel': user_models, 'errors': errors}, indent=1))


if __name__ == '__main__':
    main()
