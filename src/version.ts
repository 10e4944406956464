import { existsSync } from "node:fs";
import { createRequire } from "node:module";

/** package.json sits one folder up from src/ in a clone, two up from dist/src/ in the package. */
const manifest = ["../package.json", "../../package.json"]
  .map((path) => new URL(path, import.meta.url))
  .find((url) => existsSync(url))!;
const pkg = createRequire(import.meta.url)(manifest.pathname) as { version: string };

/** faultline's version, stamped into every report. */
export const VERSION: string = pkg.version;
