import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanPythonSource } from '../../shared/importer/scanSource';
import { codingCookie, decodePython } from '../../main/services/python/decode';

// The hand-written Python lexer on its own: import forms, blocks, syntax errors, line counts, decoding.

const imports = (src: string) =>
  scanPythonSource(src).imports.map(
    (i) => `${i.line}:${'.'.repeat(i.level)}${i.module}${i.names ? `[${i.names.join(',')}]` : ''}:${i.kind}:${i.scope}`,
  );

describe('scanPythonSource: imports', () => {
  it('reads relative imports with dots written as one ellipsis token', () => {
    expect(imports('from ... import a\nfrom ....b import c\nfrom .import d\n')).toEqual([
      '1:...[a]:runtime:module',
      '2:....b[c]:runtime:module',
      '3:.[d]:runtime:module',
    ]);
  });

  it('gives each statement of a line joined by brackets or semicolons its own line', () => {
    expect(imports('x = (\n  1); import a\ny = [\n]\nimport b; import c\n')).toEqual([
      '2:a:runtime:module',
      '5:b:runtime:module',
      '5:c:runtime:module',
    ]);
  });

  it('ignores imports inside every kind of string and comment', () => {
    const src = [
      "a = 'import x'",
      'b = """',
      'import y',
      '"""',
      'c = f\'{"import z"}\'',
      '# import w',
      "d = rb'\\' import v'",
      "e = f'''{a!r:{'>'}10}",
      "import u'''",
      'import real',
    ].join('\n');
    expect(imports(src)).toEqual(['10:real:runtime:module']);
  });

  it('records the innermost meaning: type-checking beats optional, function scope through classes', () => {
    const src = [
      'try:',
      '    if TYPE_CHECKING:',
      '        import a',
      '    class C:',
      '        def m(self):',
      '            import b',
      'except ModuleNotFoundError:',
      '    pass',
    ].join('\n');
    expect(imports(src)).toEqual(['3:a:type-checking:module', '6:b:optional:function']);
  });

  it('does not make a try optional when its handler catches something else, even after a later ImportError handler elsewhere', () => {
    const src = ['try:', '    import a', 'except KeyError:', '    pass', 'try:', '    import b', 'except ImportError:', '    pass'].join(
      '\n',
    );
    expect(imports(src)).toEqual(['2:a:runtime:module', '6:b:optional:module']);
  });

  it('treats match and case as names when they are not statements', () => {
    expect(imports('match = 1\ncase = 2\nimport a\n')).toEqual(['3:a:runtime:module']);
  });
});

describe('scanPythonSource: syntax errors as CPython names them', () => {
  const cases: Array<[string, string, number]> = [
    ["x = 'abc\n", 'unterminated string literal', 1],
    ['x = 1\ns = """abc\n', 'unterminated triple-quoted string literal', 2],
    ['f(1,\n  2\n', "'(' was never closed", 1],
    ['x = 1)\n', "unmatched ')'", 1],
    ['x = [1)\n', "closing parenthesis ')' does not match opening parenthesis '['", 1],
    ['x = 1\n    y = 2\n', 'unexpected indent', 2],
    ['if x:\ny = 2\n', 'expected an indented block after line 1', 2],
    ['if x:\n', 'expected an indented block after line 1', 2],
    ['if x:\n        a = 1\n    b = 2\n', 'unindent does not match any outer indentation level', 3],
    ['if x:\n\ta = 1\n        b = 2\n', 'inconsistent use of tabs and spaces in indentation', 3],
    ['x = 1 $ 2\n', "invalid character '$' (U+0024)", 1],
    ['x = a ! b\n', "invalid syntax: '!' alone is not an operator", 1],
    ['x = 1 \\ 2\n', 'unexpected character after line continuation character', 1],
    ['x = 1\u00a0\n', 'invalid non-printable character U+00A0', 1],
  ];
  for (const [src, reason, line] of cases) {
    it(`${JSON.stringify(src)}: ${reason}`, () => {
      expect(scanPythonSource(src).error).toEqual({ line, reason });
    });
  }

  it('accepts valid code: unicode names, tabs used alike, nested f-strings, numbers, continuation lines', () => {
    const src = 'def f():\n\tnaïve = 1e-3 + 0x1F + 1_000j\n\treturn f"{naïve:{\'>\'}{10}}" \\\n\t\t+ "x"\nπ = 3\n';
    expect(scanPythonSource(src).error).toBeNull();
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const scan = scanPythonSource(text);
        expect(scan.lines).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on Python-like token soup', () => {
    const piece = fc.constantFrom(
      'import ',
      'from ',
      '.',
      'a',
      ' as ',
      ',',
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      ':',
      '\n',
      '    ',
      '\t',
      '"',
      "'",
      '"""',
      'f"',
      '{x}',
      '\\\n',
      '#c',
      ';',
      'if TYPE_CHECKING',
      'try',
      'except ImportError',
      'class C(models.Model)',
      'x = ForeignKey("a.B")',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        scanPythonSource(pieces.join(''));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('scanPythonSource: generated import statements', () => {
  const name = fc.constantFrom('a', 'b_2', 'pkg', 'x', 'Ünï');
  const dotted = fc.array(name, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
  const filler = fc.constantFrom(
    'x = 1',
    '# import nope',
    's = "import nope"',
    't = """\nimport nope\n"""',
    'call(\n  1,\n  2)',
    '',
    'if x:\n    pass',
  );
  const statement = fc.oneof(
    dotted.map((m) => ({ text: `import ${m}`, module: m, level: 0, lines: 1 })),
    fc.tuple(fc.nat(3), dotted, fc.array(name, { minLength: 1, maxLength: 3 })).map(([level, m, names]) => ({
      text: `from ${'.'.repeat(level)}${m} import (\n    ${names.join(',\n    ')},\n)`,
      module: m,
      level,
      lines: names.length + 2,
    })),
    dotted.map((m) => ({ text: `import \\\n    ${m}`, module: m, level: 0, lines: 2 })),
  );

  it('finds every statement at its line, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, statement), { maxLength: 20 }), (items) => {
        const lines: string[] = [];
        const expected: string[] = [];
        for (const [fill, stmt] of items) {
          if (fill !== '') lines.push(...fill.split('\n'));
          expected.push(`${lines.length + 1}:${'.'.repeat(stmt.level)}${stmt.module}`);
          lines.push(...stmt.text.split('\n'));
        }
        const found = scanPythonSource(lines.join('\n')).imports.map((i) => `${i.line}:${'.'.repeat(i.level)}${i.module}`);
        expect(found).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('scanPythonSource: counts', () => {
  it('counts non-blank lines that are not comment-only; docstring lines count', () => {
    const scan = scanPythonSource('# comment\n\nx = 1  # trailing\n"""doc\n\nstill doc\n"""\n    # indented comment\n');
    expect(scan.lines).toBe(8);
    expect(scan.codeLines).toBe(4);
  });

  it('keeps dotted names as bases and relation targets, never the constants None, True, False', () => {
    const [cls] = scanPythonSource(
      'class C(object, None, a.B, Base[int], metaclass=M):\n    x = ForeignKey(None)\n    y = ForeignKey(to=app.Model)\n',
    ).classes;
    expect(cls!.bases).toEqual(['object', 'a.B']);
    expect(cls!.fields.map((f) => f.target)).toEqual([null, 'app.Model']);
  });

  it('counts Blueprint( and APIRouter( calls, not their definitions', () => {
    const scan = scanPythonSource(
      'bp = Blueprint("a", __name__)\nr = fastapi.APIRouter ()\nclass Blueprint(object): pass\ns = "Blueprint("\n',
    );
    expect([scan.blueprints, scan.routers]).toEqual([1, 1]);
  });
});

describe('decodePython', () => {
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

  it('honours a coding cookie on line 2 only when line 1 is a comment', () => {
    expect(codingCookie(bytes('#!/usr/bin/env python\n# -*- coding: latin-1 -*-\n'))).toBe('latin-1');
    expect(codingCookie(bytes('import x\n# -*- coding: latin-1 -*-\n'))).toBeNull();
  });

  it('reads Latin-1 as Latin-1 proper (0x80-0x9F are not cp1252 there)', () => {
    const decoded = decodePython(bytes('# coding: latin-1\ns = "\x93\xe9"\n'));
    expect(decoded).toEqual({ ok: true, text: '# coding: latin-1\ns = "\u0093\u00e9"\n' });
  });

  it('reads cp1252 with its curly quotes', () => {
    const decoded = decodePython(bytes('# coding: cp1252\ns = "\x93"\n'));
    expect(decoded).toEqual({ ok: true, text: '# coding: cp1252\ns = "\u201c"\n' });
  });

  it('refuses a BOM with a cookie not spelled utf-8, as CPython does', () => {
    const bom = [0xef, 0xbb, 0xbf];
    expect(decodePython(new Uint8Array([...bom, ...bytes('# coding: utf8\n')]))).toEqual({
      ok: false,
      reason: 'encoding problem: utf8 with a UTF-8 BOM',
    });
    expect(decodePython(new Uint8Array([...bom, ...bytes('# coding: utf-8\n')]))).toEqual({ ok: true, text: '# coding: utf-8\n' });
  });

  it('strips a UTF-8 BOM and refuses an unknown coding in one line', () => {
    expect(decodePython(new Uint8Array([0xef, 0xbb, 0xbf, 0x78]))).toEqual({ ok: true, text: 'x' });
    expect(decodePython(bytes('# coding: klingon\n'))).toEqual({
      ok: false,
      reason: "unknown encoding 'klingon' in the coding declaration",
    });
  });
});
