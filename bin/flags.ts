/**
 * Flags declared once per command (FlagSpec), parsed strictly by node:util parseArgs, with the usage text
 * generated from the same declarations and the nearest known name suggested for a mistyped one (as gh's
 * cmdutil/flags.go). Every mistake here is a UsageError: exit code 2 (bin/cli.ts).
 */
import { parseArgs } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';
import { CrosswalkError } from '../graph/errors.ts';

/** The command line is wrong: an unknown or mistyped option or command, a bad option value. Exit 2. */
export class UsageError extends CrosswalkError {}

export interface FlagSpec {
  /** The long name, without `--`. */
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** What the value is called in the usage text (`--org ID`). */
  readonly valueName?: string;
  /** The allowed values, checked at parse time. */
  readonly values?: readonly string[];
  readonly required?: boolean;
  /** The flag may be given several times (string flags: a list). */
  readonly multiple?: boolean;
}

export interface CommandSpec {
  readonly name: string;
  /** One line for `crosswalk --help`. */
  readonly summary: string;
  /** Usage lines without the leading `crosswalk NAME`. */
  readonly synopsis: readonly string[];
  /** Text after the options in `crosswalk help NAME`. */
  readonly description?: string;
  readonly flags: readonly FlagSpec[];
  /** Sub-commands: the first positional must be one of them (db start|stop|status, export mappings|soa|bloom). */
  readonly actions?: readonly string[];
  /** Positionals after the action; default none. */
  readonly positionals?: { readonly name: string; readonly min?: number; readonly max?: number };
}

/** Accepted by every command. */
export const COMMON_FLAGS: readonly FlagSpec[] = [
  { name: 'help', type: 'boolean', description: 'show this help' },
  { name: 'debug', type: 'boolean', description: 'print stack traces of errors (also CROSSWALK_DEBUG=1)' },
];

export const JSON_FLAG: FlagSpec = {
  name: 'json',
  type: 'boolean',
  description: 'print the result as JSON on stdout (shapes in the README)',
};

export type FlagValue = string | boolean | string[] | undefined;

export interface ParsedCommandLine {
  /** The sub-command, when the spec has actions. */
  action?: string;
  positionals: string[];
  flags: Record<string, FlagValue>;
}

/** The known name nearest to `word` when it is close enough to be a typo, else undefined. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (!candidates.length) return undefined;
  const best = closest(word, [...candidates]);
  // A third of the word, at least 2 edits: catches --fromat, --demoo, --jsn; not unrelated words.
  return distance(word, best) <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

const didYouMean = (word: string, candidates: readonly string[], prefix = ''): string | undefined => {
  const near = suggest(word, candidates);
  return near ? `Did you mean ${prefix}${near}?` : undefined;
};

function allFlags(spec: CommandSpec): FlagSpec[] {
  return [...spec.flags, ...COMMON_FLAGS];
}

/** Parses `argv` (the arguments after the command name) against the command's flags; throws UsageError. */
export function parseCommandLine(spec: CommandSpec, argv: readonly string[]): ParsedCommandLine {
  const flags = allFlags(spec);
  const options = Object.fromEntries(flags.map((f) => [f.name, { type: f.type, multiple: f.multiple ?? false }]));
  const help = `Run 'crosswalk help ${spec.name}' for the options.`;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageErrorFrom(error, spec, flags, help);
  }
  const values = parsed.values as Record<string, FlagValue>;
  if (values.help) return { positionals: parsed.positionals, flags: values };

  for (const flag of flags) {
    const value = values[flag.name];
    if (flag.values && value !== undefined) {
      for (const v of Array.isArray(value) ? value : [value]) {
        if (typeof v === 'string' && !flag.values.includes(v)) {
          throw new UsageError(
            `--${flag.name} '${v}' is not one of ${flag.values.join(', ')}`,
            didYouMean(v, flag.values, `--${flag.name} `) ?? help,
          );
        }
      }
    }
    if (flag.required && (value === undefined || value === '')) {
      throw new UsageError(`--${flag.name} is required`, `Add --${flag.name} ${flag.valueName ?? 'VALUE'}. ${help}`);
    }
  }

  const positionals = [...parsed.positionals];
  let action: string | undefined;
  if (spec.actions) {
    action = positionals.shift();
    if (!action) throw new UsageError(`${spec.name} needs one of: ${spec.actions.join(', ')}`, help);
    if (!spec.actions.includes(action)) {
      throw new UsageError(
        `unknown ${spec.name} action '${action}'`,
        didYouMean(action, spec.actions) ?? `Use one of: ${spec.actions.join(', ')}.`,
      );
    }
  }
  const { min = 0, max = 0, name = 'argument' } = spec.positionals ?? {};
  if (positionals.length < min) throw new UsageError(`${spec.name}${action ? ` ${action}` : ''} needs ${name}`, help);
  if (positionals.length > max) {
    const extra = positionals[max] ?? '';
    const near = extra.startsWith('-') ? undefined : didYouMean(extra, spec.actions ?? []);
    throw new UsageError(`unexpected argument '${extra}'`, near ?? help);
  }
  return { action, positionals, flags: values };
}

function usageErrorFrom(error: unknown, spec: CommandSpec, flags: FlagSpec[], help: string): unknown {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1] ?? '';
    const name = option.replace(/^-+/, '').split('=')[0] ?? '';
    return new UsageError(
      `unknown option '${option}'`,
      didYouMean(
        name,
        flags.map((f) => f.name),
        '--',
      ) ?? help,
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'(--?[\w-]+)/.exec(message)?.[1] ?? '';
    const flag = flags.find((f) => `--${f.name}` === option);
    if (flag?.type === 'boolean') return new UsageError(`${option} takes no value`, help);
    return new UsageError(`${option || 'an option'} needs a value`, flag ? `${option} ${flag.valueName ?? 'VALUE'}` : help);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(message, help);
  return error;
}

/** The `crosswalk help NAME` text, generated from the spec. */
export function usage(spec: CommandSpec): string {
  const lines = spec.synopsis.map((s, i) => `${i === 0 ? 'Usage: ' : '       '}crosswalk ${spec.name}${s ? ` ${s}` : ''}`);
  lines.push('', spec.summary.charAt(0).toUpperCase() + spec.summary.slice(1) + '.');
  const flags = allFlags(spec);
  const left = (f: FlagSpec) =>
    `--${f.name}${f.type === 'string' ? ` ${f.values && f.values.length <= 5 ? f.values.join('|') : (f.valueName ?? 'VALUE')}` : ''}`;
  const width = Math.min(30, Math.max(...flags.map((f) => left(f).length)));
  lines.push('', 'Options:');
  for (const f of flags) {
    const l = left(f);
    const extra = [f.required ? 'required' : '', f.multiple ? 'repeatable' : ''].filter(Boolean).join(', ');
    const text = wrap(`${f.description}${extra ? ` (${extra})` : ''}`, 100 - width - 4).join(`\n  ${''.padEnd(width)}  `);
    lines.push(l.length > width ? `  ${l}\n  ${''.padEnd(width)}  ${text}` : `  ${l.padEnd(width)}  ${text}`);
  }
  if (spec.description) lines.push('', spec.description.trim());
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** Typed accessors for a parsed command line (the values were checked against the spec). */
export function stringValue(parsed: ParsedCommandLine, name: string): string | undefined {
  const v = parsed.flags[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? v.at(-1) : undefined;
}

export function booleanValue(parsed: ParsedCommandLine, name: string): boolean {
  return parsed.flags[name] === true;
}

/** `--framework a,b --framework c` = [a, b, c]. */
export function listValue(parsed: ParsedCommandLine, name: string): string[] | undefined {
  const v = parsed.flags[name];
  if (v === undefined || typeof v === 'boolean') return undefined;
  const list = (Array.isArray(v) ? v : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : undefined;
}
