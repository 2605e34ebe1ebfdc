import { format, stripVTControlCharacters } from "node:util";
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import pretty from "pino-pretty";
import { redact, redactText } from "./redact";

/**
 * Structured logs (decision 0034): one JSON object per line (pino), with the
 * level from LOG_LEVEL and every string masked by lib/log/redact.ts (emails,
 * IPs, tokens). Local mode prints the same records as readable lines
 * (pino-pretty). The server and the worker send console output through it
 * too (installConsole), so Next's own messages are structured and masked
 * alike.
 */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type { Logger };

export function createLogger(opts: { level: LogLevel; pretty: boolean; name: string; destination?: DestinationStream }): Logger {
  const options: LoggerOptions = {
    name: opts.name,
    level: opts.level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      // Labels ("info") rather than numbers in JSON: what log tools group by.
      ...(opts.pretty ? {} : { level: (label: string) => ({ level: label }) }),
      log: (obj: Record<string, unknown>) => redact(obj) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === "string" ? redactText(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  if (opts.destination) return pino(options, opts.destination);
  if (opts.pretty)
    return pino(
      options,
      pretty({
        sync: true,
        colorize: process.stdout.isTTY,
        translateTime: "SYS:HH:MM:ss",
        ignore: "pid,hostname,name,component",
        messageFormat: "{if component}{component}: {end}{msg}",
      }),
    );
  return pino(options);
}

/** console.log/info/warn/error/debug written as log records of that level (masked like every record, terminal colours removed). */
export function installConsole(logger: Logger): void {
  const to =
    (level: "info" | "warn" | "error" | "debug") =>
    (...args: unknown[]) =>
      logger[level](stripVTControlCharacters(format(...args)));
  console.log = to("info");
  console.info = to("info");
  console.warn = to("warn");
  console.error = to("error");
  console.debug = to("debug");
}
