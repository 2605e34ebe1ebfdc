import { describe, expect, it } from "vitest";
import { concat, driverQuery, list, sql } from "./sql";

describe("concat: one rule written once, used by several statements", () => {
  const rule = (topics: string[]) => sql` FROM "S" s WHERE s."a" = ${1} AND (${topics.length === 0} OR s."t" IN ${list(topics)})`;
  const count = (topics: string[]) => concat(sql`SELECT COUNT(*) AS "n"`, rule(topics));
  const insert = (id: string, topics: string[]) => concat(sql`INSERT INTO "D" ("c", "s") SELECT ${id}, s."id"`, rule(topics));

  it("joins the texts with the values bound in order, on both dialects", () => {
    expect(driverQuery(count(["x"]), "postgres")).toMatchObject({
      sql: 'SELECT COUNT(*) AS "n" FROM "S" s WHERE s."a" = $1 AND ($2 OR s."t" IN (SELECT unnest($3::text[])))',
      args: [1, false, ["x"]],
    });
    expect(driverQuery(insert("c1", []), "sqlite")).toMatchObject({
      sql: 'INSERT INTO "D" ("c", "s") SELECT ?, s."id" FROM "S" s WHERE s."a" = ? AND (? OR s."t" IN (SELECT value FROM json_each(?)))',
      args: ["c1", 1, true, "[]"],
    });
  });

  it("a joined statement keeps one text per pair of call sites (prepared once)", () => {
    expect(count(["a"]).strings).toBe(count(["b", "c"]).strings);
    expect(insert("c1", []).strings).not.toBe(count([]).strings);
  });
});
