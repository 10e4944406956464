/**
 * `npx tsx src/report/html/screenshot.ts <page.html> <out.png> [width] [height]`: a PNG of a
 * report page in headless Chromium, as the curated examples in reports/examples/ carry.
 */
import { pathToFileURL } from "node:url";
import { chromiumPath, launchChromium } from "./browser.ts";

export async function screenshot(html: string, png: string, width = 1280, height = 800): Promise<void> {
  const path = chromiumPath();
  if (!path) throw new Error("no chromium found (apt-get install chromium, or set CHROMIUM_PATH)");
  const session = await launchChromium(path, { width, height });
  try {
    const page = await session.context.newPage();
    await page.goto(pathToFileURL(html).href);
    await page.screenshot({ path: png, fullPage: process.env.FULL_PAGE === "1" });
  } finally {
    await session.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [html, png, width, height] = process.argv.slice(2);
  if (!html || !png) {
    process.stderr.write("usage: tsx src/report/html/screenshot.ts <page.html> <out.png> [width] [height]\n");
    process.exit(2);
  }
  screenshot(html, png, width ? Number(width) : undefined, height ? Number(height) : undefined).catch(
    (error) => {
      process.stderr.write(`screenshot: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
