import { expect, test } from "@playwright/test";
import { linkIn, mailTo, newsletterCli, newsletterCliWith, rawHeader, waitForMail } from "./support";
import { SEED_SUBSCRIBERS } from "../prisma/seed-data";

const ISSUE = "2026-12-walking-season";
const SUBJECT = "Winter walking: the cheapest back treatment there is";

test("an editor test-sends and sends an issue; each subscriber gets it once, with a link to the web archive", async ({ page, request }) => {
  // A test copy records no campaign and publishes nothing.
  expect(await newsletterCli("test", ISSUE, "--to", "editor@example.com")).toContain("no campaign was recorded");
  const testCopy = await waitForMail("editor@example.com", /^\[TEST\] Winter walking/);
  expect(testCopy.html).toContain("Short days make it tempting");
  expect((await request.get(`/newsletter/archive/${ISSUE}`)).status()).toBe(404);

  const out = await newsletterCli("send", ISSUE);
  expect(out).toMatch(/campaign \w+ done: sent \d+, failed 0/);
  await expect(newsletterCli("send", ISSUE)).rejects.toThrow(/already has campaign/);

  const reader = SEED_SUBSCRIBERS[0].email;
  const issue = await waitForMail(reader, new RegExp(`^${SUBJECT}$`));
  expect((await mailTo(reader)).filter((m) => m.subject === SUBJECT)).toHaveLength(1);
  expect(rawHeader(issue, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  expect(rawHeader(issue, "List-Id")).toContain("Less Pain, More Life");
  expect(issue.messageId).toMatch(/^<\w+\.\w+-[\w-]+@localhost>$/);
  expect(issue.html).toContain(`Hi ${SEED_SUBSCRIBERS[0].firstName},`);

  await page.goto(linkIn(issue, "/newsletter/archive/"));
  await expect(page.getByRole("heading", { level: 1, name: SUBJECT })).toBeVisible();
  await page.goto("/newsletter/archive");
  await expect(page.getByRole("link", { name: SUBJECT })).toBeVisible();

  // An issue for later is frozen now and left to the worker.
  expect(await newsletterCli("send", "2027-01-new-year-reset", "--at", "2030-01-07T08:00:00Z")).toContain(
    "scheduled for 2030-01-07T08:00:00.000Z",
  );
  expect(await newsletterCli("status")).toMatch(/scheduled\s+2030-01-07T08:00\s+\d+\s+2027-01-new-year-reset/);

  // The email's own unsubscribe link works for this subscriber.
  await page.goto(linkIn(issue, "/newsletter/preferences"));
  await expect(page.getByRole("heading", { name: "Newsletter preferences" })).toBeVisible();
  await expect(page.getByText(/active/)).toBeVisible();
});

test("bad newsletter commands say what is wrong and change nothing", async () => {
  await expect(newsletterCli("send", "no-such-issue")).rejects.toThrow(/no newsletter issue "no-such-issue" \(known: /);
  await expect(newsletterCli("send", ISSUE, "--at", "next tuesday")).rejects.toThrow(/is not a date\/time/);
  await expect(newsletterCli("send", ISSUE, "--force")).rejects.toThrow(/add --yes to confirm/);
  await expect(newsletterCli("test", ISSUE)).rejects.toThrow(/needs --to/);
  // An unreachable relay is found before anything is queued.
  const before = await newsletterCli("status");
  expect(() => newsletterCliWith({ SMTP_URL: "smtp://127.0.0.1:1" }, "send", "2027-01-new-year-reset")).toThrow(
    /does not answer .*nothing was queued/,
  );
  expect(await newsletterCli("status")).toBe(before);
});
