export function AffiliateDisclosure() {
  return (
    <p className="disclosure" role="note">
      <strong>Disclosure:</strong> some links on this page are sponsored or affiliate links. We may earn a commission if you buy through
      them, at no extra cost to you. It never changes what we recommend.
    </p>
  );
}
