/** Shapes shared by the parsing of `/tfactions` requests (README "Using it in Slack"). */
import type { SubcommandName } from './names.js';

export type WorkspaceRef = { kind: 'id'; id: string } | { kind: 'name'; organization: string; name: string };

export interface UsageError {
  /** Exactly what was wrong, quoting the offending input shortened. */
  message: string;
  /** That subcommand's usage with an example, or the general help when the subcommand is unknown. */
  usage: string;
  subcommand?: SubcommandName;
}
