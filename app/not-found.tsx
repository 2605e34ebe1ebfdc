import Link from "next/link";

// Outside the site's pages (none today) a bare message; unmatched URLs get
// app/global-not-found.tsx and the site's pages app/(site)/not-found.tsx.
// Kept so Next's larger built-in 404 markup is not embedded in every page.
export default function NotFound() {
  return (
    <main>
      <h1>Page not found</h1>
      <p>
        <Link href="/">Home page</Link>
      </p>
    </main>
  );
}
