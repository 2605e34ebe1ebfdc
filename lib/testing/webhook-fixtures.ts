// Test support: relay webhook calls written from each provider's documented
// payload format (Amazon SES notification contents and SNS message format,
// Postmark's bounce and spam-complaint webhooks, Mailgun's event webhooks,
// SendGrid's event webhook), with our own values, signed with keys made here.
import { execFileSync } from "node:child_process";
import { createHmac, createSign, generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { snsStringToSign } from "../audience/webhooks";

/** A self-signed certificate and its key (openssl), as SNS's signing certificate stands in. */
export function selfSignedCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bim-cert-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        `${dir}/key.pem`,
        "-out",
        `${dir}/cert.pem`,
        "-days",
        "1",
        "-subj",
        "/CN=sns.test",
      ],
      { stdio: "ignore" },
    );
    return { cert: readFileSync(`${dir}/cert.pem`, "utf8"), key: readFileSync(`${dir}/key.pem`, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A local HTTP server that serves the certificate and counts subscription confirmations. */
export async function startCertServer(cert: string): Promise<{ base: string; confirmations: string[]; close(): Promise<void> }> {
  const confirmations: string[] = [];
  const server: Server = createServer((req, res) => {
    if (req.url === "/SimpleNotificationService-test.pem") return void res.end(cert);
    if (req.url?.startsWith("/confirm")) {
      confirmations.push(req.url);
      return void res.end("<ConfirmSubscriptionResponse/>");
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, confirmations, close: () => new Promise((r) => server.close(() => r())) };
}

type SnsFields = {
  Type: "Notification" | "SubscriptionConfirmation";
  Message: string;
  Token?: string;
  SubscribeURL?: string;
  Timestamp?: string;
};

export function snsCall(key: string, certUrl: string, f: SnsFields, over: Record<string, string> = {}): string {
  const m = {
    Type: f.Type,
    MessageId: `m-${randomBytes(8).toString("hex")}`,
    TopicArn: "arn:aws:sns:eu-west-1:123456789012:ses-bounces",
    Message: f.Message,
    Timestamp: f.Timestamp ?? new Date().toISOString(),
    SignatureVersion: "2" as const,
    SigningCertURL: certUrl,
    ...(f.Token ? { Token: f.Token } : {}),
    ...(f.SubscribeURL ? { SubscribeURL: f.SubscribeURL } : {}),
    ...over,
  };
  const Signature = createSign("RSA-SHA256")
    .update(snsStringToSign(m as never))
    .sign(key, "base64");
  return JSON.stringify({ ...m, Signature });
}

export function sesBounce(o: { email: string; messageId?: string; bounceType?: "Permanent" | "Transient" }): string {
  return JSON.stringify({
    notificationType: "Bounce",
    bounce: {
      bounceType: o.bounceType ?? "Permanent",
      bounceSubType: "General",
      bouncedRecipients: [{ emailAddress: o.email, status: "5.1.1", action: "failed", diagnosticCode: "smtp; 550 5.1.1 user unknown" }],
      timestamp: new Date().toISOString(),
      feedbackId: `fb-${randomBytes(6).toString("hex")}`,
      reportingMTA: "dns; a27-1.smtp-out.eu-west-1.amazonses.com",
    },
    mail: {
      timestamp: new Date().toISOString(),
      source: "news@backinmotion.example",
      messageId: "0102018c-ses-internal-id",
      destination: [o.email],
      headersTruncated: false,
      commonHeaders: {
        from: ["Back in Motion <news@backinmotion.example>"],
        to: [o.email],
        messageId: o.messageId,
        subject: "Winter walking",
      },
    },
  });
}

export function sesComplaint(o: { email: string; messageId?: string }): string {
  return JSON.stringify({
    notificationType: "Complaint",
    complaint: {
      complainedRecipients: [{ emailAddress: o.email }],
      timestamp: new Date().toISOString(),
      feedbackId: `fb-${randomBytes(6).toString("hex")}`,
      complaintFeedbackType: "abuse",
      userAgent: "Mail provider feedback loop",
    },
    mail: { messageId: "0102018c-ses-internal-id", commonHeaders: { messageId: o.messageId } },
  });
}

export function postmarkBounce(o: { email: string; type?: string; id?: number; recordType?: string }): string {
  return JSON.stringify({
    RecordType: o.recordType ?? "Bounce",
    ID: o.id ?? 4323372036854775807,
    Type: o.type ?? "HardBounce",
    TypeCode: 1,
    Name: "Hard bounce",
    Tag: "newsletter",
    MessageID: "883953f4-6105-42a2-a16a-77a8eac79483",
    ServerID: 23,
    MessageStream: "broadcast",
    Description: "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
    Details: "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
    Email: o.email,
    From: "news@backinmotion.example",
    BouncedAt: new Date().toISOString(),
    DumpAvailable: true,
    Inactive: true,
    CanActivate: true,
    Subject: "Winter walking",
  });
}

export function mailgunEvent(
  signingKey: string,
  o: { email: string; event?: string; severity?: string; messageId?: string; timestamp?: number; token?: string; id?: string },
): string {
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const token = o.token ?? randomBytes(25).toString("hex");
  return JSON.stringify({
    signature: {
      timestamp,
      token,
      signature: createHmac("sha256", signingKey)
        .update(timestamp + token)
        .digest("hex"),
    },
    "event-data": {
      id: o.id ?? `G9Bn5sl1TC6nu79C8C0bwg-${randomBytes(4).toString("hex")}`,
      timestamp: Number(timestamp),
      "log-level": "error",
      event: o.event ?? "failed",
      severity: o.severity ?? "permanent",
      reason: "bounce",
      recipient: o.email,
      "delivery-status": { code: 550, message: "5.1.1 The email account does not exist", description: "" },
      message: { headers: { to: o.email, "message-id": o.messageId, from: "news@backinmotion.example", subject: "Winter walking" } },
    },
  });
}

export function sendgridKeys() {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return { publicKey: publicKey.export({ type: "spki", format: "der" }).toString("base64"), privateKey };
}

export function sendgridCall(
  privateKey: ReturnType<typeof sendgridKeys>["privateKey"],
  events: Record<string, unknown>[],
  timestamp = String(Math.floor(Date.now() / 1000)),
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(events);
  const signature = createSign("sha256")
    .update(timestamp + body)
    .sign(privateKey, "base64");
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-twilio-email-event-webhook-signature": signature,
      "x-twilio-email-event-webhook-timestamp": timestamp,
    },
  };
}

export const sendgridBounce = (email: string, smtpId?: string, event = "bounce") => ({
  email,
  timestamp: Math.floor(Date.now() / 1000),
  "smtp-id": smtpId,
  event,
  category: ["newsletter"],
  sg_event_id: `sg-${randomBytes(8).toString("hex")}`,
  sg_message_id: "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
  reason: "500 unknown recipient",
  status: "5.0.0",
  type: "bounce",
});
