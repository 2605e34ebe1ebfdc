// The same-run baseline for `npm run bench:pages`: a static route with no
// layout chrome and no data, so article-page figures read as a ratio to it.
export const metadata = { title: "Baseline", robots: { index: false, follow: false } };

export default function Baseline() {
  return (
    <main>
      <h1>Baseline</h1>
      <p>A minimal static page used as the benchmark baseline.</p>
    </main>
  );
}
