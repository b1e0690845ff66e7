/**
 * Events of visible messages and request responses, with the message-request rules of
 * extended.md §6: the first visible message of a stranger opens a request (once, until it is
 * accepted or declined); a `MessageRequestResponse` or any visible message means they accepted
 * us; a sync copy of our own message to someone means we accepted them.
 *
 * @module
 */
import type { DecodedMessage } from "../codec/mod.ts";
import { DataMessageFlags, ReactionAction } from "../../proto/mod.ts";
import type { Contact, Contacts } from "./contacts.ts";
import { attachmentInfo, type Base, type PendingEvent, profileInfo } from "./convert.ts";
import type { Expiration, ProfileInfo } from "./events.ts";

/** The events of a DataMessage or MessageRequestResponse. */
export async function dataEvents(
  base: Base,
  decoded: DecodedMessage,
  contacts: Contacts,
  expiration: Expiration | undefined,
): Promise<PendingEvent[]> {
  const { content } = decoded;
  const dm = content.dataMessage;
  const response = content.messageRequestResponse;
  const events: PendingEvent[] = [];
  if (base.outgoing) {
    if (base.conversation !== base.identity) {
      contacts.update(base.conversation, { approved: true, requestedAt: undefined });
    }
  } else {
    const profile = profileInfo(
      dm?.profile ?? response?.profile,
      dm?.profileKey ?? response?.profileKey,
    );
    const contact = await contacts.get(base.from);
    if (profile && changed(contact.profile, profile)) {
      contacts.update(base.from, { profile });
      events.push({ ...base, type: "profile", ...profile });
    }
    if (response) {
      if (!response.isApproved) return events; // only true is ever sent; false is dropped
      contacts.update(base.from, { approvedMe: true });
      return [{ ...base, type: "requestAccepted", ...(profile ? { profile } : {}) }, ...events];
    }
    if (dm && !dm.reaction) events.unshift(...request(base, contact, contacts, dm.body, profile));
    if (dm && (dm.flags ?? 0) & DataMessageFlags.EXPIRATION_TIMER_UPDATE) {
      const timer = expiration && { mode: expiration.mode, seconds: expiration.seconds };
      contacts.update(base.from, { timer });
    } else if (expiration) {
      contacts.update(base.from, { timer: { mode: expiration.mode, seconds: expiration.seconds } });
    }
  }
  if (!dm) return events;
  if (dm.reaction) {
    const { id, author, emoji, action } = dm.reaction;
    const removed = action === ReactionAction.REMOVE;
    events.push({
      ...base,
      type: "reaction",
      emoji: emoji ?? "",
      target: { timestamp: id, author },
      removed,
    });
    return events;
  }
  const timerUpdate = ((dm.flags ?? 0) & DataMessageFlags.EXPIRATION_TIMER_UPDATE) !== 0;
  const attachments = (dm.attachments ?? []).map(attachmentInfo);
  const invitation = dm.openGroupInvitation;
  if (!timerUpdate && !dm.body && attachments.length === 0 && !invitation && !dm.quote) {
    return events;
  }
  const profile = profileInfo(dm.profile, dm.profileKey);
  const approved = base.outgoing || (await contacts.get(base.from)).approved;
  events.push({
    ...base,
    type: "message",
    ...(dm.body !== undefined ? { body: dm.body } : {}),
    attachments,
    ...(dm.quote
      ? {
        quote: {
          timestamp: dm.quote.id,
          author: dm.quote.author,
          ...(dm.quote.text ? { text: dm.quote.text } : {}),
        },
      }
      : {}),
    ...(expiration ? { expiration } : {}),
    timerUpdate,
    ...(profile ? { profile } : {}),
    ...(invitation ? { invitation: { url: invitation.url, name: invitation.name } } : {}),
    request: !approved,
  });
  return events;
}

/** A request event the first time a stranger writes; they accepted us by writing. */
function request(
  base: Base,
  contact: Contact,
  contacts: Contacts,
  body: string | undefined,
  profile: ProfileInfo | undefined,
): PendingEvent[] {
  const opens = !contact.approved && contact.requestedAt === undefined;
  contacts.update(base.from, {
    approvedMe: true,
    ...(opens ? { requestedAt: base.timestamp } : {}),
  });
  if (!opens) return [];
  return [{
    ...base,
    type: "request",
    ...(profile ? { profile } : {}),
    ...(body !== undefined ? { body } : {}),
  }];
}

function changed(known: ProfileInfo | undefined, next: ProfileInfo): boolean {
  if (!known) return true;
  if (next.updatedAt && known.updatedAt && next.updatedAt < known.updatedAt) return false;
  return known.displayName !== next.displayName || known.avatarUrl !== next.avatarUrl;
}
