import type { ClassifyResult } from '../../../queries/classify.ts';
import type { CoverageResult } from '../../../queries/coverage.ts';
import type { EvidenceCoveringBothResult } from '../../../queries/evidence-covering-both.ts';
import type { ExplainResult } from '../../../queries/explain.ts';
import type { GapsResult } from '../../../queries/gaps.ts';
import type { ImpactResult } from '../../../queries/impact.ts';
import type { ObligationsResult } from '../../../queries/obligations.ts';
import type { AuditPlanResult } from '../../../queries/audit-plan.ts';
import type { OverdueActionsResult } from '../../../queries/overdue-actions.ts';
import type { ReadinessResult } from '../../../queries/readiness.ts';
import type { TrainingGapsResult } from '../../../queries/training-gaps.ts';
import type { ParamSpec, ParamType, Question } from '../../../queries/question.ts';
import { findQuestion, QUESTIONS } from '../../../queries/questions.ts';
import type { ReuseResult } from '../../../queries/reuse.ts';
import type { SoaResult } from '../../../queries/soa.ts';
import { toJsonValue } from '../../../graph/values.ts';
import { answer } from '../../../api/results.ts';
import type { HelpContext } from '../../command.ts';
import { defineCommand, printJson, withGraph } from '../../command.ts';
import { booleanValue, JSON_FLAG, suggest, UsageError, type CommandSpec } from '../../flags.ts';
import { querySpec } from './spec.ts';

const FORMATTERS: Record<string, (result: never) => string[]> = {
  coverage: (r: CoverageResult) => [
    `${r.framework} for ${r.org}${r.system ? ` (system ${r.system})` : ''} on ${r.today}: ${r.percentMetDirect ?? '-'}% met directly, ${r.percentMet ?? '-'}% met including inherited, ${r.percentPartiallyMetDirect ?? '-'}% partially met directly`,
    `  met ${r.totals.met} (directly ${r.totals.metDirect}, by inheritance ${r.totals.metInherited}), partially met ${r.totals.partiallyMet}, stale ${r.totals.stale}, unverified ${r.totals.unverified}, gap ${r.totals.gap}, excluded ${r.totals.excluded} of ${r.totals.requirements}; ${r.totals.indicated} not met with related work indicated`,
    '',
    ...r.groups.map(
      (g) =>
        `  ${g.ref.padEnd(8)} ${g.title.slice(0, 44).padEnd(44)} ${String(g.met).padStart(3)} met ${String(g.partiallyMet).padStart(3)} partial ${String(g.gap).padStart(3)} gap ${String(g.indicated).padStart(3)} indicated  ${g.percentMet ?? '-'}%`,
    ),
    '',
    ...r.requirements.map(
      (q) =>
        `  ${q.uid.padEnd(28)} ${q.status.padEnd(13)} ${(q.basis ?? '').padEnd(9)} ${[...new Set(q.controls.map((c) => c.control))].join(' ')}${q.inherited && q.basis === 'inherited' ? `via ${q.inherited.path.join(' > ')}` : ''}${q.status !== 'met' && q.indications.length ? `related: ${q.indications.map((i) => i.source).join(', ')}` : ''}`,
    ),
  ],
  'evidence-covering-both': (r: EvidenceCoveringBothResult) => [
    `${r.total} evidence items cover both ${r.frameworkA} and ${r.frameworkB} for ${r.org} on ${r.today}`,
    ...r.items.flatMap((i) => [
      `  ${i.evidence.id}  ${i.evidence.title}${i.evidence.valid ? '' : ` [${i.evidence.status}, valid until ${i.evidence.validUntil ?? '-'}]`}  (controls ${i.controls.join(', ')})`,
      `    ${r.frameworkA}: ${i.a.map((x) => `${x.ref}${x.reach === 'direct' ? '' : `~${x.reach}/${x.strength}`}`).join(', ')}`,
      `    ${r.frameworkB}: ${i.b.map((x) => `${x.ref}${x.reach === 'direct' ? '' : `~${x.reach}/${x.strength}`}`).join(', ')}`,
    ]),
  ],
  reuse: (r: ReuseResult) => [
    `${r.source} -> ${r.target} for ${r.org}: ${r.inherited} met by inheritance, ${r.indicated} more indicated (related work, not met) of ${r.targetRequirements} requirements`,
    ...r.requirements.map((q) => {
      const best = q.inherited ?? q.indications[0];
      return `  ${q.uid.padEnd(28)} ${(q.inherited ? 'inherited' : 'indicated').padEnd(10)} strength ${best?.strength ?? '-'}  ${best?.path.join(' > ') ?? ''}  (now ${q.currentStatus})`;
    }),
  ],
  gaps: (r: GapsResult) => [
    `${r.total} gaps in ${r.framework} for ${r.org}`,
    ...r.gaps.map(
      (g) =>
        `  ${g.uid.padEnd(28)} ${g.status.padEnd(11)} would meet ${g.meets.length} requirements in ${g.frameworks.length} frameworks (${g.frameworks.join(', ')}), indicate ${g.indicates.length}`,
    ),
  ],
  impact: (r: ImpactResult) => [
    `${r.org}: ${r.today} -> ${r.after}${r.evidence ? ` without evidence ${r.evidence}` : ''}${r.control ? ` without control ${r.control}` : ''}: ${r.total} requirements change`,
    ...(r.expiring.length
      ? [
          '  expiring:',
          ...r.expiring.map((e) => `    ${e.id} ${e.title} (valid until ${e.validUntil}; controls ${e.controls.join(', ')})`),
        ]
      : []),
    ...r.changes.map((c) => `  ${c.uid.padEnd(28)} ${c.before} -> ${c.after}`),
  ],
  explain: (r: ExplainResult) => [
    `${r.requirement.uid} ${r.requirement.title}: ${r.status ?? 'see parts'} (${r.org}, ${r.today})`,
    ...r.parts.flatMap((p) => [
      `  ${p.uid}: ${p.status}${p.basis ? ` (${p.basis})` : ''}${p.exclusion ? ` - ${p.exclusion.justification}` : ''}${p.basis === 'inherited' && p.inherited ? ` through ${p.inherited.path.join(' > ')}` : ''}`,
      ...p.indications.map(
        (i) => `    related work: ${i.path.join(' > ')} [${i.relationships.join(', ')}] strength ${i.strength}`,
      ),
      ...p.findings.map(
        (f) =>
          `    finding ${f.id} (${f.kind}, raised ${f.raisedOn}${f.caps ? ', keeps it from being met' : ''}): ${f.title}; corrective actions ${f.correctiveActions.join(', ') || 'none'}`,
      ),
      ...p.direct.flatMap((d) => [
        `    control ${d.control} (${d.coverage}, implements ${d.via})`,
        ...d.paths.map(
          (x) =>
            `      evidence ${String(x.nodes[0]?.id)} ${x.nodes[0]?.valid ? 'valid' : `not valid (${String(x.nodes[0]?.status)}, until ${String(x.nodes[0]?.validUntil)})`}`,
        ),
      ]),
    ]),
    ...r.paths.map(
      (p) =>
        `  ${p.chosen ? '*' : ' '} ${(p.reading ?? 'no effect').padEnd(12)} strength ${p.strength}  ${p.nodes.map((n) => n.uid).join(' > ')}  [${p.relationshipsRead.join(', ')}]`,
    ),
  ],
  classify: (r: ClassifyResult) => [
    `${r.system.name} (${r.system.id}, ${r.org}): ${r.category ?? 'undetermined'}${r.highRiskBasis ? ` (${r.highRiskBasis === 'art6_1' ? 'Art.6(1)' : 'Art.6(2)'})` : ''}, risk ${r.risk ?? '-'}, role ${r.role ?? '-'}`,
    `  categories: ${r.categories.join(', ') || '-'}`,
    `  declared:   risk ${r.declared.aiActRisk ?? '-'}, role ${r.declared.aiActRole ?? '-'}`,
    '  because:',
    ...r.reasons.map((x) => `    ${x.source}: ${x.finding}`),
    ...(r.questions.length ? ['  to answer:', ...r.questions.map((q) => `    ${q.fact} (${q.source}): ${q.question}`)] : []),
    ...(r.contradictions.length
      ? [
          '  contradicts the declaration:',
          ...r.contradictions.map(
            (x) =>
              `    ${x.field} declared ${x.declared}, the facts give ${x.derived}${x.because.length ? `: ${x.because.join(' ')}` : ''}`,
          ),
        ]
      : []),
  ],
  obligations: (r: ObligationsResult) => {
    const line = (uid: string) => {
      const o = r.obligations.find((x) => x.uid === uid);
      if (!o) return [];
      return [
        `  ${o.ref} ${o.title}: ${o.met}/${o.parts.length} parts met, from ${o.applies.appliesFrom ?? 'no date yet'} (${o.applies.source})${o.dependsOn.length ? ` [if ${o.dependsOn.join(', ')}]` : ''}${o.applies.openFacts.length ? ` [date depends on ${o.applies.openFacts.join(', ')}]` : ''}`,
        `    ${o.why}`,
        ...o.parts.map(
          (p) =>
            `    ${p.uid.padEnd(26)} ${p.status}${p.basis ? ` (${p.basis})` : ''}${p.controls.length ? ` ${p.controls.join(' ')}` : ''}`,
        ),
        ...o.iso42001.map(
          (i) => `      iso42001 ${i.ref.padEnd(8)} ${i.mapping.relationship}/${i.mapping.strength}  ${i.status}`,
        ),
      ];
    };
    return [
      `${r.system.name} (${r.system.id}): ${r.basis.role ?? '-'} (${r.basis.roleFrom}), ${r.basis.risk ?? '-'} risk (${r.basis.riskFrom}); as of ${r.asOf}, evidence judged ${r.today}`,
      ...r.basis.notes.map((n) => `  note: ${n}`),
      ...(r.basis.openQuestions.length
        ? [`  open questions: ${r.basis.openQuestions.join(', ')} (crosswalk query classify)`]
        : []),
      `Applies on ${r.asOf} (${r.applying.length}):`,
      ...r.applying.flatMap(line),
      r.next ? `Next, from ${r.next.on}: ${r.next.provisions.join(', ')}` : 'Next: nothing more.',
      ...r.upcoming.flatMap((u) => [
        `Applies from ${u.on ?? 'no date (Art.111(2): only after a significant design change)'} (${u.provisions.length}):`,
        ...u.provisions.flatMap(line),
      ]),
    ];
  },
  soa: (r: SoaResult) => [
    `Statement of Applicability ${r.framework}, ${r.org}, ${r.today}: ${r.applicable} of ${r.total} applicable; ${r.percentMetDirect ?? '-'}% met directly, ${r.percentMet ?? '-'}% met including inherited, ${r.indicated} with related work`,
    ...r.rows.map(
      (x) =>
        `  ${x.ref.padEnd(8)} ${x.applicable ? 'yes' : 'no '} ${x.status.padEnd(13)} ${x.implementedBy.map((c) => c.id).join(' ')}  ${x.justification}`,
    ),
  ],
  readiness: (r: ReadinessResult) => [
    `Readiness for ${r.framework} (${r.org}, ${r.today}): ${r.status.replace('_', ' ')}`,
    ...r.steps.flatMap((s) => [
      '',
      `${s.step}. ${s.title}: ${s.status.replace('_', ' ')}`,
      ...s.facts.map((f) => `     ${f.text}`),
      ...(s.next.length ? ['   next:', ...s.next.map((n) => `     - ${n}`)] : []),
      ...(s.clauses.length ? [`   clauses: ${s.clauses.map((c) => `${c.uid} ${c.status}`).join(', ')}`] : []),
    ]),
  ],
  'overdue-actions': (r: OverdueActionsResult) => [
    `${r.total} corrective action${r.total === 1 ? '' : 's'} overdue for ${r.org} on ${r.today}`,
    ...r.actions.map(
      (a) =>
        `  ${a.id.padEnd(12)} ${String(a.daysOverdue).padStart(4)} days  due ${a.dueOn}  ${a.status.padEnd(11)} owner ${a.owner?.id ?? '-'}  ${a.finding ? `${a.finding.id} (${a.finding.kind}${a.finding.about.length ? `, about ${a.finding.about.join(', ')}` : ''})` : 'no finding'}  ${a.title}`,
    ),
  ],
  'training-gaps': (r: TrainingGapsResult) => [
    `${r.total} ${r.total === 1 ? 'person' : 'people'} without the valid training they need (${r.org}, ${r.today}; ${r.trainingRecords} training records)`,
    ...r.people.map(
      (p) =>
        `  ${p.id.padEnd(14)} ${(p.role ?? '').padEnd(24)} missing ${p.missing.map((m) => `${m.kind}${m.expiredOn ? ` (expired ${m.expiredOn})` : ''}`).join(', ')}`,
    ),
  ],
  'audit-plan': (r: AuditPlanResult) => [
    `Audit plan for ${r.framework} (${r.org}, ${r.today}): ${r.neverAudited} of ${r.total} requirements never audited`,
    ...r.requirements.map(
      (q) =>
        `  ${q.uid.padEnd(24)} ${(q.lastAudit ? `${q.lastAudit.performedOn} (${q.monthsSince} months)` : 'never audited').padEnd(24)} ${q.status.padEnd(13)} ${q.openFindings.length ? `open: ${q.openFindings.map((f) => `${f.id} ${f.kind}`).join(', ')}` : ''}`,
    ),
  ],
};

export interface QueryOptions {
  question?: Question<unknown>;
  params: Record<string, string | boolean>;
  json: boolean;
}

const VALUE_NAMES: Record<ParamType, string> = { string: 'ID', date: 'YYYY-MM-DD', int: 'N', bool: '', strings: 'A,B' };

/** A question's parameters as flags: booleans bare (--directOnly), everything else with a value. */
function questionSpec(question: Question<unknown>): CommandSpec {
  const flag = (p: ParamSpec) => `--${p.name}${p.type === 'bool' ? '' : ` ${VALUE_NAMES[p.type]}`}`;
  return {
    ...querySpec,
    synopsis: [`${question.name} ${question.params.map((p) => (p.required ? flag(p) : `[${flag(p)}]`)).join(' ')} [--json]`],
    summary: question.summary,
    flags: [
      ...question.params.map((p) => ({
        name: p.name,
        type: p.type === 'bool' ? ('boolean' as const) : ('string' as const),
        valueName: VALUE_NAMES[p.type],
        values: p.type === 'string' ? p.oneOf : undefined,
        description: `${p.description}${p.required ? ' (required)' : ''}`,
      })),
      JSON_FLAG,
    ],
  };
}

const questionNamed = (argv: readonly string[]) => {
  const name = argv.find((a) => !a.startsWith('-'));
  return name === undefined ? undefined : findQuestion(name);
};

/** Every framework in the graph, the built-in and the imported ones; --framework takes their ids. */
export const FRAMEWORKS_FOR_HELP = `
MATCH (f:Framework)
RETURN f.id AS id, f.name AS name, f.library IS NOT NULL AS imported, COUNT { (:Requirement {frameworkId: f.id}) } AS requirements
ORDER BY imported, id`;

async function frameworksHelp(help: HelpContext): Promise<string> {
  const graph = await help.openGraphIfRunning();
  if (!graph) {
    return 'Frameworks (--framework): the built-in iso42001, iso27001, eu-ai-act, gdpr, nis2, nis2-ir, and any you imported\n(start the database to list them here, or run crosswalk stats).\n';
  }
  try {
    const { records } = await graph.run(FRAMEWORKS_FOR_HELP);
    const lines = records.map(
      (r) =>
        `  ${String(r.get('id')).padEnd(28)} ${String(Number(r.get('requirements'))).padStart(5)}  ${r.get('imported') ? '(imported) ' : ''}${String(r.get('name')).slice(0, 70)}`,
    );
    return `Frameworks in the graph (--framework ID):\n${lines.join('\n')}\n`;
  } finally {
    await graph.close();
  }
}

export default defineCommand<QueryOptions>({
  spec: querySpec,
  refine(argv) {
    const question = questionNamed(argv);
    return question ? questionSpec(question) : querySpec;
  },
  moreHelp: async (spec, help) =>
    spec === querySpec
      ? `Questions and their parameters:\n\n${QUESTIONS.map((q) => {
          const params = q.params.map((p) => `      --${p.name}${p.required ? ' (required)' : ''}  ${p.description}`).join('\n');
          return `  ${q.name}: ${q.summary}\n${params}`;
        }).join('\n\n')}\n\n${await frameworksHelp(help)}`
      : await frameworksHelp(help),
  options(parsed) {
    const [name] = parsed.positionals;
    const question = name === undefined ? undefined : findQuestion(name);
    if (name !== undefined && !question) {
      const near = suggest(
        name,
        QUESTIONS.map((q) => q.name),
      );
      throw new UsageError(
        `unknown question '${name}'`,
        near ? `Did you mean '${near}'?` : `Questions: ${QUESTIONS.map((q) => q.name).join(', ')}`,
      );
    }
    const params: Record<string, string | boolean> = {};
    for (const p of question?.params ?? []) {
      const v = parsed.flags[p.name];
      if (typeof v === 'string' || typeof v === 'boolean') params[p.name] = v;
    }
    return { question, params, json: booleanValue(parsed, 'json') };
  },
  async run(opts, context) {
    const { io } = context;
    const question = opts.question;
    if (!question) {
      io.stdout.write(
        `${QUESTIONS.map((q) => `${q.name.padEnd(24)} ${q.summary}`).join('\n')}\n\ncrosswalk query --help lists the parameters.\n`,
      );
      return;
    }
    // --json prints the API's shape (api/results.ts: the same function the GraphQL resolvers call).
    if (opts.json) return printJson(io, await withGraph(context, (graph) => answer(question, graph, opts.params)));
    const result = await withGraph(context, (graph) => question.run(graph, opts.params));
    const format = FORMATTERS[question.name] as ((r: unknown) => string[]) | undefined;
    io.stdout.write(`${(format ? format(toJsonValue(result)) : [JSON.stringify(toJsonValue(result), null, 2)]).join('\n')}\n`);
  },
});
