/**
 * Embeds (a YouTube video, a Vimeo clip, a post on another site) become a
 * plain link on the imported page: no third-party script or frame loads
 * until the reader clicks (docs/decisions/0025). This names the provider and
 * gives the canonical address to link to.
 */

/** `known`: a provider WordPress embeds by itself when its address stands alone on a line. */
export type Embed = { url: string; provider: string; label: string; known: boolean };

// `oembed`: WordPress embeds an address of this provider standing alone on a line.
const PROVIDERS: { host: RegExp; provider: string; noun: string; oembed: boolean }[] = [
  { host: /(^|\.)(youtube\.com|youtube-nocookie\.com|youtu\.be)$/, provider: "YouTube", noun: "Video", oembed: true },
  { host: /(^|\.)vimeo\.com$/, provider: "Vimeo", noun: "Video", oembed: true },
  { host: /(^|\.)(twitter\.com|x\.com)$/, provider: "X (Twitter)", noun: "Post", oembed: true },
  { host: /(^|\.)instagram\.com$/, provider: "Instagram", noun: "Post", oembed: true },
  { host: /(^|\.)facebook\.com$/, provider: "Facebook", noun: "Post", oembed: false },
  { host: /(^|\.)tiktok\.com$/, provider: "TikTok", noun: "Video", oembed: true },
  { host: /(^|\.)spotify\.com$/, provider: "Spotify", noun: "Audio", oembed: true },
  { host: /(^|\.)soundcloud\.com$/, provider: "SoundCloud", noun: "Audio", oembed: true },
  { host: /(^|\.)slideshare\.net$/, provider: "SlideShare", noun: "Slides", oembed: true },
  { host: /(^|\.)(google\.[a-z.]+|goo\.gl)$/, provider: "Google", noun: "Map", oembed: false },
];

/** Normalises a YouTube address to its watch page (embed and short forms included). */
function youtubeWatchUrl(u: URL): string | null {
  let id: string | null = null;
  if (u.hostname.endsWith("youtu.be")) id = u.pathname.slice(1).split("/")[0] || null;
  else if (u.pathname.startsWith("/embed/") || u.pathname.startsWith("/shorts/") || u.pathname.startsWith("/v/"))
    id = u.pathname.split("/")[2] || null;
  else id = u.searchParams.get("v");
  return id && /^[A-Za-z0-9_-]{6,20}$/.test(id) ? `https://www.youtube.com/watch?v=${id}` : null;
}

function vimeoUrl(u: URL): string | null {
  const id = /\/(?:video\/)?(\d{5,12})(?:$|[/?#])/.exec(u.pathname + "/")?.[1];
  return id ? `https://vimeo.com/${id}` : null;
}

export function parseEmbed(raw: string, title?: string): Embed | null {
  let u: URL;
  try {
    u = new URL(raw.trim().replace(/^\/\//, "https://"));
  } catch {
    return null;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return null;
  u.protocol = "https:";
  const p = PROVIDERS.find((x) => x.host.test(u.hostname));
  let url = u.toString();
  if (p?.provider === "YouTube") url = youtubeWatchUrl(u) ?? url;
  if (p?.provider === "Vimeo") url = vimeoUrl(u) ?? url;
  const provider = p?.provider ?? u.hostname.replace(/^www\./, "");
  const noun = p?.noun ?? "Content";
  const label = title?.trim() ? `${noun} on ${provider}: ${title.trim()}` : `${noun} on ${provider}`;
  return { url, provider, label, known: Boolean(p?.oembed) };
}
