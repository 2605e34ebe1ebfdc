const ACTIONS: Record<string, { command: "pause" | "resume" | "cancel"; label: string }[]> = {
  scheduled: [
    { command: "pause", label: "Pause" },
    { command: "cancel", label: "Cancel" },
  ],
  sending: [
    { command: "pause", label: "Pause" },
    { command: "cancel", label: "Cancel" },
  ],
  paused: [
    { command: "resume", label: "Resume" },
    { command: "cancel", label: "Cancel" },
  ],
};

/** Pause, resume, cancel: plain forms (one per action), offered by state; the server checks the state again. */
export function CampaignActions({ campaignId, status }: { campaignId: string; status: string }) {
  const actions = ACTIONS[status] ?? [];
  if (actions.length === 0) return null;
  return (
    <div className="newsroom-plain-actions">
      {actions.map((a) => (
        <form key={a.command} method="post" action={`/api/newsroom/newsletters/campaigns/${campaignId}`}>
          <input type="hidden" name="command" value={a.command} />
          <button type="submit">{a.label}</button>
        </form>
      ))}
    </div>
  );
}
