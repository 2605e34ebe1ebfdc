import Link from "next/link";
import type { ReactNode } from "react";
import { content } from "@/lib/content";
import { site } from "@/lib/site";
import { SearchForm } from "./search/search-form";

export function SiteChrome({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link href="/" className="site-name">
            {site.name}
          </Link>
          <nav aria-label="Main">
            <ul>
              {content.categories().map((c) => (
                <li key={c.slug}>
                  <Link href={c.url}>{c.title}</Link>
                </li>
              ))}
              <li>
                <Link href="/products">Products</Link>
              </li>
            </ul>
          </nav>
          <SearchForm compact />
        </div>
      </header>
      <main id="main" className="container">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>
            <strong>{site.name}</strong>: {site.tagline}.
          </p>
          <p className="medical-note">
            Our articles are general information, not medical advice. They cannot diagnose or treat you; talk to a qualified clinician about
            your own symptoms.
          </p>
          <nav aria-label="Footer">
            <ul>
              <li>
                <Link href="/products">Recommended products</Link>
              </li>
              <li>
                <Link href="/newsletter">Newsletter</Link>
              </li>
              <li>
                <Link href="/privacy">Privacy</Link>
              </li>
              <li>
                <a href="/feed.xml">RSS feed</a>
              </li>
            </ul>
          </nav>
          <p>
            © {new Date().getUTCFullYear()} {site.publisher}
          </p>
        </div>
      </footer>
    </>
  );
}
