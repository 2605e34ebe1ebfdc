import Link from "next/link";
import type { Author } from "@/lib/content/types";
import { ContentImage } from "./content-image";
import { MdxContent } from "./mdx-content";

export function AuthorBio({ author, heading = "About the author" }: { author: Author; heading?: string }) {
  return (
    <section className="author-bio" aria-labelledby="author-bio-heading">
      <ContentImage src={author.avatar.src} alt={author.avatar.alt} width={96} height={96} sizes="96px" className="avatar-96" />
      <div>
        <h2 id="author-bio-heading">{heading}</h2>
        <p className="author-bio-name">
          <Link href={author.url}>
            {author.name}
            {author.credentials ? `, ${author.credentials}` : ""}
          </Link>
        </p>
        <p className="meta">{author.role}</p>
        <MdxContent code={author.body.code} />
      </div>
    </section>
  );
}
