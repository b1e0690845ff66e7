/**
 * Every route of the community server, in match order.
 *
 * @module
 */
import type { Route } from "../router.ts";
import { batchRoutes } from "./batch.ts";
import { dmRoutes } from "./dm.ts";
import { fileRoutes } from "./files.ts";
import { messageRoutes } from "./messages.ts";
import { permissionRoutes } from "./permissions.ts";
import { reactionRoutes } from "./reactions.ts";
import { roomRoutes } from "./rooms.ts";
import { userRoutes } from "./users.ts";

/** All routes. */
export const allRoutes: readonly Route[] = [
  ...roomRoutes,
  ...messageRoutes,
  ...reactionRoutes,
  ...fileRoutes,
  ...userRoutes,
  ...permissionRoutes,
  ...dmRoutes,
  ...batchRoutes,
];
