import { ContentImage } from "./content-image";

export function Figure({
  src,
  alt,
  caption,
  width = 800,
  height = 450,
}: {
  src: string;
  alt: string;
  caption?: string;
  width?: number;
  height?: number;
}) {
  return (
    <figure className="figure">
      <ContentImage src={src} alt={alt} width={width} height={height} sizes="(min-width: 46rem) 44rem, 100vw" />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}
