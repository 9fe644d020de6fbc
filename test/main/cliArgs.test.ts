import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseArgs, UsageError, type OptionSpec } from '../../main/cli/args';

// The hand-written argv parser every carve command uses.

const spec: OptionSpec = { out: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' } };

describe('parseArgs', () => {
  it('reads --name value, --name=value, -n value, booleans and positionals in any order', () => {
    expect(parseArgs(['a', '--out', 'x', '-q', 'b'], spec)).toEqual({ positionals: ['a', 'b'], values: { out: 'x', quiet: true } });
    expect(parseArgs(['--out=y=z', 'a'], spec)).toEqual({ positionals: ['a'], values: { out: 'y=z' } });
    expect(parseArgs(['-o', 'f.carve'], spec)).toEqual({ positionals: [], values: { out: 'f.carve' } });
    expect(parseArgs(['-o', '-'], spec).values.out).toBe('-');
  });

  it('treats everything after -- as positionals', () => {
    expect(parseArgs(['--', '--out', '-q'], spec)).toEqual({ positionals: ['--out', '-q'], values: {} });
  });

  it('refuses unknown options, missing values and values on booleans', () => {
    expect(() => parseArgs(['--nope'], spec)).toThrow(new UsageError('unknown option --nope'));
    expect(() => parseArgs(['-x'], spec)).toThrow(new UsageError('unknown option -x'));
    expect(() => parseArgs(['--out'], spec)).toThrow(new UsageError('--out needs a value'));
    expect(() => parseArgs(['--out', '--quiet'], spec)).toThrow(new UsageError('--out needs a value'));
    expect(() => parseArgs(['--quiet=1'], spec)).toThrow(new UsageError('--quiet takes no value'));
    expect(() => parseArgs(['--constructor'], spec)).toThrow(UsageError);
    expect(() => parseArgs(['--__proto__', 'x'], spec)).toThrow(UsageError);
  });

  it('on any argv either parses or throws a UsageError, never anything else', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('--', '-', '--out', '-o', '-q', '--quiet', '--out=', '--toString')), {
          maxLength: 8,
        }),
        (argv) => {
          try {
            const parsed = parseArgs(argv, spec);
            expect(Object.keys(parsed.values).every((key) => key in spec)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(UsageError);
          }
        },
      ),
    );
  });
});
