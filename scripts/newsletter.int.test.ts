// `npm run newsletter -- send` as an editor runs it, on both databases: two
// sends of one issue at once (two terminals) mail nobody twice, and a
// sender killed right after freezing the list is finished by `resume`.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabaseTarget, suiteDatabase } from "../lib/testing/database";
import { runProcess } from "../lib/testing/processes";
import { recipientOf, suiteSmtpSink } from "../lib/testing/smtp-sink";
import { confirmedSubscribers, numberedEmails } from "../lib/testing/worker-deps";

const target = await testDatabaseTarget();
const ISSUE = "2026-12-walking-season";

describe.skipIf(!target.available)(`the newsletter command on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  const sink = suiteSmtpSink();
  let env: Record<string, string>;
  beforeAll(() => {
    env = {
      APP_MODE: "local",
      DATABASE_URL: t.url,
      SMTP_URL: sink.url,
      PUBLIC_URL: "https://backinmotion.example",
      MAIL_FROM: "Back in Motion <news@backinmotion.example>",
    };
    // The tool reads its configuration once, from this process's environment.
    Object.assign(process.env, env);
  });
  beforeEach(async () => {
    sink.messages.length = 0;
    await t.db.campaign.deleteMany();
    await t.db.subscriber.deleteMany();
    await t.db.subscriber.createMany({ data: confirmedSubscribers(numberedEmails("r", 40)) });
  });
  const recipients = () => sink.messages.map(recipientOf);

  /** The command in its own process, as a terminal runs it. */
  const cli = (...args: string[]) => runProcess("npx", ["tsx", "scripts/newsletter.ts", ...args], { env });

  it("two sends of one issue started at once create one campaign; each subscriber gets one copy", async () => {
    const [a, b] = await Promise.all([cli("send", ISSUE), cli("send", ISSUE)]);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    const loser = a.code === 1 ? a : b;
    expect(loser.out).toMatch(/already has campaign c\w+/);
    expect(await t.db.campaign.count()).toBe(1);
    // The loser may have found the campaign still sending and said so; either way the winner finishes it.
    expect(recipients()).toHaveLength(40);
    expect(new Set(recipients()).size).toBe(40);
  });

  it("a sender killed right after freezing the list: send refuses to double up and points to resume, which finishes it once", async () => {
    const { newsletterTool } = await import("./newsletter");
    const { createCampaign } = await import("../lib/newsletter/campaigns");
    const { captureIo, runTool } = await import("./cli");
    // The state a kill leaves: the campaign and its deliveries exist, nothing started.
    const frozen = await createCampaign(
      t.db,
      { newsletterSlug: ISSUE, subject: "s", html: "<p>Hi %%FIRST_NAME%%</p>", text: "Hi", sendAt: new Date() },
      { resend: false },
    );
    expect(frozen.kind).toBe("created");
    const id = frozen.kind === "created" ? frozen.campaignId : "";

    const again = captureIo();
    expect(await runTool(newsletterTool, ["send", ISSUE], again)).toBe(1);
    expect(again.stderr).toContain(`resume ${id}`);
    expect(again.stderr).not.toContain("--resend");

    const resume = captureIo();
    expect(await runTool(newsletterTool, ["resume", id], resume)).toBe(0);
    expect(resume.stdout).toContain(`campaign ${id} done: sent 40`);
    expect(new Set(recipients()).size).toBe(40);
    expect(recipients()).toHaveLength(40);
  });

  it("bad flags and missing arguments are usage errors that change nothing", async () => {
    const { newsletterTool } = await import("./newsletter");
    const { captureIo, runTool } = await import("./cli");
    for (const args of [
      ["send"],
      ["send", ISSUE, "--at", "tomorrow"],
      ["send", ISSUE, "--resend"],
      ["send", ISSUE, "--bogus"],
      ["pause"],
      ["frobnicate"],
    ]) {
      const io = captureIo();
      expect(await runTool(newsletterTool, args, io), args.join(" ")).toBe(2);
      expect(io.stderr).toContain("usage: npm run newsletter");
    }
    expect(await t.db.campaign.count()).toBe(0);
    const help = captureIo();
    expect(await runTool(newsletterTool, ["--help"], help)).toBe(0);
    expect(help.stdout).toContain("usage: npm run newsletter");
  });
});
