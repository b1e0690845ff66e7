/**
 * The moderator lists of a room object: visible and hidden moderators and admins, room-level
 * and global (global ones hidden unless made visible). Each id appears once, in its highest
 * role, visible winning over hidden.
 *
 * @module
 */
import type { RenderContext } from "./render.ts";
import type { RoomRecord } from "./model.ts";

/** The four sorted id lists of `room`. */
export function moderatorsOf(ctx: RenderContext, room: RoomRecord) {
  const lists = {
    moderators: new Set<string>(),
    admins: new Set<string>(),
    hiddenModerators: new Set<string>(),
    hiddenAdmins: new Set<string>(),
  };
  const add = (
    user: string,
    record: { admin?: boolean; moderator?: boolean; visible?: boolean },
  ) => {
    if (!record.admin && !record.moderator) return;
    const id = ctx.keys.displayOf(user);
    const shown = record.visible !== false;
    if (record.admin) (shown ? lists.admins : lists.hiddenAdmins).add(id);
    else (shown ? lists.moderators : lists.hiddenModerators).add(id);
  };
  for (const [user, record] of ctx.db.globals) add(user, { visible: false, ...record });
  const prefix = `${room.token}\u0000`;
  for (const [key, record] of ctx.db.roomUsers) {
    if (key.startsWith(prefix)) add(key.slice(prefix.length), record);
  }
  // An id listed as admin is not listed again as moderator; visible wins over hidden.
  for (const id of lists.admins) lists.hiddenAdmins.delete(id);
  for (const id of [...lists.admins, ...lists.hiddenAdmins]) {
    lists.moderators.delete(id);
    lists.hiddenModerators.delete(id);
  }
  for (const id of lists.moderators) lists.hiddenModerators.delete(id);
  return {
    moderators: [...lists.moderators].sort(),
    admins: [...lists.admins].sort(),
    hiddenModerators: [...lists.hiddenModerators].sort(),
    hiddenAdmins: [...lists.hiddenAdmins].sort(),
  };
}
