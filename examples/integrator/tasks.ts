/**
 * The six tasks of a GRC integration, written against the typed documents generated from
 * api/schema.graphql (examples/gql/). Every result below is typed: a misspelled field or a wrong variable
 * is a compile error (`npm run check` type-checks this folder). test/integration/integrator.test.ts runs
 * them against the real server.
 */
import { graphql } from '../gql/index.ts';
import type { RequirementsPageQuery } from '../gql/graphql.ts';
import type { Client } from './client.ts';

/** 1. Frameworks, and one framework's requirements page by page in catalog order (`order`, not `ref`). */
export const FrameworksDocument = graphql(`
  query Frameworks {
    frameworks(sort: [{ id: ASC }]) {
      id
      name
      version
      kind
    }
  }
`);

export const RequirementsPageDocument = graphql(`
  query RequirementsPage($framework: String!, $first: Int!, $after: String) {
    requirementsConnection(where: { frameworkId: { eq: $framework } }, sort: [{ order: ASC }], first: $first, after: $after) {
      totalCount
      edges {
        node {
          uid
          ref
          title
          kind
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export async function listRequirements(client: Client, framework: string, pageSize: number) {
  const refs: string[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: RequirementsPageQuery = await client.request(RequirementsPageDocument, { framework, first: pageSize, after });
    const page = answer.requirementsConnection;
    refs.push(...page.edges.map((e) => e.node.ref));
    if (!page.pageInfo.hasNextPage) return { totalCount: page.totalCount, refs };
    after = page.pageInfo.endCursor ?? null;
  }
}

/** Titles that contain a word, whatever its case (the `caseInsensitive` string filter). */
export const RequirementSearchDocument = graphql(`
  query RequirementTitles($framework: String!, $word: String!) {
    requirements(
      where: { frameworkId: { eq: $framework }, title: { caseInsensitive: { contains: $word } } }
      sort: [{ order: ASC }]
    ) {
      uid
      title
    }
  }
`);

/** 2. A requirement with its mappings (both directions) and the mappings' properties. */
export const RequirementDocument = graphql(`
  query Requirement($uid: ID!) {
    requirements(where: { uid: { eq: $uid } }) {
      uid
      ref
      title
      summary
      framework {
        id
        name
      }
      mapsToConnection(sort: [{ edge: { strength: DESC } }]) {
        edges {
          properties {
            relationship
            strength
            rationale
            explanation
            source
            status
          }
          node {
            uid
            title
          }
        }
      }
      mappedFromConnection {
        totalCount
      }
    }
  }
`);

/** 3. A system, a control implementing a requirement for it, and evidence supporting the control. */
export const CreateSystemDocument = graphql(`
  mutation CreateSystem($id: ID!, $name: String!) {
    createSystems(input: [{ id: $id, name: $name, isAI: true, aiActRole: deployer, aiActRisk: limited }]) {
      systems {
        id
        orgId
        name
        aiActRole
      }
    }
  }
`);

export const CreateControlDocument = graphql(`
  mutation CreateControl($id: ID!, $name: String!, $system: ID!, $requirement: ID!) {
    createControls(input: [{ id: $id, name: $name, status: operating, owner: "CISO" }]) {
      controls {
        id
        orgId
        status
      }
    }
    addControlSystem(controlId: $id, systemId: $system) {
      id
    }
    addControlRequirement(controlId: $id, requirementUid: $requirement, coverage: full, note: "integration example") {
      id
      implementsConnection(where: { node: { uid: { eq: $requirement } } }) {
        edges {
          node {
            uid
          }
          properties {
            coverage
            note
          }
        }
      }
    }
  }
`);

export const CreateEvidenceDocument = graphql(`
  mutation CreateEvidence($id: ID!, $title: String!, $validUntil: Date!, $control: ID!) {
    createEvidence(input: [{ id: $id, title: $title, kind: report, status: approved, validUntil: $validUntil }]) {
      evidence {
        id
        orgId
        validUntil
      }
    }
    addEvidenceControl(evidenceId: $id, controlId: $control) {
      id
      supports {
        id
      }
    }
  }
`);

/** 4. Coverage of a framework: headline counts and the requirements' typed statuses, one page. */
export const CoverageDocument = graphql(`
  query Coverage($framework: String!, $today: Date, $first: Int, $after: String) {
    coverage(framework: $framework, today: $today, first: $first, after: $after) {
      today
      totals {
        requirements
        met
        metDirect
        metInherited
        gap
        percentMet
      }
      requirements {
        totalCount
        edges {
          node {
            uid
            status
            basis
            controls {
              control
              coverage
              validEvidence
            }
            inherited {
              source
              path
              relationships
              strength
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** 5. Evidence that covers requirements of two frameworks, and how it reaches each. */
export const EvidenceCoveringBothDocument = graphql(`
  query EvidenceCoveringBoth($a: String!, $b: String!, $today: Date, $first: Int) {
    evidenceCoveringBoth(frameworkA: $a, frameworkB: $b, today: $today, first: $first) {
      today
      evidence {
        totalCount
        edges {
          node {
            evidence {
              id
              title
              validUntil
              valid
            }
            controls
            a {
              requirement {
                uid
              }
              reach
              path
            }
            b {
              requirement {
                uid
              }
              reach
              path
            }
          }
        }
      }
    }
  }
`);
