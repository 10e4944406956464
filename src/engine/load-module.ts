/**
 * Importing a module by URL, TypeScript included: a `.ts` module is loaded through tsx, which is
 * registered only then (users of the compiled API never load it). Used by the CLI for user models
 * and by worker threads for every model.
 */
const TYPESCRIPT = /\.(c|m)?ts$/;

let tsxRegistered = false;

export async function importModule(url: string): Promise<Record<string, unknown>> {
  if (TYPESCRIPT.test(new URL(url).pathname) && !tsxRegistered && !runningUnderTsx()) {
    const { register } = await import("tsx/esm/api");
    register();
    tsxRegistered = true;
  }
  return (await import(url)) as Record<string, unknown>;
}

/** True when this very file was loaded as TypeScript: tsx (or vitest) already transforms `.ts`. */
function runningUnderTsx(): boolean {
  return import.meta.url.endsWith(".ts");
}
