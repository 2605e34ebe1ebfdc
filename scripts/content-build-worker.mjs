// Worker-thread entry for content:check's compile-and-render step: registers
// tsx in this thread (a worker does not inherit the main thread's loader) and
// runs scripts/content-build.ts.
import { register } from "tsx/esm/api";

register();
await import("./content-build.ts");
