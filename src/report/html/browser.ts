/**
 * Headless Chromium for the browser test and the example screenshots: the system's Debian
 * `chromium` driven by playwright-core (which downloads no browser of its own), with a fresh
 * profile and nothing that reaches the network.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium binary to drive: $CHROMIUM_PATH, else the Debian package's. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export interface Session {
  /** A persistent context on the fresh profile (playwright's way of taking --user-data-dir). */
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(
  executablePath: string,
  viewport = { width: 1280, height: 800 },
): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), "faultline-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    viewport,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
