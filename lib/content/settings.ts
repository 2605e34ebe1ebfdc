// content/check.yaml: the numbers behind the check's warnings, for a
// publisher who wants different ones. Every value has a default; the file is
// optional.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { yamlDocument } from "./yaml";

export const SETTINGS_FILE = "content/check.yaml";

const schema = z
  .object({
    seo: z
      .object({
        /** Search results cut titles at about 60–70 characters. */
        titleMax: z.number().int().positive().default(70),
        /** Snippets show about 150–160 characters; fewer than 50 says too little. */
        descriptionMin: z.number().int().nonnegative().default(50),
        descriptionMax: z.number().int().positive().default(160),
      })
      .strict()
      .default({ titleMax: 70, descriptionMin: 50, descriptionMax: 160 }),
    review: z
      .object({ everyMonths: z.number().int().positive().max(60).default(12) })
      .strict()
      .default({ everyMonths: 12 }),
    newsletter: z
      .object({ subjectMax: z.number().int().positive().default(90) })
      .strict()
      .default({ subjectMax: 90 }),
  })
  .strict();

export type CheckSettings = z.infer<typeof schema>;
export const DEFAULT_SETTINGS: CheckSettings = schema.parse({});

export type SettingsProblem = { line: number; column: number; field: string; message: string };

export function parseSettings(text: string): { settings: CheckSettings; problems: SettingsProblem[] } {
  const { doc, at, atPath } = yamlDocument(text);
  if (doc.errors.length > 0)
    return {
      settings: DEFAULT_SETTINGS,
      problems: [{ ...at(doc.errors[0].pos[0]), field: "file", message: `not valid YAML: ${doc.errors[0].message.split("\n")[0]} (the defaults are used until it is fixed)` }],
    };
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { settings: parsed.data, problems: [] };
  return {
    settings: DEFAULT_SETTINGS,
    problems: parsed.error.issues.map((i) => {
      const field = i.path.join(".") || "file";
      const what =
        i.code === "invalid_type"
          ? `${field} must be a ${i.expected}`
          : i.code === "unrecognized_keys"
            ? `unknown setting ${i.keys.join(", ")}`
            : `${field}: ${i.message}`;
      return { ...atPath(i.path), field, message: `${what} (the defaults are used until it is fixed)` };
    }),
  };
}

export function readSettings(root = process.cwd()) {
  const file = path.join(root, SETTINGS_FILE);
  if (!existsSync(file)) return { settings: DEFAULT_SETTINGS, problems: [], text: "" };
  const text = readFileSync(file, "utf8");
  return { ...parseSettings(text), text };
}
