import { readFileSync } from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";

/**
 * A local image's intrinsic size, read from public/ once per process, so
 * every <img> carries its real width and height and nothing shifts while
 * it loads. Undefined for remote images and files that cannot be read
 * (content:check reports those).
 */
const sizes = new Map<string, { width: number; height: number } | undefined>();

export function intrinsicSize(src: string): { width: number; height: number } | undefined {
  if (!src.startsWith("/") || src.startsWith("//")) return undefined;
  if (!sizes.has(src)) {
    let size: { width: number; height: number } | undefined;
    try {
      const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "public", decodeURIComponent(src.split(/[?#]/)[0]));
      const s = imageSize(readFileSync(file));
      if (s.width && s.height) size = { width: s.width, height: s.height };
    } catch {
      size = undefined;
    }
    sizes.set(src, size);
  }
  return sizes.get(src);
}
