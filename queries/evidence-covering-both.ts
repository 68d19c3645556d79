/** evidence-covering-both(frameworkA, frameworkB, org): evidence that covers requirements of both frameworks. */
import { defineQuestion, P, QueryParameterError } from './question.ts';
import type { CoverageParameters } from './types.ts';

export interface Reach {
  uid: string;
  framework: string;
  ref: string;
  title: string;
  /** direct: the control implements it; inherited: a full chain of mappings (counts); indicated: related work only. */
  reach: 'direct' | 'inherited' | 'indicated';
  control: string;
  /** How the control implements the requirement the reach starts from. */
  coverage: 'full' | 'partial';
  strength: number;
  path: string[];
  relationships: string[];
}

export interface EvidenceCoveringBoth {
  evidence: { id: string; title: string; kind: string; status: string; validUntil: string | null; valid: boolean };
  controls: string[];
  a: Reach[];
  b: Reach[];
}

export interface EvidenceCoveringBothResult extends CoverageParameters {
  frameworkA: string;
  frameworkB: string;
  org: string;
  today: string;
  total: number;
  items: EvidenceCoveringBoth[];
}

export const evidenceCoveringBoth = defineQuestion<EvidenceCoveringBothResult>(
  'evidence-covering-both',
  'evidence supporting controls that cover requirements of both frameworks (direct, inherited or indicated reach)',
  [
    P.framework('frameworkA'),
    P.framework('frameworkB'),
    P.org,
    P.today,
    {
      ...P.maxDepth,
      description: 'most mapping hops an inherited reach may take from a fully implemented requirement (default 1)',
    },
    P.minStrength,
    P.indicationDepth,
    P.indicationMinStrength,
    P.reference,
    { name: 'directOnly', type: 'bool', description: 'only requirements the controls implement themselves (default false)' },
    { name: 'includeInvalid', type: 'bool', description: 'also draft, rejected and expired evidence, flagged (default false)' },
    P.first,
    P.offset,
  ],
  (params) => {
    if (params.frameworkA === params.frameworkB) {
      throw new QueryParameterError('frameworkA and frameworkB are the same', 'Name two different frameworks.');
    }
  },
);
