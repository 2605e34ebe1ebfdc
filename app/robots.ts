import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/site";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [
      {
        userAgent: "*",
        allow: "/",
        disallow: ["/api/", "/dev/", "/newsletter/confirm", "/newsletter/preferences", "/newsletter/unsubscribe"],
      },
    ],
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
