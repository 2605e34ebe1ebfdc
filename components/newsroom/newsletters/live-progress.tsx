"use client";

import { useEffect, useState } from "react";
import type { Progress } from "@/lib/newsroom/newsletters";

const MOVING = new Set(["scheduled", "sending"]);

/**
 * The campaign's counts, rendered on the server and then refreshed every two
 * seconds from a JSON route while the campaign is scheduled or sending
 * (stops once it is done, paused or cancelled). Without JavaScript the
 * server-rendered numbers and a "Refresh" link remain.
 */
export function LiveProgress({ campaignId, initial }: { campaignId: string; initial: Progress }) {
  const [p, setP] = useState(initial);
  const [stale, setStale] = useState(false);
  useEffect(() => {
    if (!MOVING.has(p.status)) return;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/newsroom/newsletters/campaigns/${campaignId}/progress`, { cache: "no-store" });
        if (!res.ok) throw new Error(String(res.status));
        setP((await res.json()) as Progress);
        setStale(false);
      } catch {
        setStale(true);
        setP((old) => ({ ...old }));
      }
    }, 2000);
    return () => clearTimeout(timer);
  }, [campaignId, p]);
  const done = p.sent + p.failed;
  return (
    <div className="newsroom-progress">
      <p aria-live="polite">
        <strong data-testid="campaign-status">{p.status}</strong>
        {p.status === "paused" && p.pauseReason ? ` (${p.pauseReason})` : ""}
        {p.status === "scheduled" ? `: sends at ${p.sendAt.slice(0, 16).replace("T", " ")} UTC` : ""}
      </p>
      <progress max={Math.max(1, p.total)} value={done} aria-label="Delivered or failed, of all recipients">
        {done} of {p.total}
      </progress>
      <dl className="newsroom-record">
        <dt>Sent</dt>
        <dd data-testid="campaign-sent">{p.sent.toLocaleString("en")}</dd>
        <dt>Failed</dt>
        <dd>{p.failed.toLocaleString("en")}</dd>
        <dt>In doubt (resent after a crash)</dt>
        <dd>{p.inDoubt.toLocaleString("en")}</dd>
        <dt>Waiting</dt>
        <dd>{(p.queued + p.inFlight).toLocaleString("en")}</dd>
        <dt>Rate</dt>
        <dd>{p.rate} messages a second</dd>
      </dl>
      {stale ? <p className="newsroom-error">The progress could not be refreshed; retrying.</p> : null}
      <noscript>
        <p>
          <a href={`/newsroom/newsletters/campaigns/${campaignId}`}>Refresh</a> to see the latest numbers.
        </p>
      </noscript>
    </div>
  );
}
