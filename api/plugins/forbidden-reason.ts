/**
 * Says why a request was forbidden. @neo4j/graphql's authorization answers a bare "Forbidden" (formatError
 * gives it the FORBIDDEN code, but formatError cannot see the token); this plugin completes the message with
 * the caller's roles and organization and the rule that applies, so a client knows what to change.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { CrosswalkClaims } from '../auth.ts';
import { ErrorCode } from '../errors.ts';

/** The message formatError gives @neo4j/graphql's Neo4jGraphQLForbiddenError. */
export const BARE_FORBIDDEN = 'Forbidden';

export interface ForbiddenReasonOptions {
  /** The verified claims of the request (api/server.ts puts them on the context as `jwt`). */
  claims(context: unknown): CrosswalkClaims | undefined;
}

export function forbiddenReason(claims: CrosswalkClaims | undefined): string {
  const roles = claims?.roles?.length ? claims.roles.join(', ') : 'none';
  const org = typeof claims?.org === 'string' && claims.org ? claims.org : null;
  const who = `Your token has the roles ${roles} and ${org ? `the organization '${org}'` : 'no organization'}.`;
  const rules =
    "Writing an organization's systems, controls, evidence and risks needs the role editor or admin of that organization " +
    "(a token writes only inside its own organization: another organization's data does not exist for it, and orgId always comes from the token); " +
    'creating or deleting the organization itself needs admin; frameworks and requirements need operator.';
  return `Forbidden: ${who} ${rules}`;
}

export function forbiddenReasonPlugin(options: ForbiddenReasonOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.some((e) => e.extensions?.code === ErrorCode.FORBIDDEN && e.message === BARE_FORBIDDEN)) return;
          const message = forbiddenReason(options.claims(contextValue));
          response.body.singleResult.errors = errors.map((e) =>
            e.extensions?.code === ErrorCode.FORBIDDEN && e.message === BARE_FORBIDDEN ? { ...e, message } : e,
          );
        },
      };
    },
  };
}
