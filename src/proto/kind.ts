/**
 * Which kind of message a Content carries.
 *
 * @module
 */
import type { Content } from "./types/content.ts";

/**
 * The kind of a Content, by its message field: `data` (dataMessage), `receipt`, `typing`,
 * `unsend`, `messageRequestResponse`, `dataExtraction`, `call`, `config` (the legacy
 * sharedConfigMessage / configurationMessage) or `unknown` (none of them, e.g. a newer kind).
 */
export type ContentKind =
  | "data"
  | "receipt"
  | "typing"
  | "unsend"
  | "messageRequestResponse"
  | "dataExtraction"
  | "call"
  | "config"
  | "unknown";

/**
 * Recognises a Content's kind. When several message fields are set (clients never do that), the
 * first in the order of `ContentKind` wins.
 *
 * @example
 * ```ts
 * import { contentKind } from "./mod.ts";
 * contentKind({ dataMessage: { body: "hi" } }); // "data"
 * contentKind({ typingMessage: { timestamp: 1700000000000, action: 0 } }); // "typing"
 * contentKind({}); // "unknown"
 * ```
 */
export function contentKind(content: Content): ContentKind {
  if (content.dataMessage !== undefined) return "data";
  if (content.receiptMessage !== undefined) return "receipt";
  if (content.typingMessage !== undefined) return "typing";
  if (content.unsendRequest !== undefined) return "unsend";
  if (content.messageRequestResponse !== undefined) return "messageRequestResponse";
  if (content.dataExtractionNotification !== undefined) return "dataExtraction";
  if (content.callMessage !== undefined) return "call";
  if (content.sharedConfigMessage !== undefined || content.configurationMessage !== undefined) {
    return "config";
  }
  return "unknown";
}
