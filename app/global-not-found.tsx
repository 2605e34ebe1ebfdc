import type { Metadata, Viewport } from "next";
import { NotFoundContent, notFoundMetadata } from "@/components/not-found-content";
import { SiteChrome } from "@/components/site-chrome";
import { site, siteViewport } from "@/lib/site";
import "./globals.css";

// The 404 page for URLs no route matches. Next renders it on its own, outside
// the layouts, so unlike a root not-found.tsx it is not embedded in the RSC
// payload of every page (10 kB of each article's HTML; docs/performance.md).
export const metadata: Metadata = { ...notFoundMetadata, title: `${notFoundMetadata.title} | ${site.name}` };
export const viewport: Viewport = siteViewport;

export default function GlobalNotFound() {
  return (
    <html lang={site.language}>
      <body>
        <SiteChrome>
          <NotFoundContent suggestions />
        </SiteChrome>
      </body>
    </html>
  );
}
