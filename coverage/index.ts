/** Maintained coverage: store, maintain, repair and verify (coverage/README.md). */
export {
  ensureMaintained,
  maintain,
  refreshColours,
  maintainGraph,
  rebuild,
  rebuildPaths,
  scopeOf,
  FULL_REBUILD_ABOVE,
} from './maintain.ts';
export type { CoverageChange, MaintenanceSummary, OrgChange, Runner } from './maintain.ts';
export { beginPending, finishPending, repairPending, ABANDONED_AFTER_MS } from './pending.ts';
export { verify } from './verify.ts';
export type { CoverageDifference, VerifyResult } from './verify.ts';
