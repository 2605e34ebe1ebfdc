// One static page: what a bare Next app serves at its cheapest.
export default function Page() {
  return (
    <main>
      <h1>Baseline</h1>
      <p>A minimal static page used as the benchmark baseline.</p>
    </main>
  );
}
