/** overdue-actions(org, today): corrective actions past their due date and not closed, most overdue first. */
import { defineQuestion, P } from './question.ts';

export interface OverdueAction {
  id: string;
  title: string;
  status: string;
  dueOn: string;
  daysOverdue: number;
  owner: { id: string; name: string; role: string | null } | null;
  finding: { id: string; title: string; kind: string; raisedOn: string | null; about: string[] } | null;
}

export interface OverdueActionsResult {
  org: string;
  today: string;
  total: number;
  actions: OverdueAction[];
}

export const overdueActions = defineQuestion<OverdueActionsResult>(
  'overdue-actions',
  'corrective actions not closed whose due date has passed: the finding they correct, their owner, days overdue',
  [P.org, { ...P.today, description: 'the day due dates and closures are judged on (default: today)' }],
);
