import Link from "next/link";
import { ImportForm } from "@/components/newsroom/subscribers/import-form";
import { MAX_IMPORT_BYTES } from "@/lib/newsroom/subscribers";
import { editorForPage } from "../_access";

export const dynamic = "force-dynamic";
export const metadata = { title: "Import subscribers", robots: { index: false } };

export default async function ImportPage() {
  await editorForPage("editor");
  return (
    <div className="newsroom-section">
      <p>
        <Link href="/newsroom/subscribers">← Subscribers</Link>
      </p>
      <h1>Import subscribers</h1>
      <p>
        A CSV file with an email column (Mailchimp, MailPoet, The Newsletter Plugin, Brevo or a plain list), at most{" "}
        {MAX_IMPORT_BYTES / 1024 / 1024} MB. Each line goes through the signup form&apos;s address checks; people who unsubscribed or
        bounced in the old tool are kept only as suppressions. Nothing is emailed from here: pending people receive nothing until they
        confirm (send their confirmations with <code>npm run subscribers -- import --send-confirmations</code>).
      </p>
      <ImportForm maxBytes={MAX_IMPORT_BYTES} />
    </div>
  );
}
