// What the WordPress passes attach to HTML elements (hast's `data`), typed once.
import type { BlockData } from "./blocks";
import type { WpNote } from "./prepare";
import type { ShortcodeData } from "./shortcodes";

declare module "hast" {
  interface ElementData {
    block?: BlockData;
    shortcode?: ShortcodeData;
    wp?: WpNote;
  }
}
