/** Field parsers shared by the formats: each returns the value or records a problem naming the field. */
import type { Position, Problems } from './problems.ts';

export class FieldReader {
  constructor(
    private readonly values: Record<string, string | undefined>,
    private readonly at: Position,
    private readonly problems: Problems,
  ) {}

  /** The file has this column (an absent column leaves what it describes as it is). */
  has(field: string): boolean {
    return this.values[field] !== undefined;
  }

  /** Values separated by `|`, trimmed, without empties or repeats; [] when empty. */
  split(field: string): string[] {
    const raw = this.optional(field);
    return raw === null
      ? []
      : [
          ...new Set(
            raw
              .split('|')
              .map((v) => v.trim())
              .filter(Boolean),
          ),
        ];
  }

  optional(field: string): string | null {
    const value = this.values[field]?.trim();
    return value ? value : null;
  }

  required(field: string): string {
    const value = this.optional(field);
    if (value === null) this.problems.add('VALUE_REQUIRED', this.at, field, 'is required but empty');
    return value ?? '';
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], fallback?: T): T {
    const value = fallback === undefined ? this.required(field) : (this.optional(field) ?? fallback);
    if (value && !allowed.includes(value as T)) {
      this.problems.add('VALUE_ENUM', this.at, field, `'${value}' is not one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  /** An optional enumerated value: null when empty, a problem when not allowed. */
  optionalOneOf<T extends string>(field: string, allowed: readonly T[]): T | null {
    const value = this.optional(field);
    if (value === null) return null;
    if (!allowed.includes(value as T)) {
      this.problems.add('VALUE_ENUM', this.at, field, `'${value}' is not one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  /** A SHA-256 digest: 64 hex characters, stored lower-case. */
  sha256(field: string): string | null {
    const value = this.optional(field);
    if (value === null) return null;
    if (!/^[0-9a-fA-F]{64}$/.test(value)) {
      this.problems.add(
        'VALUE_DIGEST',
        this.at,
        field,
        `'${value.length > 20 ? `${value.slice(0, 20)}...` : value}' is not a SHA-256 digest (64 hex characters)`,
      );
    }
    return value.toLowerCase();
  }

  integer(field: string, range: { min: number; max: number }, required: boolean): number | null {
    const raw = required ? this.required(field) : this.optional(field);
    if (raw === null || raw === '') return null;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      this.problems.add('VALUE_NUMBER', this.at, field, `'${raw}' is not a whole number from ${range.min} to ${range.max}`);
      return null;
    }
    return value;
  }

  boolean(field: string, fallback: boolean): boolean {
    const raw = this.optional(field)?.toLowerCase();
    if (raw === null || raw === undefined) return fallback;
    if (['true', 'yes', '1', 'y'].includes(raw)) return true;
    if (['false', 'no', '0', 'n'].includes(raw)) return false;
    this.problems.add('VALUE_BOOLEAN', this.at, field, `'${raw}' is not true or false`);
    return fallback;
  }

  /** A boolean that may be unanswered: null when empty. */
  optionalBoolean(field: string): boolean | null {
    if (this.optional(field) === null) return null;
    return this.boolean(field, false);
  }

  /** A list of allowed values separated by `|`; `none` is the answer "none of them" ([]), empty is null. */
  optionalList<T extends string>(field: string, allowed: readonly T[]): T[] | null {
    const raw = this.optional(field);
    if (raw === null) return null;
    const values = raw
      .split('|')
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length === 1 && values[0] === 'none') return [];
    const bad = values.filter((v) => !allowed.includes(v as T));
    if (bad.length) this.problems.add('VALUE_ENUM', this.at, field, `'${bad.join('|')}' not in ${allowed.join(', ')} (or none)`);
    return [...new Set(values)] as T[];
  }

  /** A non-negative number, also in exponent form (1e25); null when empty. */
  optionalNumber(field: string): number | null {
    const raw = this.optional(field);
    if (raw === null) return null;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      this.problems.add('VALUE_NUMBER', this.at, field, `'${raw}' is not a non-negative number`);
      return null;
    }
    return value;
  }

  /** An ISO calendar date `YYYY-MM-DD` that exists (no 2024-02-30). */
  date(field: string, required = false): string | null {
    const raw = required ? this.required(field) : this.optional(field);
    if (!raw) return null;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
    const parsed = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
    if (!parsed || parsed.toISOString().slice(0, 10) !== raw) {
      // Day and month order differ by locale (01.02.2023, 2/1/2023): never guessed.
      const locale = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(raw) ? ': a locale date format; use YYYY-MM-DD or a date cell' : '';
      this.problems.add('VALUE_DATE', this.at, field, `'${raw}' is not a date in the form YYYY-MM-DD${locale}`);
      return null;
    }
    return raw;
  }
}
