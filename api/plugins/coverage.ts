/**
 * Keeps the maintained coverage (coverage/) current for every GraphQL mutation. @neo4j/graphql runs its
 * own Cypher in its own transaction, so the plugin brackets it:
 * 1. once the operation is resolved, it works out what the mutation can touch (the ids and uids it names;
 *    a filter it cannot bound means the whole organization) and commits a pending token with what those
 *    nodes reach BEFORE the write (coverage/pending.ts);
 * 2. before the response is sent, it maintains the union of before and after and removes the token in one
 *    transaction, so a client that got its answer reads its write in every question (the driver's
 *    bookmarks carry that to a cluster's followers).
 * A crash in between leaves the token: the next question about that organization, or `crosswalk start`,
 * repairs it. Questions (the top-level @cypher fields) repair pending tokens of the caller's organization
 * before they run. Writes to frameworks and requirements (admin) rebuild the paths and every organization.
 */
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { FieldNode, OperationDefinitionNode } from 'graphql';
import { beginPending, finishPending, rebuild, repairPending, type OrgChange } from '../../coverage/index.ts';
import type { Graph } from '../../graph/connection.ts';
import { graphql } from '../graphql-runtime.ts';
import { questionFields } from '../questions.ts';

const { valueFromASTUntyped } = graphql;

export interface CoveragePluginOptions {
  graph: Graph;
  /** Top-level Query fields that read coverage: pending tokens are repaired first (default: every question). */
  questionFields?: readonly string[];
  /** The caller's organization (default: the `org` claim of the verified token in `context.jwt`). */
  organizationOf?: (context: unknown) => string | null;
  /** Timeout of the plugin's own transactions (default: none); the server passes its request timeout. */
  timeoutMs?: number;
  /** Where maintenance failures are reported (the write itself has succeeded; its token stays for repair). */
  onError?: (error: unknown) => void;
}

/** What the operation's mutation fields name; `bounded: false` when a filter could match anything. */
export interface Touched {
  ids: Set<string>;
  uids: Set<string>;
  bounded: boolean;
  reference: boolean;
}

const REFERENCE_TYPES = /^(create|update|delete)(Frameworks|Requirements)$/;
const ADOPTION = /^(add|remove)Adoption$/;
/** Inside a `where`, only these keys keep a filter bounded to the nodes it names. */
const STRUCTURAL = new Set(['AND', 'OR', 'node', 'some', 'single', 'all']);
const OPERATORS = new Set(['eq', 'in']);

function collectKey(value: unknown, into: Set<string>, touched: Touched, inWhere: boolean): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) collectKey(v, into, touched, inWhere);
  else if (value && typeof value === 'object') {
    for (const [op, v] of Object.entries(value)) {
      if (inWhere && !OPERATORS.has(op)) touched.bounded = false;
      collectKey(v, into, touched, inWhere);
    }
  }
}

function walk(value: unknown, touched: Touched, inWhere: boolean): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, touched, inWhere);
    return;
  }
  if (!value || typeof value !== 'object') {
    if (inWhere) touched.bounded = false; // a filter on anything but an id
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    // `id`, or a link mutation's `controlId`/`evidenceId`; `uid` or `requirementUid`.
    if (key === 'id' || (key.endsWith('Id') && key !== 'orgId')) collectKey(v, touched.ids, touched, inWhere);
    else if (key === 'uid' || key.endsWith('Uid')) collectKey(v, touched.uids, touched, inWhere);
    else if (key === 'where') walk(v, touched, true);
    else if (inWhere && !STRUCTURAL.has(key)) touched.bounded = false;
    else walk(v, touched, inWhere);
  }
}

/** The ids, uids and reach of an operation's mutation fields (variables substituted). */
export function touchedBy(operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): Touched {
  const touched: Touched = { ids: new Set(), uids: new Set(), bounded: true, reference: false };
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== 'Field') {
      touched.bounded = false;
      continue;
    }
    const field = selection as FieldNode;
    if (REFERENCE_TYPES.test(field.name.value)) touched.reference = true;
    // A framework adopted or dropped changes which requirements the organization's colours cover: all of them.
    if (ADOPTION.test(field.name.value)) touched.bounded = false;
    const args = Object.fromEntries((field.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)]));
    if (/^(update|delete)/.test(field.name.value) && !args.where) touched.bounded = false;
    walk(args, touched, false);
  }
  return touched;
}

function defaultOrganization(context: unknown): string | null {
  const org = (context as { jwt?: { org?: unknown } } | null)?.jwt?.org;
  return typeof org === 'string' ? org : null;
}

export function coveragePlugin(options: CoveragePluginOptions): ApolloServerPlugin {
  const questions = new Set(options.questionFields ?? questionFields().map((q) => q.field));
  const organizationOf = options.organizationOf ?? defaultOrganization;
  const tx = { timeoutMs: options.timeoutMs, metadata: { app: 'crosswalk-api-coverage' } };
  const report = options.onError ?? ((error: unknown) => console.error('[api] coverage maintenance failed:', error));
  return {
    async requestDidStart() {
      let pending: { token: string; change: OrgChange } | undefined;
      let reference = false;
      let oneField = false;
      return {
        async didResolveOperation(request: GraphQLRequestContext<object>) {
          const operation = request.operation;
          if (!operation) return;
          const org = organizationOf(request.contextValue);
          if (operation.operation === 'query') {
            const asksQuestion = operation.selectionSet.selections.some((s) => s.kind === 'Field' && questions.has(s.name.value));
            if (asksQuestion && org) await repairPending(options.graph, { org });
            return;
          }
          if (operation.operation !== 'mutation') return;
          const touched = touchedBy(operation, request.request.variables ?? {});
          oneField = operation.selectionSet.selections.length === 1;
          reference = touched.reference;
          if (!org || reference) return;
          pending = await beginPending(
            options.graph,
            {
              org,
              full: !touched.bounded,
              controls: [...touched.ids],
              evidence: [...touched.ids],
              requirements: [...touched.uids],
              // Ids are unique per label within the organization, so naming every id for each kind only widens the scope.
              findings: [...touched.ids],
              correctiveActions: [...touched.ids],
            },
            tx,
          );
        },
        async willSendResponse(request: GraphQLRequestContext<object>) {
          // One mutation field, errors and no data: its one transaction rolled back and changed nothing. (With
          // several fields a failed one nulls `data` while another may have committed.)
          const body = request.response.body;
          const single = body?.kind === 'single' ? body.singleResult : undefined;
          const failed = oneField && Boolean(single?.errors?.length) && single?.data == null;
          try {
            if (reference && !failed) {
              // Mappings or the hierarchy may have changed: shared paths and every organization.
              await rebuild(options.graph);
            } else if (pending) {
              await finishPending(options.graph, pending.token, pending.change, { ...tx, failed });
            }
          } catch (error) {
            report(error);
          }
        },
      };
    },
  };
}
