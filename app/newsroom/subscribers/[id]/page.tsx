import Link from "next/link";
import { notFound } from "next/navigation";
import { SubscriberRecordView } from "@/components/newsroom/subscribers/record";
import { db } from "@/lib/db";
import { subscriberId, subscriberRecord } from "@/lib/newsroom/subscribers";
import { editorForPage } from "../_access";

export const dynamic = "force-dynamic";
export const metadata = { title: "Subscriber", robots: { index: false } };

const ERRORS: Record<string, string> = {
  confirm: "Tick the box to confirm; nothing was changed.",
  gone: "This subscriber no longer exists (deleted or erased already). Nothing was changed.",
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SubscriberPage({ params, searchParams }: Props) {
  await editorForPage("editor");
  const { id } = await params;
  const error = (await searchParams).error;
  const parsed = subscriberId.safeParse(id);
  const record = parsed.success ? await subscriberRecord(db(), parsed.data) : undefined;
  if (!record) notFound();
  return (
    <div className="newsroom-section">
      <p>
        <Link href="/newsroom/subscribers">← Subscribers</Link>
      </p>
      {typeof error === "string" && ERRORS[error] ? (
        <p className="newsroom-error" role="alert">
          {ERRORS[error]}
        </p>
      ) : null}
      <SubscriberRecordView record={record} />
    </div>
  );
}
