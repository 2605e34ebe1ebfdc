// contentlayer2 as a library: compile content/ into .contentlayer/generated
// the way `contentlayer2 build` does, but with its log captured and its
// failure returned as a value, so content:check can report it in its own
// words instead of printing contentlayer's (and never its "please open an
// issue" advice to an editor).
import * as core from "@contentlayer2/core";
import { DummyTracing } from "@contentlayer2/utils";
import * as effect from "@contentlayer2/utils/effect";
import { NodeFsLive } from "@contentlayer2/utils/node";

// contentlayer2 is written with effect-ts, whose type declarations do not
// resolve under this project's module settings; the few combinators used
// here are described by hand.
type Eff = { readonly _effect: unique symbol };
type Op = (e: Eff) => Eff;
const { pipe, provideTestConsole } = effect as unknown as {
  pipe: (e: Eff, ...ops: Op[]) => Eff;
  provideTestConsole: (messages: unknown[]) => Op;
};
const S = (effect as unknown as { S: unknown }).S as {
  chainSwitchMapEitherRight: (f: (config: never) => Eff) => Op;
  tap: (f: (result: { _tag: "Left"; left: unknown } | { _tag: "Right"; right: unknown }) => Eff) => Op;
  runDrain: Op;
};
const T = (effect as unknown as { T: unknown }).T as {
  tap: (f: (config: { source: { options: { onSuccess?: unknown } } }) => Eff) => Op;
  chain: (f: (config: never) => Eff) => Op;
  succeedWith: (f: () => void) => Eff;
  provide: (service: unknown) => Op;
  provideSomeLayer: (layer: unknown) => Op;
  either: Op;
  runPromise: (e: Eff) => Promise<{ _tag: "Right"; right: unknown } | { _tag: "Left"; left: unknown }>;
  unit: Eff;
};

export type CompileResult = { ok: true; documents: number; log: string[] } | { ok: false; message: string; log: string[] };
type Outcome = Awaited<ReturnType<typeof T.runPromise>>;

/** What both runs need: tracing, `root` as the working folder, contentlayer's console captured in `log`, the file system; a failure becomes a Left. */
const runIn =
  (root: string, log: unknown[]): Op =>
  (e) =>
    pipe(e, T.provide(DummyTracing), core.provideCwdCustom(root as never) as unknown as Op, provideTestConsole(log), T.provideSomeLayer(NodeFsLive), T.either);

// contentlayer logs strings and error objects alike.
const logLine = (m: unknown) => (typeof m === "string" ? m : String((m as { toString?: () => string })?.toString?.() ?? m));

function resultOf(outcome: Outcome, log: string[]): CompileResult {
  return outcome._tag === "Right"
    ? { ok: true, documents: (outcome.right as { documentCount: number }).documentCount, log }
    : { ok: false, message: editorsMessage(log, outcome.left), log };
}

export async function compileContent(root: string): Promise<CompileResult> {
  const log: unknown[] = [];
  const run = pipe(
    core.getConfig({ configPath: undefined }) as unknown as Eff,
    // The check runs its own cross-document pass; the hook is for `contentlayer2 dev`.
    T.tap((config) =>
      T.succeedWith(() => {
        config.source.options.onSuccess = undefined;
      }),
    ),
    T.chain((config) => core.generateDotpkg({ config, verbose: false }) as unknown as Eff),
    runIn(root, log),
  );
  const result = await T.runPromise(run);
  return resultOf(result, log.map(logLine));
}

/** contentlayer's aggregated report, without its advice to file bugs and with no stack traces. */
function editorsMessage(log: string[], error: unknown): string {
  const text = (log.join("\n") || logLine(error))
    .split("\n")
    .filter((l) => !/open an issue|possibly a bug|github\.com\/.*issues|^\s+at /i.test(l))
    .join("\n")
    .trim();
  return text || "contentlayer2 could not compile content/";
}

/**
 * `contentlayer2 dev` as a library: recompiles content/ on every change and
 * calls back with the outcome. A failed compile does not reach the config's
 * onSuccess hook, so the caller reports those (content.ts watch); contentlayer's
 * own log is captured, never printed.
 */
export async function watchContent(root: string, onResult: (result: CompileResult) => void): Promise<void> {
  const log: unknown[] = [];
  const lines = () => log.splice(0).map(logLine);
  const run = pipe(
    core.getConfigWatch({ configPath: undefined }) as unknown as Eff,
    S.chainSwitchMapEitherRight((config) => core.generateDotpkgStream({ config, verbose: false, isDev: true }) as unknown as Eff),
    S.tap((r) => T.succeedWith(() => onResult(resultOf(r, lines())))),
    S.runDrain,
    runIn(root, log),
  );
  const result = await T.runPromise(run);
  if (result._tag === "Left") onResult({ ok: false, message: editorsMessage(lines(), result.left), log: [] });
}
