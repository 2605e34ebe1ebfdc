import { getImageProps } from "next/image";
import { intrinsicSize } from "@/lib/content/images";

/**
 * An editor's image (hero, author photo, product, figure) through
 * next/image: its real width and height (no layout shift), AVIF/WebP and a
 * srcset for raster files, optimised by this server with sharp. SVGs are
 * served as they are (next/image leaves them unoptimised); remote images
 * are not optimised (content:check warns about them). getImageProps and a
 * plain <img>: the same markup in Next and in the pre-rendered MDX bodies
 * (scripts/render-content.tsx), and no client component for readers.
 */
export function ContentImage(props: {
  src: string;
  alt: string;
  /** The width the layout shows it at, at most; the size used when the file's own cannot be read. */
  width: number;
  height: number;
  /** `sizes` for the srcset, e.g. "(min-width: 72rem) 42rem, 100vw". */
  sizes: string;
  /** The page's largest image (the article's hero): loaded first, not lazily. */
  primary?: boolean;
  className?: string;
}) {
  const own = intrinsicSize(props.src);
  const remote = /^(https?:)?\/\//.test(props.src);
  const { props: img } = getImageProps({
    src: props.src,
    alt: props.alt,
    width: own?.width ?? props.width,
    height: own?.height ?? props.height,
    sizes: props.sizes,
    unoptimized: remote,
    // The hero is the page's largest paint: asked for first, never lazily.
    ...(props.primary ? { loading: "eager" as const, fetchPriority: "high" as const } : { loading: "lazy" as const }),
  });
  // eslint-disable-next-line @next/next/no-img-element -- the <img> next/image itself would render, from getImageProps
  return <img {...img} alt={props.alt} className={props.className} />;
}
