// Test support: relay webhook calls written from each provider's documented
// payload format (Amazon SES notification contents and SNS message format,
// Postmark's bounce and spam-complaint webhooks, Mailgun's event webhooks,
// SendGrid's event webhook, Resend's email.bounced and email.complained
// events), with our own values, signed with keys made here.
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

/** A Resend signing secret as its dashboard shows one: "whsec_" + base64 of random bytes. */
export const resendSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

/**
 * A Resend call signed the Svix / Standard Webhooks way, written out here
 * (not with the library under test): v1 = base64 HMAC-SHA256 of
 * "id.timestamp.body" keyed with the secret's base64 after "whsec_".
 */
export function resendCall(
  secret: string,
  event: Record<string, unknown>,
  o: { id?: string; timestamp?: number; body?: string } = {},
): { id: string; body: string; headers: Record<string, string> } {
  const id = o.id ?? `msg_${randomBytes(14).toString("hex")}`;
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const body = o.body ?? JSON.stringify(event);
  const signature = createHmac("sha256", Buffer.from(secret.replace(/^whsec_/, ""), "base64"))
    .update(`${id}.${timestamp}.${body}`)
    .digest("base64");
  return {
    id,
    body,
    headers: {
      "content-type": "application/json",
      "svix-id": id,
      "svix-timestamp": timestamp,
      // Resend may list several signatures (during a secret rotation): one that is not ours first.
      "svix-signature": `v1,${randomBytes(32).toString("base64")} v1,${signature}`,
    },
  };
}

export function resendBounce(o: { to: string[]; bounceType?: "Permanent" | "Transient" | "Undetermined"; messageId?: string }) {
  const at = new Date().toISOString();
  return {
    type: "email.bounced",
    created_at: at,
    data: {
      broadcast_id: "2f6a1c0e-8d4b-4a57-9e3c-5b1d7f90a2c4",
      created_at: at,
      email_id: `7c3e9a51-${randomBytes(2).toString("hex")}-4b8d-a0f2-6e14c9d3b870`,
      ...(o.messageId ? { message_id: o.messageId } : {}),
      from: "Back in Motion <news@backinmotion.example>",
      to: o.to,
      subject: "Winter walking",
      bounce: {
        message: "The recipient's mail server permanently rejected the message: 550 5.1.1 mailbox unavailable.",
        type: o.bounceType ?? "Permanent",
        subType: o.bounceType === "Transient" ? "MailboxFull" : "General",
      },
      tags: { category: "newsletter" },
    },
  };
}

export function resendComplaint(o: { to: string[]; type?: string }) {
  const at = new Date().toISOString();
  return {
    type: o.type ?? "email.complained",
    created_at: at,
    data: {
      created_at: at,
      email_id: `9a0d4f27-${randomBytes(2).toString("hex")}-4e61-b5c8-31f7e2a6d940`,
      from: "Back in Motion <news@backinmotion.example>",
      to: o.to,
      subject: "Winter walking",
      tags: { category: "newsletter" },
    },
  };
}
