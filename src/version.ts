import { createRequire } from "node:module";

const pkg = createRequire(import.meta.url)("../package.json") as { version: string };

/** faultline's version, stamped into every report. */
export const VERSION: string = pkg.version;
