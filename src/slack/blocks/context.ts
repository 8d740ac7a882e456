import type { Workspace } from '../../hcp/types.js';
import type { ButtonEncoder } from '../buttons/payloads.js';

/** What every query builder needs to know about where and how its result is shown. */
export interface RenderContext {
  /** Turns a payload into a button value, already bound to the channel and signed. */
  encoder: ButtonEncoder;
  /** e.g. https://app.terraform.io (no trailing slash). */
  tfeAddress: string;
  /** Canonical command text of this query at another page; when absent, no paging buttons. */
  commandForPage?: (page: number) => string;
  /** 'query' for ephemeral results (buttons re-run ephemeral), 'thread' when the result is a reply in an alert's thread. */
  buttonKind: 'query' | 'thread';
  /** Adds a "Share in channel" button (payload kind 'share' with commandForPage(current page)). */
  shareable?: boolean;
  /** For run links and titles when known. */
  workspace?: Workspace;
}
