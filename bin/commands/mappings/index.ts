import { decideMappings, listMappings, type MappingFilter } from '../../../importers/mapping-review.ts';
import { defineCommand, printJson, withGraph } from '../../command.ts';
import { booleanValue, listValue, stringValue, UsageError } from '../../flags.ts';
import { mappingsSpec } from './spec.ts';

export interface MappingsOptions {
  action: 'list' | 'approve' | 'reject';
  filter: MappingFilter;
  by?: string;
  preview: boolean;
  org?: string;
  json: boolean;
}

export default defineCommand<MappingsOptions>({
  spec: mappingsSpec,
  options(parsed) {
    const action = parsed.action as MappingsOptions['action'];
    const pairText = stringValue(parsed, 'pair');
    const pair = pairText?.split(',').map((s) => s.trim());
    if (pair && (pair.length !== 2 || !pair[0] || !pair[1]))
      throw new UsageError(
        `--pair '${pairText}' is not SOURCE_UID,TARGET_UID`,
        'For example --pair nis2-ir:1.1.1(a),iso27001:A.5.1.',
      );
    const filter: MappingFilter = {
      source: stringValue(parsed, 'source'),
      frameworks: listValue(parsed, 'frameworks'),
      relationship: stringValue(parsed, 'relationship'),
      file: stringValue(parsed, 'file'),
      status: stringValue(parsed, 'status') ?? (action === 'list' ? undefined : 'draft'),
      pair: pair as [string, string] | undefined,
    };
    if (action !== 'list' && !filter.source && !filter.frameworks && !filter.relationship && !filter.file && !filter.pair)
      throw new UsageError(`mappings ${action} needs a filter`, 'Add --file, --frameworks, --source, --relationship or --pair.');
    const preview = booleanValue(parsed, 'preview');
    const org = stringValue(parsed, 'org');
    if (preview && !org) throw new UsageError('--preview needs --org ID', 'Name the organization whose coverage to compare.');
    if (action === 'list' && (preview || org)) throw new UsageError('mappings list takes no --preview or --org');
    return { action, filter, by: stringValue(parsed, 'by'), preview, org, json: booleanValue(parsed, 'json') };
  },
  async run(opts, context) {
    const { io } = context;
    if (opts.action === 'list') {
      const rows = await withGraph(context, (graph) => listMappings(graph, opts.filter));
      if (opts.json) return printJson(io, rows);
      for (const m of rows) {
        const review = m.reviewedBy ? `  ${m.status} by ${m.reviewedBy} at ${m.reviewedAt}` : `  ${m.status}`;
        io.stdout.write(
          `${m.sourceUid} ${m.relationship} ${m.targetUid} (${m.strength})${review}${m.importedFrom ? `  [${m.importedFrom}]` : ''}\n`,
        );
      }
      io.stdout.write(`${rows.length} mapping${rows.length === 1 ? '' : 's'}\n`);
      return;
    }
    const decision = opts.action === 'approve' ? 'approved' : 'rejected';
    const by = opts.by ?? (io.env.USER || 'cli');
    const result = await withGraph(context, (graph) =>
      decideMappings(graph, opts.filter, decision, by, { previewOrg: opts.org, keep: !opts.preview }),
    );
    if (opts.json) return printJson(io, result);
    io.stdout.write(
      `${result.rolledBack ? 'Preview (nothing kept): would set' : 'Set'} ${result.decided} mapping${result.decided === 1 ? '' : 's'} ${decision} by ${by}\n`,
    );
    if (result.preview) {
      const p = result.preview;
      io.stdout.write(
        `Coverage of ${p.org} in ${p.frameworks.join(', ') || '(no framework)'}: ${p.changes.length} requirement(s) change\n`,
      );
      const show = (s: { status: string; basis: string | null; indications: number }) =>
        `${s.status}${s.basis && s.basis !== 'direct' ? ` (${s.basis})` : ''}${s.indications ? `, ${s.indications} indication(s)` : ''}`;
      for (const c of p.changes) io.stdout.write(`  ${c.uid.padEnd(28)} ${show(c.before)} -> ${show(c.after)}\n`);
    }
  },
});
