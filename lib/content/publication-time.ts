import { Temporal } from "@js-temporal/polyfill";

/**
 * When an article's `published` value, as the editor wrote it, happens
 * (decision 0018):
 *
 *   2026-12-01                    midnight of that day in the publication's zone
 *   2026-12-01T07:00[:00[.000]]   that wall-clock time in the publication's zone
 *   2026-12-01T07:00Z             that instant (UTC)
 *   2026-12-01T07:00+01:00        that instant (the offset says which zone's clock)
 *
 * The publication's zone is an IANA name (PUBLICATION_TIME_ZONE, default UTC).
 * A wall-clock time that a daylight-saving change skips (02:30 on the spring
 * morning in Europe) means the moment just after the gap (03:30 summer time);
 * one that happens twice (01:30 on the autumn morning) means the first.
 * This is Temporal's "compatible" rule, the one calendars and cron use.
 * Temporal (the polyfill, until Node has it) rather than hand-written
 * offset arithmetic: those two edges are where hand-written code goes wrong.
 */
const WRITTEN = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?(Z|[+-]\d{2}:?\d{2})?$/i;

export class PublicationTimeError extends Error {}

/** The instant a `published` value stands for. Throws PublicationTimeError on a value that is not a date. */
export function publicationInstant(written: string, zone: string): Date {
  const m = WRITTEN.exec(written.trim());
  if (!m) throw new PublicationTimeError(`"${written}" is not a date or date-time (YYYY-MM-DD or YYYY-MM-DDTHH:MM, optionally with Z or ±HH:MM)`);
  const [, day, time, offset] = m;
  if (offset) {
    if (!time) throw new PublicationTimeError(`"${written}" has an offset but no time of day`);
    const ms = Date.parse(`${day}T${time}${offset.toUpperCase() === "Z" ? "Z" : offset.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")}`);
    if (Number.isNaN(ms)) throw new PublicationTimeError(`"${written}" is not a real date-time`);
    return new Date(ms);
  }
  try {
    const local = Temporal.PlainDateTime.from(`${day}T${time ?? "00:00"}`, { overflow: "reject" });
    return new Date(local.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds);
  } catch (e) {
    throw new PublicationTimeError(`"${written}" in ${zone}: ${(e as Error).message}`);
  }
}

/** Whether `zone` is a time zone name this runtime knows (Europe/London, America/New_York, UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The publication's zone from configuration, read on its own (not through
 * env()): the generated content is normalised when it is first imported,
 * by scripts and tests too, before anything else validates the whole
 * configuration. An unknown name is refused here and by env() at start-up.
 */
export function configuredTimeZone(value = process.env.PUBLICATION_TIME_ZONE): string {
  const zone = value?.trim() || "UTC";
  if (!isTimeZone(zone)) throw new PublicationTimeError(`PUBLICATION_TIME_ZONE: "${zone}" is not a time zone name (e.g. Europe/London)`);
  return zone;
}
