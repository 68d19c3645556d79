/**
 * Admin review of imported mappings over GraphQL (issue #18): `approveMappings` and `rejectMappings`
 * decide the mappings a filter selects, recording who (the token's subject) and when, with the same code
 * as `crosswalk mappings` (importers/mapping-review.ts). The decision and the maintenance of coverage
 * (`maintain(tx, { mappings: true })`: the inference paths every organization shares) run in ONE
 * transaction, so coverage is current when the response is sent. `preview: true` with `org` returns what
 * the decision would change in that organization's coverage and keeps nothing.
 */
import type { Driver } from 'neo4j-driver';
import { decideMappings, MappingFilterError, type Decision, type MappingFilter } from '../importers/mapping-review.ts';
import { apiError, ErrorCode } from './errors.ts';

interface ReviewArgs {
  filter: {
    source?: string | null;
    frameworks?: string[] | null;
    relationship?: string | null;
    file?: string | null;
    status?: string | null;
    pair?: string[] | null;
  };
  org?: string | null;
  preview?: boolean | null;
}

interface ReviewContext {
  jwt?: { roles?: string[]; sub?: string };
  sessionConfig?: { database?: string };
}

function filterOf(args: ReviewArgs): MappingFilter {
  const f = args.filter;
  if (f.pair && f.pair.length !== 2) throw apiError(ErrorCode.BAD_USER_INPUT, 'pair names a source and a target uid');
  const filter: MappingFilter = {
    source: f.source ?? undefined,
    frameworks: f.frameworks ?? undefined,
    relationship: f.relationship ?? undefined,
    file: f.file ?? undefined,
    status: f.status ?? 'draft',
    pair: f.pair ? [f.pair[0]!, f.pair[1]!] : undefined,
  };
  if (!filter.source && !filter.frameworks && !filter.relationship && !filter.file && !filter.pair)
    throw apiError(ErrorCode.BAD_USER_INPUT, 'give at least one of source, frameworks, relationship, file, pair');
  return filter;
}

const decide =
  (driver: Driver | undefined, decision: Decision) => async (_: unknown, args: ReviewArgs, context: ReviewContext) => {
    if (!context.jwt?.roles?.includes('admin')) throw apiError(ErrorCode.FORBIDDEN, 'Only admins approve or reject mappings.');
    if (!driver) throw new Error('mapping review needs a database (the schema was built without a driver)');
    if (args.preview && !args.org) throw apiError(ErrorCode.BAD_USER_INPUT, 'preview needs org');
    try {
      return await decideMappings(
        { driver, database: context.sessionConfig?.database },
        filterOf(args),
        decision,
        context.jwt.sub ?? 'graphql',
        { previewOrg: args.org ?? undefined, keep: !args.preview },
      );
    } catch (error) {
      if (error instanceof MappingFilterError) throw apiError(ErrorCode.BAD_USER_INPUT, error.message);
      throw error;
    }
  };

export function mappingReviewResolvers(driver?: Driver) {
  return { approveMappings: decide(driver, 'approved'), rejectMappings: decide(driver, 'rejected') };
}
