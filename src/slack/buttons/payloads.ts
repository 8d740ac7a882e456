/**
 * What a button carries. Values are signed and bound to a channel by codec.ts, so a tampered value or one
 * copied into another channel is refused before anything runs.
 */
export type ButtonPayload =
  /** Re-run a query (paging, "Runs", "Failed runs", "Invocations" on query results): the canonical command text. */
  | { kind: 'query'; command: string }
  /** Post the same query's result to the channel ("Share in channel"). */
  | { kind: 'share'; command: string }
  /**
   * Post a query's result as a reply in the thread of the message that carries the button (drill-down from
   * alerts, and its paging); the thread comes from the click itself (message.thread_ts ?? message.ts).
   */
  | { kind: 'thread'; command: string }
  /** Silence one action's alerts in this channel. */
  | { kind: 'mute'; actionId: string; durationSeconds: number };

export type ButtonKind = ButtonPayload['kind'];

/** action_id prefix of every button of tfactions; Bolt listens on `^tfactions\.` and dispatches by kind. */
export const ACTION_ID_PREFIX = 'tfactions.';

/** A unique action_id within one message: `tfactions.<kind>.<index>`. */
export function actionIdFor(kind: ButtonKind, index: number): string {
  return `${ACTION_ID_PREFIX}${kind}.${index}`;
}

const BUTTON_KINDS: Readonly<Record<ButtonKind, true>> = {
  query: true,
  share: true,
  thread: true,
  mute: true,
};

/** The kind named by an action_id that actionIdFor made; undefined for any other action_id. */
export function buttonKindOf(actionId: string): ButtonKind | undefined {
  if (!actionId.startsWith(ACTION_ID_PREFIX)) return undefined;
  const [kind = '', index = '', ...rest] = actionId.slice(ACTION_ID_PREFIX.length).split('.');
  if (rest.length > 0 || !/^\d{1,4}$/.test(index) || !Object.hasOwn(BUTTON_KINDS, kind)) return undefined;
  return kind as ButtonKind;
}

/** Turns a payload into a button value (at most 2000 characters) bound to the channel where it is shown. */
export interface ButtonEncoder {
  encode(payload: ButtonPayload): string;
}
