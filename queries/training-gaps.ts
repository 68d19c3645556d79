/** training-gaps(org, today): people in a role or with a responsibility who lack valid training they need. */
import { defineQuestion, P } from './question.ts';
import type { TrainingGapRow } from './readiness.ts';

export interface TrainingGapsResult {
  org: string;
  today: string;
  total: number;
  /** How many training records the organization has at all. */
  trainingRecords: number;
  people: TrainingGapRow[];
}

export const trainingGaps = defineQuestion<TrainingGapsResult>(
  'training-gaps',
  'individuals with a role or a responsible/accountable responsibility without valid training of a kind they need (awareness; role-specific; AI literacy, AI Act Art.4)',
  [P.org, { ...P.today, description: 'the day training validity is judged on (default: today)' }],
);
