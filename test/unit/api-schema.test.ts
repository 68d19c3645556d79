/** The printed SDL (api/schema.graphql) and the explorer's selections match the code; question results are typed. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GraphQLNamedType } from 'graphql';
import { graphql } from '../../api/graphql-runtime.ts';
import { offsetAfter, offsetToCursor } from '../../api/results.ts';
import { questionFields } from '../../api/questions.ts';
import { buildSchema, explorerSelections, PRINTED_SCHEMA_FILE, printedSchema, SELECTIONS_FILE } from '../../api/schema.ts';
import { QueryParameterError } from '../../queries/question.ts';

describe('GraphQL schema', () => {
  it('api/schema.graphql is up to date (run `npm run schema:print` after changing the type definitions)', async () => {
    expect(fs.readFileSync(PRINTED_SCHEMA_FILE, 'utf8')).toBe(await printedSchema());
  });

  it('api/explorer/browser/selections.ts is up to date (`npm run schema:print` writes it)', async () => {
    expect(fs.readFileSync(SELECTIONS_FILE, 'utf8')).toBe(await explorerSelections());
  });

  it('has no JSON scalar: every question answers a typed object, camelCase, without an org argument', async () => {
    const schema = await buildSchema();
    expect(schema.getType('JSON')).toBeUndefined();
    const query = schema.getQueryType()?.getFields() ?? {};
    expect(questionFields().map((f) => f.field)).toEqual([
      'evidenceCoveringBoth',
      'coverage',
      'reuse',
      'gaps',
      'impact',
      'explain',
      'classify',
      'obligations',
      'soa',
      'search',
      'readiness',
      'overdueActions',
      'trainingGaps',
      'auditPlan',
    ]);
    const seen = new Set<string>();
    const walk = (type: GraphQLNamedType) => {
      if (seen.has(type.name) || !graphql.isObjectType(type)) return;
      seen.add(type.name);
      for (const field of Object.values(type.getFields())) {
        expect(field.name, `${type.name}.${field.name}`).toMatch(/^[a-z][A-Za-z0-9]*$/);
        walk(graphql.getNamedType(field.type));
      }
    };
    for (const { field } of questionFields()) {
      const definition = query[field];
      expect(definition, field).toBeDefined();
      expect(graphql.isNonNullType(definition?.type)).toBe(true);
      walk(graphql.getNamedType(definition!.type));
      expect(definition?.args.map((a) => a.name)).not.toContain('org');
      expect(definition?.args.map((a) => a.name)).not.toContain('offset');
    }
    expect(seen.size).toBeGreaterThan(40);
    // Every paged question pages the same way.
    for (const field of ['coverage', 'evidenceCoveringBoth', 'reuse', 'gaps', 'impact', 'search', 'auditPlan']) {
      const args = Object.fromEntries(query[field]!.args.map((a) => [a.name, String(a.type)]));
      expect(args, field).toMatchObject({ first: 'Int', after: 'String' });
    }
    expect(String(query.gaps!.args.find((a) => a.name === 'statuses')?.type)).toBe('[CoverageStatus!]');
    expect(String(query.coverage!.args.find((a) => a.name === 'today')?.type)).toBe('Date');
  });

  it("cursors are the model connections' (base64 arrayconnection:N) and map back to offsets", () => {
    expect(offsetToCursor(0)).toBe('YXJyYXljb25uZWN0aW9uOjA=');
    expect(offsetAfter(offsetToCursor(49))).toBe(50);
    expect(() => offsetAfter('nonsense')).toThrow(QueryParameterError);
  });
});
