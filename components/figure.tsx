export function Figure({ src, alt, caption, width = 800, height = 450 }: { src: string; alt: string; caption?: string; width?: number; height?: number }) {
  return (
    <figure className="figure">
      <img src={src} alt={alt} width={width} height={height} loading="lazy" decoding="async" />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}
