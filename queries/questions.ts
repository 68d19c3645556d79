/** The reuse questions, by name: what the CLI (`crosswalk query NAME`) and the API expose. */
import { coverage } from './coverage.ts';
import { evidenceCoveringBoth } from './evidence-covering-both.ts';
import { explain } from './explain.ts';
import { gaps } from './gaps.ts';
import { impact } from './impact.ts';
import { obligations } from './obligations.ts';
import { overdueActions } from './overdue-actions.ts';
import { auditPlan } from './audit-plan.ts';
import { classify } from './classify.ts';
import type { Question } from './question.ts';
import { readiness } from './readiness.ts';
import { reuse } from './reuse.ts';
import { search } from './search.ts';
import { soa } from './soa.ts';
import { trainingGaps } from './training-gaps.ts';

export const QUESTIONS: Question<unknown>[] = [
  evidenceCoveringBoth,
  coverage,
  reuse,
  gaps,
  impact,
  explain,
  classify,
  obligations,
  soa,
  search,
  readiness,
  overdueActions,
  trainingGaps,
  auditPlan,
];

export const findQuestion = (name: string): Question<unknown> | undefined => QUESTIONS.find((q) => q.name === name);
