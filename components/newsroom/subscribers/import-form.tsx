"use client";

import { useState, type FormEvent } from "react";

/**
 * The import form. It posts as a plain multipart form (the report comes back
 * as text without JavaScript); with JavaScript it shows the same report
 * under the form and keeps the button disabled while the file is read, so a
 * second click cannot import twice.
 */
export function ImportForm({ maxBytes }: { maxBytes: number }) {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<{ lines: string[]; error?: string } | undefined>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    const file = (form.elements.namedItem("file") as HTMLInputElement).files?.[0];
    if (file && file.size > maxBytes) {
      setReport({
        lines: [],
        error: `The file is larger than ${maxBytes / 1024 / 1024} MB. Split it, or import it on the server. Nothing was imported.`,
      });
      return;
    }
    setBusy(true);
    setReport(undefined);
    try {
      const res = await fetch(form.action, { method: "POST", body: new FormData(form), headers: { accept: "application/json" } });
      const body = (await res.json().catch(() => ({ error: `The server answered ${res.status}` }))) as { lines?: string[]; error?: string };
      setReport({ lines: body.lines ?? [], error: body.error });
    } catch {
      setReport({ lines: [], error: "The upload did not reach the server. Nothing was imported; try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form
        method="post"
        action="/api/newsroom/subscribers/import"
        encType="multipart/form-data"
        className="newsroom-plain-form"
        onSubmit={submit}
      >
        <p>
          <label htmlFor="file">CSV file</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv,text/plain" required />
        </p>
        <fieldset>
          <legend>These people are</legend>
          <label>
            <input type="radio" name="state" value="pending" defaultChecked /> pending: they have not confirmed this newsletter
          </label>
          <label>
            <input type="radio" name="state" value="confirmed" /> confirmed: they opted in elsewhere
          </label>
          <label>
            <input type="checkbox" name="attest" value="yes" /> For confirmed: I have their opt-in record for this newsletter
          </label>
        </fieldset>
        <button type="submit" disabled={busy} aria-disabled={busy}>
          {busy ? "Importing…" : "Import"}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {report?.error ? <p className="newsroom-error">{report.error}</p> : null}
        {report && report.lines.length > 0 ? (
          <>
            <h2>Report</h2>
            <pre className="newsroom-report">{report.lines.join("\n")}</pre>
          </>
        ) : null}
      </div>
    </>
  );
}
