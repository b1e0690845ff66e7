/** Helpers for community tests on the devnet: join fast-polling, and wait for room events. */
import type { Community, CommunityMessageEvent, JoinOptions } from "../../src/bot/mod.ts";
import type { SessionEvent } from "../../src/client/session/mod.ts";
import type { TestUser } from "../../src/testing/mod.ts";

/** Fast polls for tests (the default backs off to 10 s). */
export const FAST: JoinOptions = { pollInterval: { min: 50, max: 200 } };

/** Joins `link` as `user`, polling fast. */
export function joinAs(user: TestUser, link: string): Promise<Community> {
  return user.client.communities.join(link, FAST);
}

/** The next room post `user` receives that satisfies `match` (skipping others). */
export async function nextPost(
  user: TestUser,
  match: (event: CommunityMessageEvent) => boolean = () => true,
  timeout = 20_000,
): Promise<CommunityMessageEvent> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) {
      const seen = user.events.filter((e: SessionEvent) => e.type === "community:message")
        .map((e) => JSON.stringify((e as CommunityMessageEvent).body));
      throw new Error(`${user.name}: no matching room post; saw ${seen.join(", ") || "none"}`);
    }
    const event = await user.nextEvent("community:message", { timeout: left });
    if (match(event)) return event;
  }
}
