// The look every email shares. Inline styles carry the design everywhere
// (mail clients drop classes and most <style>); clients that honour
// prefers-color-scheme (Apple Mail, iOS, Outlook.com) also get a dark theme
// from the one <style> block. The rest keep the light design or invert it
// themselves, which solid backgrounds and dark-on-light text survive.
export const FONT = "-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif";
export const INK = "#1d1d1b";
export const MUTED = "#555555";
export const ACCENT = "#0b5d4b";
export const PAGE = "#f4f4f1";

export const DARK_MODE =
  "@media (prefers-color-scheme: dark){.em-bg{background:#121412 !important}.em-card{background:#1d201e !important;color:#e8ebe8 !important}" +
  ".em-card h1,.em-card h2,.em-card h3,.em-card p,.em-card li,.em-card td{color:#e8ebe8 !important}.em-card a{color:#7fd1b9 !important}" +
  ".em-foot,.em-foot a{color:#b8bdb9 !important}}";
