import { clearCoverageSnapshot, writeCoverageSnapshot } from '../../graph/bloom/snapshot.ts';
import { COVERAGE_STATUSES } from '../../graph/bloom/vocabulary.ts';
import { CrosswalkError } from '../../graph/errors.ts';
import { stringFlag } from '../args.ts';
import { log, withGraph, type Command } from '../command.ts';

/** `crosswalk bloom snapshot|clear`: the coverage snapshot the Bloom perspective colours requirements by. */
export const bloomCommand: Command = {
  name: 'bloom',
  summary: "write (or clear) an organization's coverage snapshot for Neo4j Bloom",
  usage: `
Usage: crosswalk bloom snapshot --org ID [--framework ID[,ID...]] [--today YYYY-MM-DD] [--maxDepth N]
       crosswalk bloom clear --org ID

Bloom styles nodes by stored properties only, and coverage is computed per organization (requirements are
shared by every organization), so the perspective (crosswalk export bloom) colours CoverageStatus nodes:
  (:CoverageStatus {orgId, requirementUid, frameworkId, status, basis, asOf})-[:STATUS_OF]->(:Requirement)

  snapshot   computes the coverage question (crosswalk query coverage) for each framework (default: the
             ones the organization adopts) and replaces the organization's CoverageStatus nodes for them;
             a snapshot: take it again after changes ('asOf' records the day judged)
  clear      removes the organization's CoverageStatus nodes`,
  async run(args, config) {
    const [action] = args.positionals;
    const org = stringFlag(args, 'org');
    if (action !== 'snapshot' && action !== 'clear') {
      throw new CrosswalkError(
        `unknown action '${action ?? ''}'`,
        'Use: crosswalk bloom snapshot --org ID, or crosswalk bloom clear --org ID',
      );
    }
    if (!org) throw new CrosswalkError('--org is required', 'Add --org ID, e.g. --org demo.');
    return withGraph(config, async (graph) => {
      if (action === 'clear') {
        log(`${await clearCoverageSnapshot(graph, org)} CoverageStatus nodes of '${org}' removed`);
        return 0;
      }
      const depth = stringFlag(args, 'maxDepth');
      const result = await writeCoverageSnapshot(graph, {
        org,
        frameworks: stringFlag(args, 'framework')
          ?.split(',')
          .map((f) => f.trim())
          .filter(Boolean),
        today: stringFlag(args, 'today') ?? null,
        maxDepth: depth === undefined ? null : Number(depth),
      });
      for (const f of result.frameworks) {
        const counts = COVERAGE_STATUSES.filter((status) => f.byStatus[status])
          .map((status) => `${status} ${f.byStatus[status]}`)
          .join(', ');
        log(`  ${f.framework.padEnd(10)} ${String(f.requirements).padStart(4)} requirements: ${counts}`);
      }
      log(
        `Coverage snapshot of '${org}' as of ${result.asOf}: ${result.written} CoverageStatus nodes written (${result.removed} replaced)`,
      );
      return 0;
    });
  },
};
