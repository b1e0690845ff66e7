/**
 * The loopback control endpoint (`/devnet/v1/faults` on the seed server) through which
 * `sessionbot devnet fault` changes a running devnet.
 *
 * @module
 */
import { z } from "zod";
import { SessionBotError, ValidationError } from "../../core/errors.ts";
import { applyFaultCommand, type FaultCommand, faultReport } from "./command.ts";
import type { FaultController } from "./controller.ts";

/** Path of the control endpoint. */
export const CONTROL_PATH = "/devnet/v1/faults";

const commandSchema = z.strictObject({
  node: z.union([z.number().int().nonnegative(), z.string()]).optional(),
  status: z.number().int().nullable().optional(),
  latency: z.number().nonnegative().optional(),
  drop: z.number().min(0).max(1).optional(),
  skew: z.number().optional(),
  stop: z.boolean().optional(),
  start: z.boolean().optional(),
  clear: z.boolean().optional(),
  move: z.string().optional(),
  toSwarm: z.string().optional(),
  refuseStore: z.union([z.number().int(), z.boolean()]).nullable().optional(),
  refuseStoreText: z.string().max(1000).optional(),
});

/**
 * Validates a JSON fault command, with a message naming the bad field.
 *
 * @example
 * ```ts
 * import { parseFaultCommand } from "../mod.ts";
 *
 * parseFaultCommand({ node: 1, drop: 0.5 }); // { node: 1, drop: 0.5 }
 * parseFaultCommand({ node: 1, drop: 2 }); // throws ValidationError naming `drop`
 * ```
 */
export function parseFaultCommand(json: unknown): FaultCommand {
  const parsed = commandSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.join(".") || "body";
  throw new ValidationError(`bad fault command: ${field}: ${issue.message}`, "bad_fault", field);
}

/**
 * Creates the control route: `GET` returns the fault report, `POST` applies one
 * {@link FaultCommand} and returns the new report. Errors are 400 `{"error": "..."}`.
 */
export function createControlRoute(
  faults: FaultController,
  swarmIds: () => readonly bigint[],
): (request: Request) => Promise<Response> {
  return async function controlRoute(request: Request): Promise<Response> {
    if (request.method === "GET") return Response.json(faultReport(faults));
    if (request.method !== "POST") {
      return Response.json({ error: "use GET or POST" }, { status: 405 });
    }
    try {
      const command = parseFaultCommand(JSON.parse(await request.text()));
      return Response.json(await applyFaultCommand(faults, command, swarmIds()));
    } catch (error) {
      const message = error instanceof SessionBotError || error instanceof SyntaxError
        ? error.message
        : `fault command failed: ${error instanceof Error ? error.message : String(error)}`;
      return Response.json({ error: message }, { status: 400 });
    }
  };
}
