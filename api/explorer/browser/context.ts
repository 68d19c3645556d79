/** What every view knows about the signed-in organization (loaded once per token, api/explorer/browser/main.ts). */
import type { Framework } from './heatmap.ts';

export interface Context {
  organization: { id: string; name: string } | null;
  /** The organization's adopted frameworks, or all when it adopted none. */
  frameworks: Framework[];
  allFrameworks: Framework[];
  controls: { id: string; name: string; owner: string | null; status: string }[];
  systems: { id: string; name: string }[];
  /** A control's name (its id when unknown). */
  controlName: (id: string) => string;
}

export type Navigate = (hash: string) => void;
export type OpenRequirement = (uid: string) => void;
