import { formatDate } from "@/lib/content/format";

/** Shown on a signed preview of an unpublished article or issue (decision 0019); never on a public page. */
export function PreviewBanner({ state, goesLive }: { state: "draft" | "scheduled" | "unsent"; goesLive?: string }) {
  const when =
    state === "scheduled" && goesLive ? (
      <>
        It goes live on <time dateTime={goesLive}>{formatDate(goesLive)}</time>.
      </>
    ) : state === "draft" ? (
      "It is a draft: it goes live once draft is removed and its date has come."
    ) : (
      "This issue has not been sent."
    );
  return (
    <p className="preview-banner" role="status">
      <strong>Preview — not published.</strong> Only people with this link can see this page. {when}
    </p>
  );
}
