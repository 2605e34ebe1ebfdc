import Link from "next/link";

export const metadata = { title: "Link problem", robots: { index: false } };

const PAGES: Record<string, { title: string; body: string }> = {
  "already-confirmed": {
    title: "You're already subscribed",
    body: "This confirmation link was used before, and your subscription is active. Nothing has changed.",
  },
  expired: {
    title: "This link has expired",
    body: "Confirmation links work for a limited time. Please sign up again and we will send you a fresh one.",
  },
  invalid: {
    title: "This link is not valid",
    body: "It may have been cut short by your email program, or it was already used. Please sign up again if you want to subscribe.",
  },
};

type Props = { searchParams: Promise<{ reason?: string }> };

export default async function LinkProblem({ searchParams }: Props) {
  const { reason } = await searchParams;
  const page = PAGES[reason ?? ""] ?? PAGES.invalid;
  return (
    <div className="narrow">
      <h1>{page.title}</h1>
      <p role={reason === "already-confirmed" ? undefined : "alert"}>{page.body}</p>
      <p>
        <Link href="/newsletter">Go to the newsletter page</Link>
      </p>
    </div>
  );
}
