// Topics (issue #18, decision 0044): a reader chooses one topic at signup,
// confirms from the email the local SMTP server received, sees the topic on
// the preferences page and changes it there (a plain form post); a campaign
// for another topic does not reach them, one for their topic does, and the
// count the CLI shows before sending is the number frozen.
import { expect, test } from "@playwright/test";
import { hydrated, linkIn, mailTo, newsletterCli, unique, waitForMail } from "./support";

const OTHER_ISSUE = "2027-01-new-year-reset";
const OTHER_SUBJECT = "A gentle reset for your back this January";
const THEIR_ISSUE = "2026-12-walking-season";
const THEIR_SUBJECT = "Winter walking: the cheapest back treatment there is";

test("a reader subscribes to one topic, changes it on the preferences page, and gets only campaigns for their topics", async ({ page }) => {
  test.setTimeout(180_000);
  const email = `${unique("topics")}@example.com`;
  await page.goto("/newsletter");
  const form = page.locator("#newsletter form");
  const topics = form.getByRole("group", { name: "Topics" });
  await expect(topics).toBeVisible();
  await expect(topics.getByText("Tick none to get everything, including topics we add later.")).toBeVisible();
  await hydrated(page, "#newsletter form");
  await form.getByLabel("Email *").fill(email);
  await topics.getByRole("checkbox", { name: "Neck and Shoulder Pain" }).check();
  await form.getByLabel("I am not a robot").check();
  await form.getByRole("button", { name: "Sign Me Up!" }).click();
  await expect(page.locator("#newsletter").getByText(/Almost done! Check your inbox/)).toBeVisible();

  const confirm = await waitForMail(email, /Please confirm/);
  expect(confirm.text).toContain("Topics chosen: Neck and Shoulder Pain.");
  await page.goto(linkIn(confirm, "/newsletter/confirm"));
  await expect(page.getByRole("heading", { name: "Thank you! You're subscribed" })).toBeVisible();
  const welcome = await waitForMail(email, /^Welcome/);
  expect(welcome.text).toContain("Your topics: Neck and Shoulder Pain.");

  // The preferences page says what they chose, and the boxes show it.
  await page.goto(linkIn(welcome, "/newsletter/preferences"));
  await expect(page.getByTestId("topics-now")).toHaveText("You receive: Neck and Shoulder Pain.");
  const boxes = page.getByRole("group", { name: "Topics" });
  await expect(boxes.getByRole("checkbox", { name: "Neck and Shoulder Pain" })).toBeChecked();
  await expect(boxes.getByRole("checkbox", { name: "Movement and Exercise" })).not.toBeChecked();
  expect(await page.content()).not.toContain(email);
  // Changed to two topics: both boxes are posted as one field, sent twice.
  await boxes.getByRole("checkbox", { name: "Back Pain Articles" }).check();
  await page.getByRole("button", { name: "Update my topics" }).click();
  await expect(page.getByRole("status")).toHaveText("Your topics are saved.");
  await expect(page.getByTestId("topics-now")).toHaveText("You receive: Back Pain Articles and Neck and Shoulder Pain.");

  // A campaign for another topic: the count shown first is the number frozen, and it does not reach them.
  const count = Number((await newsletterCli("count", OTHER_ISSUE, "--topics", "movement")).match(/^(\d+) /)?.[1]);
  const other = await newsletterCli("send", OTHER_ISSUE, "--topics", "movement", "--resend", "--yes");
  expect(other).toContain(`${count} recipients frozen (topics: movement, and readers of every topic)`);
  expect(other).toMatch(/done: sent \d+, failed 0/);
  // A campaign for one of their topics does.
  const theirs = await newsletterCli("send", THEIR_ISSUE, "--topics", "back-pain", "--resend", "--yes");
  expect(theirs).toMatch(/done: sent \d+, failed 0/);
  await waitForMail(email, new RegExp(`^${THEIR_SUBJECT}$`));
  expect((await mailTo(email)).map((m) => m.subject)).not.toContain(OTHER_SUBJECT);

  // A topic that is not a category is refused by the CLI, and by the preferences form without changing anything.
  await expect(newsletterCli("count", OTHER_ISSUE, "--topics", "gardening")).rejects.toThrow(/"gardening" is not one of our topics/);
  const token = new URL(linkIn(welcome, "/newsletter/preferences")).searchParams.get("token")!;
  const bad = await page.request.post("/api/newsletter/preferences", {
    headers: { origin: new URL(page.url()).origin },
    data: { token, action: "topics", topics: ["gardening"] },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).field).toBe("topics");
  await page.reload();
  await expect(page.getByTestId("topics-now")).toHaveText("You receive: Back Pain Articles and Neck and Shoulder Pain.");
});
