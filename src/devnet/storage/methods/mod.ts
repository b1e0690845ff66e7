/**
 * Every storage RPC method by name, aliases included: the door of the `methods` folder.
 *
 * @module
 */
import { createBatchMethods } from "./batch.ts";
import { deleteMethod } from "./delete.ts";
import { deleteAllMethod, deleteBeforeMethod } from "./delete_all.ts";
import { expireMethod } from "./expire.ts";
import { expireAllMethod } from "./expire_all.ts";
import { getExpiriesMethod } from "./get_expiries.ts";
import { createIfElseMethod } from "./ifelse.ts";
import { getSwarmMethod, infoMethod } from "./info.ts";
import type { Method } from "./method.ts";
import { oxendMethod } from "./oxend.ts";
import { retrieveMethod } from "./retrieve.ts";
import { revokeMethod, unrevokeMethod } from "./revoke.ts";
import { storeMethod } from "./store.ts";

export type { Method, MethodLookup } from "./method.ts";

/**
 * Builds the method table. Meta methods (batch, sequence, ifelse) look their subrequests up in
 * the same table.
 */
export function createMethodTable(): ReadonlyMap<string, Method> {
  const table = new Map<string, Method>([
    ["store", storeMethod],
    ["retrieve", retrieveMethod],
    ["delete", deleteMethod],
    ["delete_all", deleteAllMethod],
    ["delete_before", deleteBeforeMethod],
    ["expire", expireMethod],
    ["expire_all", expireAllMethod],
    ["get_expiries", getExpiriesMethod],
    ["get_swarm", getSwarmMethod],
    ["get_snodes_for_pubkey", getSwarmMethod],
    ["info", infoMethod],
    ["oxend_request", oxendMethod],
    ["revoke_subaccount", revokeMethod],
    ["unrevoke_subaccount", unrevokeMethod],
  ]);
  const lookup = (name: string) => table.get(name);
  const { batch, sequence } = createBatchMethods(lookup);
  table.set("batch", batch).set("sequence", sequence).set("ifelse", createIfElseMethod(lookup));
  return table;
}
