/** The printed SDL (api/schema.graphql) matches the code, and the Cypher inlining is exact. */
import fs from 'node:fs';
import type { FieldDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphql } from '../../api/graphql-runtime.ts';
import { graphqlString, questionTypeDefs, questionFields } from '../../api/questions.ts';
import { PRINTED_SCHEMA_FILE, printedSchema } from '../../api/schema.ts';
import { cypher as questionCypher } from '../../queries/cypher.ts';

describe('GraphQL schema', () => {
  it('api/schema.graphql is up to date (run `npm run schema:print` after changing the type definitions)', async () => {
    expect(fs.readFileSync(PRINTED_SCHEMA_FILE, 'utf8')).toBe(await printedSchema());
  });

  it('inlines Cypher into GraphQL strings without changing a character', () => {
    const samples = [
      'MATCH (n) RETURN n',
      '  indented\n    more\n',
      'RETURN """triple""" AS a, "\\"" AS b, \'\\\\\' AS c',
      'RETURN "\\"""" AS tricky // \\""" and """',
      '\n\nleading blank lines\n\n',
      'tabs\tand unicode \u00e9 \u{1F600}',
    ];
    for (const text of samples) {
      const literal = graphqlString(text);
      const parsed = graphql.parseValue(literal);
      expect(parsed.kind === graphql.Kind.STRING && parsed.value).toBe(text);
    }
  });

  it('every question field carries its .cypher file verbatim', () => {
    const document = graphql.parse(questionTypeDefs());
    const query = document.definitions.find((d) => d.kind === graphql.Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Query');
    expect(query).toBeDefined();
    for (const field of questionFields()) {
      if (field.computed) continue;
      const definition = (query && 'fields' in query ? query.fields?.find((f) => f.name.value === field.field) : undefined) as
        FieldDefinitionNode | undefined;
      const cypher = definition?.directives?.find((d) => d.name.value === 'cypher');
      const statement = cypher?.arguments?.find((a) => a.name.value === 'statement')?.value;
      const text = questionCypher(field.question).trim();
      expect(statement?.kind === graphql.Kind.STRING && statement.value, field.field).toBe(text);
      expect(
        definition?.arguments?.map((a) => a.name.value),
        field.field,
      ).not.toContain('org');
    }
  });

  it('computed questions (classify, obligations) are plain JSON fields without an org argument, served by resolvers', () => {
    const document = graphql.parse(questionTypeDefs());
    const query = document.definitions.find((d) => d.kind === graphql.Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Query');
    const computed = questionFields().filter((f) => f.computed);
    expect(computed.map((f) => f.field).sort()).toEqual(['classify', 'obligations']);
    for (const field of computed) {
      const definition = (query && 'fields' in query ? query.fields?.find((f) => f.name.value === field.field) : undefined) as
        FieldDefinitionNode | undefined;
      expect(definition?.directives ?? [], field.field).toEqual([]);
      expect(definition?.arguments?.map((a) => a.name.value)).not.toContain('org');
    }
  });
});
