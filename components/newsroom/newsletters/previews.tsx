/** How an inbox lists the message: sender, subject, then the preheader in grey, cut at the line's end. */
export function InboxLine({ from, subject, preheader }: { from: string; subject: string; preheader?: string }) {
  return (
    <div className="newsroom-inbox" aria-label="The message as an inbox lists it">
      <span className="newsroom-inbox-from">{from}</span>
      <span className="newsroom-inbox-subject">{subject}</span>
      <span className="newsroom-inbox-preheader">
        {preheader ? ` — ${preheader}` : " — (no preheader: the inbox shows the first words of the text)"}
      </span>
    </div>
  );
}

const VIEWS = [
  { key: "phone", label: "Phone (375 pixels wide)", width: 375, scheme: "light" },
  { key: "desktop", label: "Desktop (800 pixels wide)", width: 800, scheme: "light" },
  { key: "dark", label: "Phone in dark mode", width: 375, scheme: "dark" },
] as const;

/**
 * The email in sandboxed iframes (no scripts, no same-origin) at a phone's
 * and a desktop's width and in dark mode. Their source is a console-only
 * route; the frames scroll sideways on a narrow screen rather than shrink.
 */
export function IssuePreviews({ slug, subject }: { slug: string; subject: string }) {
  return (
    // A region that scrolls sideways on narrow screens: focusable, so keyboard users can scroll it.
    <div className="newsroom-previews" role="region" aria-label="Previews of the email" tabIndex={0}>
      {VIEWS.map((v) => (
        <figure key={v.key} className="newsroom-preview">
          <figcaption>{v.label}</figcaption>
          <iframe
            title={`${subject}: ${v.label}`}
            src={`/newsroom/newsletters/${slug}/email?scheme=${v.scheme}`}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            width={v.width}
            height={640}
            loading="lazy"
          />
        </figure>
      ))}
    </div>
  );
}
