import type { ReactNode } from "react";
import { ACCENT, DARK_MODE, FONT, INK, MUTED, PAGE } from "./theme";

/**
 * The frame of every email: a centred 600px table (what every client
 * renders alike), an optional hidden preheader (the line an inbox shows
 * after the subject), a brand line, the content card and a footer.
 */
export function EmailLayout(props: {
  title: string;
  brand: string;
  preheader?: string;
  topRight?: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{props.title}</title>
        <style dangerouslySetInnerHTML={{ __html: DARK_MODE }} />
      </head>
      <body className="em-bg" style={{ margin: 0, padding: 0, background: PAGE, WebkitTextSizeAdjust: "100%" }}>
        {props.preheader ? (
          <div
            className="preheader"
            style={{ display: "none", maxHeight: 0, overflow: "hidden", msoHide: "all" } as React.CSSProperties}
            aria-hidden="true"
          >
            {props.preheader}
            {"\u034f \u200c \u00a0 ".repeat(12)}
          </div>
        ) : null}
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} className="em-bg" style={{ background: PAGE }}>
          <tbody>
            <tr>
              <td align="center" style={{ padding: "16px 8px" }}>
                <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ maxWidth: "600px" }}>
                  <tbody>
                    {props.topRight ? (
                      <tr>
                        <td
                          className="em-foot"
                          style={{ padding: "0 8px 12px", fontFamily: FONT, fontSize: "12px", color: MUTED, textAlign: "right" }}
                        >
                          {props.topRight}
                        </td>
                      </tr>
                    ) : null}
                    <tr>
                      <td
                        className="em-card"
                        style={{
                          background: "#ffffff",
                          borderRadius: "8px",
                          padding: "28px 24px",
                          fontFamily: FONT,
                          fontSize: "16px",
                          lineHeight: "1.6",
                          color: INK,
                        }}
                      >
                        <p
                          style={{
                            margin: "0 0 16px",
                            fontSize: "13px",
                            fontWeight: "bold",
                            letterSpacing: ".04em",
                            textTransform: "uppercase",
                            color: ACCENT,
                          }}
                        >
                          {props.brand}
                        </p>
                        {props.children}
                      </td>
                    </tr>
                    <tr>
                      <td
                        className="em-foot"
                        style={{ padding: "16px 8px", fontFamily: FONT, fontSize: "12px", lineHeight: "1.5", color: MUTED }}
                      >
                        {props.footer}
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

export const Heading = ({ children }: { children: ReactNode }) => (
  <h1 style={{ margin: "0 0 20px", fontSize: "24px", lineHeight: "1.25", color: INK }}>{children}</h1>
);

export const Paragraph = ({ children }: { children: ReactNode }) => <p style={{ margin: "0 0 16px" }}>{children}</p>;

/** A call to action, with the URL spelled out below for clients that hide buttons. */
export const Button = ({ href, children }: { href: string; children: ReactNode }) => (
  <>
    <p style={{ margin: "24px 0" }}>
      <a
        href={href}
        style={{
          background: ACCENT,
          color: "#ffffff",
          padding: "12px 20px",
          borderRadius: "6px",
          textDecoration: "none",
          fontWeight: "bold",
          display: "inline-block",
        }}
      >
        {children}
      </a>
    </p>
    <p className="link-fallback" style={{ margin: "0 0 16px", fontSize: "13px", color: MUTED, wordBreak: "break-all" }}>
      Or paste this link into your browser: {href}
    </p>
  </>
);

export const FooterLink = ({ href, children }: { href: string; children: ReactNode }) => (
  <a href={href} style={{ color: MUTED }}>
    {children}
  </a>
);
