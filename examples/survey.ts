/**
 * Survey bot: `/survey` asks three questions with `conversation()` (re-asking until the rating
 * is 1–5; `/cancel` stops), stores the answers exactly once with the last answer's inbox
 * commit, and `/results` sums them up.
 *
 * Run: `deno run -A examples/survey.ts [--network <devnet seed URL>] [--kv ./survey.kv]`
 *
 * @module
 */
import type { Bot, Context } from "../src/bot/mod.ts";
import { conversation, type ConversationFlavor, defineConversation } from "../src/plugins/mod.ts";
import { serve, serviceConfig } from "../src/runner/mod.ts";

/** The survey bot's context. */
export type SurveyContext = Context & ConversationFlavor;

/** One stored answer sheet. */
export interface SurveyAnswers {
  readonly name: string;
  readonly rating: number;
  readonly comment?: string;
}

const questions = defineConversation<SurveyContext>(async (conversation) => {
  const name = (await conversation.ask("What's your name?")).text.trim();
  let answer = await conversation.ask(`Hi ${name}! How do you like Session, from 1 to 5?`);
  while (!/^[1-5]$/.test(answer.text.trim())) {
    answer = await conversation.ask("Please answer with a number from 1 to 5.");
  }
  const rating = Number(answer.text.trim());
  const last = await conversation.ask("Anything to add? (send - to skip)");
  const comment = last.text.trim() === "-" ? undefined : last.text.trim();
  // Written in the same KV commit that takes this last answer out of the inbox: exactly once.
  last.tx.set(["survey", last.me, last.chat], { name, rating, ...(comment ? { comment } : {}) });
  await last.reply(`Thanks, ${name}! You rated Session ${rating}/5.`);
});

/**
 * Sets up the survey bot.
 *
 * @example
 * ```ts
 * import { createTestNetwork } from "../src/testing/mod.ts";
 * import { survey } from "./survey.ts";
 *
 * await using net = await createTestNetwork();
 * await net.createBot(survey);
 * ```
 */
export function survey(bot: Bot<SurveyContext>): void {
  bot.use(conversation({ conversations: { survey: questions }, timeoutMs: 10 * 60_000 }));
  bot.command(
    "start",
    "Say hello",
    (ctx) => ctx.reply("Hello! Send /survey to answer three quick questions."),
  );
  bot.command("survey", "Answer three questions", (ctx) => ctx.conversation.enter("survey"));
  bot.command("results", "What everyone answered", async (ctx) => {
    const sheets = await surveyResults(bot);
    if (sheets.length === 0) {
      return void await ctx.reply("No answers yet: be the first with /survey.");
    }
    const average = sheets.reduce((sum, s) => sum + s.rating, 0) / sheets.length;
    await ctx.reply(`${sheets.length} answer(s), average rating ${average.toFixed(1)}/5.`);
  });
}

/**
 * Every stored answer sheet of `bot`.
 *
 * @example
 * ```ts
 * import type { Bot } from "../src/bot/mod.ts";
 * import { surveyResults } from "./survey.ts";
 *
 * declare const bot: Bot;
 * console.log(await surveyResults(bot));
 * ```
 */
export async function surveyResults(bot: Bot<SurveyContext>): Promise<SurveyAnswers[]> {
  if (!bot.kv) return [];
  const entries = await Array.fromAsync(bot.kv.list<SurveyAnswers>({ prefix: ["survey", bot.me] }));
  return entries.map((entry) => entry.value);
}

if (import.meta.main) {
  const service = await serve({ ...await serviceConfig("survey"), setup: survey });
  const role = service.health().role === "leader"
    ? "running"
    : "standing by (another process runs it)";
  console.log(`survey bot ${service.sessionId} is ${role}; Ctrl+C stops it`);
}
