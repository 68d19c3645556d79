/** Page sizes. They mirror `@limit(default: 50, max: 500)` on every type in api/typeDefs.graphql. */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;
