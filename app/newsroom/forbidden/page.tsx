import Link from "next/link";
import { requireEditor } from "@/wiring/newsroom";

// Where a page beyond the editor's role sends them (the server decided; no data was loaded).
export const dynamic = "force-dynamic";
export const metadata = { title: "Not allowed" };

export default async function Forbidden() {
  await requireEditor("moderator");
  return (
    <div className="newsroom-narrow">
      <h1>Not allowed</h1>
      <p>Your role does not include that page. Ask an admin if you need it.</p>
      <p>
        <Link href="/newsroom">Back to the overview</Link>
      </p>
    </div>
  );
}
