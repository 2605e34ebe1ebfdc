import { NotFoundContent, notFoundMetadata } from "@/components/not-found-content";

// Shown inside the site's layout when a page calls notFound().
export const metadata = notFoundMetadata;

export default function NotFound() {
  return <NotFoundContent />;
}
