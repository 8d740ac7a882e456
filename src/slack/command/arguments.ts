import { exampleId, isValidId } from '../../hcp/ids.js';
import { resolveSubcommand, SUBCOMMAND_NAMES, type SubcommandName } from './names.js';
import { CommandProblem, shown } from './problem.js';
import { closestMatch } from './suggest.js';
import type { WorkspaceRef } from './types.js';

/** Positional arguments: workspaces, action and run IDs, help topics. */

export const WORKSPACE_SHAPES = `its ID (like ${exampleId('workspace')}) or organization/workspace-name (like ${exampleId('organization')}/${exampleId('workspace-name')})`;

export function parseWorkspace(word: string): WorkspaceRef {
  if (word.toLowerCase().startsWith('ws-')) return { kind: 'id', id: idArgument('workspace', word) };
  const parts = word.split('/');
  if (parts.length !== 2) {
    throw new CommandProblem(
      `${shown(word)} is not a workspace; give ${WORKSPACE_SHAPES}${otherKindHint(word)}`,
    );
  }
  const [organization = '', name = ''] = parts;
  if (!isValidId('organization', organization)) {
    throw new CommandProblem(
      `${shown(word)} is not a workspace: ${shown(organization)} is not an organization name (letters, digits, - and _)`,
    );
  }
  if (!isValidId('workspace-name', name)) {
    throw new CommandProblem(
      `${shown(word)} is not a workspace: ${shown(name)} is not a workspace name (letters, digits, - and _)`,
    );
  }
  return { kind: 'name', organization, name };
}

export function parseActionId(word: string): string {
  return idArgument('action', word);
}

export function parseRunId(word: string): string {
  return idArgument('run', word);
}

export function parseTopic(word: string): SubcommandName {
  const topic = resolveSubcommand(word);
  if (!topic) throw new CommandProblem(unknownSubcommandMessage(word));
  return topic;
}

export function unknownSubcommandMessage(word: string): string {
  if (word === '') return 'the subcommand is empty; the subcommands are listed below';
  const suggestion = closestMatch(word, SUBCOMMAND_NAMES);
  const hint = suggestion ? `; did you mean \`${suggestion}\`?` : '; the subcommands are listed below';
  return `unknown subcommand ${shown(word)}${hint}`;
}

const ID_KINDS = ['workspace', 'action', 'run'] as const;

function idArgument(kind: (typeof ID_KINDS)[number], word: string): string {
  if (isValidId(kind, word)) return word;
  throw new CommandProblem(
    `${shown(word)} is not a valid ${kind} ID (expected something like ${exampleId(kind)})${otherKindHint(word)}`,
  );
}

/** `; that is a run ID` when the word is a valid ID of some kind, for IDs given in the wrong place. */
function otherKindHint(word: string): string {
  const otherKind = ID_KINDS.find((other) => isValidId(other, word));
  return otherKind ? `; that is ${otherKind === 'action' ? 'an' : 'a'} ${otherKind} ID` : '';
}
