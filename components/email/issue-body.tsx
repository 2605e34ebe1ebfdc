import type { CSSProperties, ReactNode } from "react";
import { content } from "@/lib/content";
import type { MdxComponentName } from "@/lib/content/mdx-component-names";
import { ACCENT, FONT, INK, MUTED } from "./theme";

// Email-safe versions of the MDX components and elements of a newsletter
// issue's body: tables for layout, inline styles only (mail clients drop
// <style> and classes), and absolute URLs everywhere, because an email has
// no "current site".

export function issueBodyComponents(publicUrl: string) {
  const abs = (href: string) => (/^(https?:|mailto:)/.test(href) ? href : new URL(href, publicUrl + "/").toString());
  // A box is a one-cell table: the one layout every mail client renders alike.
  const Box = (props: { style: CSSProperties; cellStyle: CSSProperties; children: ReactNode }) => (
    <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ margin: "0 0 20px", ...props.style }}>
      <tbody>
        <tr>
          <td style={props.cellStyle}>{props.children}</td>
        </tr>
      </tbody>
    </table>
  );

  const ArticleTeaser = ({ slug }: { slug: string }) => {
    const a = content.articleBySlug(slug);
    if (!a) throw new Error(`Unknown article "${slug}"`);
    return (
      <Box style={{ borderLeft: `4px solid ${ACCENT}` }} cellStyle={{ padding: "4px 0 4px 14px", fontFamily: FONT }}>
        <p style={{ margin: "0 0 4px", fontSize: "18px", lineHeight: "1.3", fontWeight: "bold" }}>
          <a href={abs(a.url)} style={{ color: ACCENT, textDecoration: "none" }}>
            {a.title}
          </a>
        </p>
        <p style={{ margin: "0 0 6px", fontSize: "15px", lineHeight: "1.5", color: INK }}>{a.description}</p>
        <p style={{ margin: 0, fontSize: "14px" }}>
          <a href={abs(a.url)} style={{ color: ACCENT }}>
            Read the article ({a.readingMinutes} min)
          </a>
        </p>
      </Box>
    );
  };

  const ProductCard = ({ id }: { id: string }) => {
    const p = content.productBySlug(id);
    if (!p) throw new Error(`Unknown product "${id}"`);
    return (
      <Box style={{ border: "1px solid #d5dcd9", borderRadius: "8px" }} cellStyle={{ padding: "16px", fontFamily: FONT }}>
        <img
          src={abs(p.image.src)}
          alt={p.image.alt}
          width={200}
          style={{ display: "block", maxWidth: "100%", height: "auto", margin: "0 0 10px" }}
        />
        <p style={{ margin: "0 0 4px", fontSize: "17px", fontWeight: "bold", color: INK }}>{p.name}</p>
        <p style={{ margin: "0 0 12px", fontSize: "15px", lineHeight: "1.5", color: INK }}>{p.pitch}</p>
        <a
          href={p.url}
          rel={p.sponsored ? "sponsored" : undefined}
          style={{
            background: ACCENT,
            color: "#ffffff",
            padding: "10px 16px",
            borderRadius: "6px",
            textDecoration: "none",
            fontWeight: "bold",
            display: "inline-block",
          }}
        >
          {p.cta}
        </a>
        {p.sponsored ? <p style={{ margin: "8px 0 0", fontSize: "12px", color: MUTED }}>Sponsored</p> : null}
      </Box>
    );
  };

  const Callout = ({ title, children }: { type?: string; title?: string; children: ReactNode }) => (
    <Box
      style={{ background: "#eef5f1", borderRadius: "8px" }}
      cellStyle={{ padding: "12px 16px", fontFamily: FONT, fontSize: "15px", lineHeight: "1.5", color: INK }}
    >
      {title ? <p style={{ margin: "0 0 6px", fontWeight: "bold" }}>{title}</p> : null}
      {children}
    </Box>
  );

  const Figure = ({ src, alt, caption }: { src: string; alt: string; caption?: string }) => (
    <div style={{ margin: "0 0 20px" }}>
      <img src={abs(src)} alt={alt} width={512} style={{ display: "block", width: "100%", maxWidth: "512px", height: "auto" }} />
      {caption ? <p style={{ margin: "6px 0 0", fontSize: "13px", color: MUTED }}>{caption}</p> : null}
    </div>
  );

  const Recommendations = () => null;
  // Citations belong to articles (the check refuses them in newsletters); kept as plain text if one slips in.
  const Cite = ({ n }: { n?: string }) => <sup>[{n ?? "?"}]</sup>;

  const custom = { ArticleTeaser, ProductCard, Callout, Figure, Recommendations, Cite } satisfies Record<MdxComponentName, unknown>;
  return {
    ...custom,
    p: (props: { children: ReactNode }) => (
      <p style={{ margin: "0 0 16px", fontSize: "16px", lineHeight: "1.6", color: INK }}>{props.children}</p>
    ),
    h2: (props: { children: ReactNode }) => (
      <h2 style={{ margin: "28px 0 12px", fontSize: "21px", lineHeight: "1.3", color: INK }}>{props.children}</h2>
    ),
    h3: (props: { children: ReactNode }) => (
      <h3 style={{ margin: "24px 0 10px", fontSize: "18px", lineHeight: "1.3", color: INK }}>{props.children}</h3>
    ),
    a: (props: { href?: string; children: ReactNode }) => (
      <a href={abs(props.href ?? "/")} style={{ color: ACCENT }}>
        {props.children}
      </a>
    ),
    ul: (props: { children: ReactNode }) => (
      <ul style={{ margin: "0 0 16px", paddingLeft: "22px", fontSize: "16px", lineHeight: "1.6", color: INK }}>{props.children}</ul>
    ),
    ol: (props: { children: ReactNode }) => (
      <ol style={{ margin: "0 0 16px", paddingLeft: "22px", fontSize: "16px", lineHeight: "1.6", color: INK }}>{props.children}</ol>
    ),
    li: (props: { children: ReactNode }) => <li style={{ margin: "0 0 6px" }}>{props.children}</li>,
    img: (props: { src?: string; alt?: string }) => (
      <img src={abs(props.src ?? "")} alt={props.alt ?? ""} style={{ display: "block", maxWidth: "100%", height: "auto" }} />
    ),
  };
}
