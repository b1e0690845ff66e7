/**
 * Filter queries: short strings (`"message"`, `"message:text"`, `"reaction:added"`, …) that
 * select events and narrow the context type, checked when they are registered.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import type {
  AttachmentInfo,
  BotEvent,
  CallEvent,
  DataExtractionEvent,
  MessageEvent,
  MessageRef,
  ProfileEvent,
  ReactionEvent,
  ReceiptEvent,
  RequestAcceptedEvent,
  RequestEvent,
  TypingEvent,
  UnsendEvent,
} from "./events.ts";
import type { CommunityEvent, CommunityTextEvent } from "./community.ts";
import type {
  CommunityDeletionEvent,
  CommunityDmEvent,
  CommunityMessageEvent,
  CommunityReactionEvent,
} from "./community_events.ts";
import type { Community } from "./community_handle.ts";
import { didYouMean } from "./suggest.ts";

/**
 * What each filter query guarantees about the event. `message:text` means a `message` event
 * with a non-empty `body`; `reaction:added` a reaction that is not taken back; and so on.
 */
export interface FilterQueryMap {
  /** Any visible message. */
  message: MessageEvent;
  /** A message with text. */
  "message:text": MessageEvent & { readonly body: string };
  /** A message with at least one attachment. */
  "message:attachments": MessageEvent & {
    readonly attachments: readonly [AttachmentInfo, ...AttachmentInfo[]];
  };
  /** A message with a voice-note attachment. */
  "message:voice": MessageEvent & {
    readonly attachments: readonly [AttachmentInfo, ...AttachmentInfo[]];
  };
  /** A reply: a message that quotes another one. */
  "message:quote": MessageEvent & {
    readonly quote: MessageRef & { readonly text?: string };
  };
  /** A community invitation. */
  "message:invitation": MessageEvent & {
    readonly invitation: { readonly url: string; readonly name: string };
  };
  /** A message that only changes the disappearing timer. */
  "message:timer": MessageEvent & { readonly timerUpdate: true };
  /** A message from someone whose message request is not accepted yet. */
  "message:request": MessageEvent & { readonly request: true };
  /** An emoji reaction, added or taken back. */
  reaction: ReactionEvent;
  /** A reaction added. */
  "reaction:added": ReactionEvent & { readonly removed: false };
  /** A reaction taken back. */
  "reaction:removed": ReactionEvent & { readonly removed: true };
  /** A read or delivery receipt. */
  receipt: ReceiptEvent;
  /** A read receipt. */
  "receipt:read": ReceiptEvent & { readonly kind: "read" };
  /** A delivery receipt. */
  "receipt:delivery": ReceiptEvent & { readonly kind: "delivery" };
  /** Typing started or stopped. */
  typing: TypingEvent;
  /** Typing started. */
  "typing:started": TypingEvent & { readonly typing: true };
  /** Typing stopped. */
  "typing:stopped": TypingEvent & { readonly typing: false };
  /** "Delete for everyone" of a message. */
  unsend: UnsendEvent;
  /** A new message request from a stranger. */
  request: RequestEvent;
  /** The peer accepted our message request. */
  requestAccepted: RequestAcceptedEvent;
  /** A peer's profile changed. */
  profile: ProfileEvent;
  /** A screenshot or saved-media notification. */
  dataExtraction: DataExtractionEvent;
  /** The peer took a screenshot. */
  "dataExtraction:screenshot": DataExtractionEvent & { readonly kind: "screenshot" };
  /** The peer saved media. */
  "dataExtraction:mediaSaved": DataExtractionEvent & { readonly kind: "mediaSaved" };
  /** Call signalling (calls themselves are not handled). */
  call: CallEvent;
  /** A post in a community room (new or edited). */
  "community:message": CommunityMessageEvent;
  /** A room post with text. */
  "community:message:text": CommunityMessageEvent & { readonly body: string };
  /** A room post with at least one file. */
  "community:message:attachments": CommunityMessageEvent & {
    readonly attachments: readonly [AttachmentInfo, ...AttachmentInfo[]];
  };
  /** A room post that replies to another one. */
  "community:message:quote": CommunityMessageEvent & {
    readonly quote: NonNullable<CommunityMessageEvent["quote"]>;
  };
  /** An edit of an earlier room post. */
  "community:message:edited": CommunityMessageEvent & { readonly edited: true };
  /** A reaction in a room changed (added or taken back). */
  "community:reaction": CommunityReactionEvent;
  /** A reaction in a room added. */
  "community:reaction:added": CommunityReactionEvent & { readonly removed: false };
  /** A reaction in a room taken back. */
  "community:reaction:removed": CommunityReactionEvent & { readonly removed: true };
  /** A room post was deleted. */
  "community:deletion": CommunityDeletionEvent;
  /** A blinded DM through a community server. */
  "community:dm": CommunityDmEvent;
  /** A blinded DM with text. */
  "community:dm:text": CommunityDmEvent & { readonly body: string };
}

/** A valid filter query: a key of {@link FilterQueryMap}. */
export type FilterQuery = keyof FilterQueryMap;

/**
 * The context properties a narrowed event type implies: `event`, `type`, and the shortcuts
 * (`message`, `text`, `reaction`, `receipt`, `community`) typed as present or absent.
 */
export type EventProps<E extends BotEvent> = E extends unknown ? {
    readonly event: E;
    readonly type: E["type"];
    readonly message: E extends MessageEvent ? E : undefined;
    readonly text: E extends MessageEvent | CommunityTextEvent ? E["body"] : undefined;
    readonly reaction: E extends ReactionEvent ? E : undefined;
    readonly receipt: E extends ReceiptEvent ? E : undefined;
    readonly community: E extends CommunityEvent ? Community : undefined;
  }
  : never;

/**
 * `C` narrowed by the query (or queries) `Q`: `Filter<Context, "message:text">` has
 * `ctx.text: string` and `ctx.message: MessageEvent & { body: string }`.
 */
export type Filter<C, Q extends FilterQuery> = C & EventProps<FilterQueryMap[Q]>;

type Predicate = (event: BotEvent) => boolean;

const isMessage = (e: BotEvent): e is MessageEvent => e.type === "message";
const isPost = (e: BotEvent): e is CommunityMessageEvent => e.type === "community:message";
const isDm = (e: BotEvent): e is CommunityDmEvent => e.type === "community:dm";
const isRoomReaction = (e: BotEvent): e is CommunityReactionEvent =>
  e.type === "community:reaction";
const hasText = (e: { readonly body?: string }) => typeof e.body === "string" && e.body.length > 0;

const PREDICATES: { readonly [Q in FilterQuery]: Predicate } = {
  message: isMessage,
  "message:text": (e) => isMessage(e) && typeof e.body === "string" && e.body.length > 0,
  "message:attachments": (e) => isMessage(e) && e.attachments.length > 0,
  "message:voice": (e) => isMessage(e) && e.attachments.some((a) => a.voice),
  "message:quote": (e) => isMessage(e) && e.quote !== undefined,
  "message:invitation": (e) => isMessage(e) && e.invitation !== undefined,
  "message:timer": (e) => isMessage(e) && e.timerUpdate,
  "message:request": (e) => isMessage(e) && e.request,
  reaction: (e) => e.type === "reaction",
  "reaction:added": (e) => e.type === "reaction" && !e.removed,
  "reaction:removed": (e) => e.type === "reaction" && e.removed,
  receipt: (e) => e.type === "receipt",
  "receipt:read": (e) => e.type === "receipt" && e.kind === "read",
  "receipt:delivery": (e) => e.type === "receipt" && e.kind === "delivery",
  typing: (e) => e.type === "typing",
  "typing:started": (e) => e.type === "typing" && e.typing,
  "typing:stopped": (e) => e.type === "typing" && !e.typing,
  unsend: (e) => e.type === "unsend",
  request: (e) => e.type === "request",
  requestAccepted: (e) => e.type === "requestAccepted",
  profile: (e) => e.type === "profile",
  dataExtraction: (e) => e.type === "dataExtraction",
  "dataExtraction:screenshot": (e) => e.type === "dataExtraction" && e.kind === "screenshot",
  "dataExtraction:mediaSaved": (e) => e.type === "dataExtraction" && e.kind === "mediaSaved",
  call: (e) => e.type === "call",
  "community:message": isPost,
  "community:message:text": (e) => isPost(e) && hasText(e),
  "community:message:attachments": (e) => isPost(e) && e.attachments.length > 0,
  "community:message:quote": (e) => isPost(e) && e.quote !== undefined,
  "community:message:edited": (e) => isPost(e) && e.edited,
  "community:reaction": isRoomReaction,
  "community:reaction:added": (e) => isRoomReaction(e) && !e.removed,
  "community:reaction:removed": (e) => isRoomReaction(e) && e.removed,
  "community:deletion": (e) => e.type === "community:deletion",
  "community:dm": isDm,
  "community:dm:text": (e) => isDm(e) && hasText(e),
};

/** Every valid filter query, in table order. */
export const FILTER_QUERIES: readonly FilterQuery[] = Object.freeze(
  Object.keys(PREDICATES) as FilterQuery[],
);

/**
 * Checks `query` (one query or a list: any of them matches) and returns its predicate on
 * events. Throws a `ValidationError` naming the closest valid query and listing them all.
 *
 * @example
 * ```ts
 * import { matchFilter } from "./mod.ts";
 *
 * const isText = matchFilter("message:text");
 * try {
 *   matchFilter("mesage:text" as "message");
 * } catch (e) {
 *   console.log((e as Error).message); // Unknown filter query 'mesage:text'. Did you mean 'message:text'? …
 * }
 * ```
 */
export function matchFilter(
  query: FilterQuery | readonly FilterQuery[],
): (event: BotEvent) => boolean {
  const queries: readonly unknown[] = Array.isArray(query) ? query : [query];
  if (queries.length === 0) {
    throw new ValidationError(
      `an empty list of filter queries matches nothing: give at least one, e.g. "message:text". ` +
        `Valid: ${FILTER_QUERIES.join(", ")}`,
      "unknown_filter",
      "filter",
    );
  }
  const predicates = queries.map(predicateOf);
  if (predicates.length === 1) return predicates[0];
  return (event) => predicates.some((p) => p(event));
}

function predicateOf(query: unknown): Predicate {
  if (typeof query !== "string") {
    throw new ValidationError(
      `a filter query is a string such as "message:text", got ${typeof query}. ` +
        `Valid: ${FILTER_QUERIES.join(", ")}`,
      "unknown_filter",
      "filter",
    );
  }
  const predicate = Object.hasOwn(PREDICATES, query) ? PREDICATES[query as FilterQuery] : undefined;
  if (!predicate) {
    throw new ValidationError(
      `Unknown filter query '${query}'.${didYouMean(query, FILTER_QUERIES)} ` +
        `Valid: ${FILTER_QUERIES.join(", ")}`,
      "unknown_filter",
      "filter",
    );
  }
  return predicate;
}
