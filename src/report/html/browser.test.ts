/**
 * The HTML report in a real browser (Debian's headless Chromium via playwright-core): for three
 * counterexamples found by `faultline check`, the page loads without console errors, draws as many
 * lanes, rows and message arrows as the JSON trace holds, steps with j/k and clicks, and marks the
 * violating step. Screenshots go to test-output/browser/ (git-ignored, kept as a CI artefact).
 */
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { models } from "../../../models/index.ts";
import { runCli } from "../../fixtures/cli.ts";
import type { Report } from "../json.ts";
import { chromiumPath, launchChromium, type Session } from "./browser.ts";

const SHOTS = join(process.cwd(), "test-output", "browser");

interface Story {
  readonly name: string;
  readonly check: readonly string[];
  /** Lanes the JSON trace implies: its nodes plus the network or API server. */
  readonly lanes: (report: Report) => number;
  /** Messages the JSON trace shows being sent: items that join an in-flight list, step by step. */
  readonly sent: (report: Report) => number;
}

type View = Record<string, Record<string, unknown>>;
const first = (report: Report) => report.initialState as View;

/** How many items join `lists` from one view to the next, counted as bags (a duplicate counts). */
function joined(views: readonly unknown[], lists: (view: unknown) => readonly string[]): number {
  let total = 0;
  for (let i = 1; i < views.length; i++) {
    const before = new Map<string, number>();
    for (const item of lists(views[i - 1])) before.set(item, (before.get(item) ?? 0) + 1);
    for (const item of lists(views[i])) {
      const n = before.get(item) ?? 0;
      if (n > 0) before.set(item, n - 1);
      else total++;
    }
  }
  return total;
}

const views = (report: Report) => [report.initialState, ...report.trace.map((s) => s.state)];

const STORIES: readonly Story[] = [
  {
    name: "raft-figure-8",
    check: ["check", "raft", "--flaw", "commit-previous-term", "--seed", "1"],
    lanes: (r) => Object.keys(first(r).servers!).length + 1,
    sent: (r) =>
      joined(views(r), (v) =>
        Object.entries((v as View).network!).flatMap(([to, items]) =>
          to.startsWith("→") ? (items as string[]).map((m) => `${to} ${m}`) : [],
        ),
      ),
  },
  {
    name: "lease-two-leaders",
    check: ["check", "lease", "--flaw", "no-renew-deadline", "--seed", "1"],
    lanes: (r) => Object.keys(first(r).candidates!).length + 1,
    // A held request's line changes when it is released: its arrival time is not part of the message.
    sent: (r) =>
      joined(views(r), (v) =>
        ((v as View).inFlight as unknown as string[]).map((l) => l.replace(/ (arrives|\(held).*$/, "")),
      ),
  },
  {
    name: "cluster-drain-past-pdb",
    check: ["check", "cluster", "--flaw", "drain-ignores-pdb", "--seed", "1"],
    lanes: (r) => Object.keys(first(r).nodes!).length + 1,
    sent: () => 0,
  },
];

const chromium = chromiumPath();
if (!chromium)
  console.log("browser tests skipped: no chromium found (apt-get install chromium, or set CHROMIUM_PATH)");

describe.skipIf(!chromium)("the HTML report in headless Chromium", () => {
  let session: Session;
  const out = mkdtempSync(join(tmpdir(), "faultline-html-"));

  beforeAll(async () => {
    session = await launchChromium(chromium!, { width: 1280, height: 860 });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  async function open(story: Story): Promise<{ page: Page; report: Report; errors: string[] }> {
    const run = await runCli([...story.check, "--out", out, "--json"], models);
    expect(run.code).toBe(1);
    const written = JSON.parse(run.out).report as { json: string; html: string };
    const report = JSON.parse(readFileSync(written.json, "utf8")) as Report;
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) errors.push(`network request to ${r.url()}`);
    });
    await page.goto(pathToFileURL(written.html).href);
    return { page, report, errors };
  }

  const selected = (page: Page) => page.locator("#timeline .row.selected").getAttribute("data-row");
  const visiblePanel = (page: Page) => page.locator("aside.diff > section:not([hidden])");

  for (const story of STORIES) {
    it(`${story.name}: draws the trace, steps through it and marks the violation`, async () => {
      const { page, report, errors } = await open(story);
      const steps = report.trace.filter((s) => !s.skipped);

      expect(await page.locator("#timeline").getAttribute("data-lanes")).toBe(String(story.lanes(report)));
      expect(await page.locator(".lanes-head .lane-label").count()).toBe(story.lanes(report));
      expect(await page.locator("#timeline .row.step").count()).toBe(steps.length);
      expect(await page.locator("#timeline .msg").count()).toBe(story.sent(report));

      const violation = page.locator("#timeline .row.violation");
      expect(await violation.count()).toBe(1);
      expect(await violation.getAttribute("data-index")).toBe(String(report.violationStep));
      expect(await violation.textContent()).toContain("✗ violation");
      const violationRow = await violation.getAttribute("data-row");
      expect(await selected(page)).toBe(violationRow);
      expect(await visiblePanel(page).locator(".broke").textContent()).toContain(report.invariant.name);

      await page.keyboard.press("Home");
      expect(await selected(page)).toBe("0");
      await page.keyboard.press("j");
      expect(await selected(page)).toBe("1");
      expect(await visiblePanel(page).count()).toBe(1);
      expect(await visiblePanel(page).locator("h2").textContent()).toContain("Step 1");
      expect(await visiblePanel(page).textContent()).toContain(steps[0]!.description);
      if (steps.length > 1) {
        await page.keyboard.press("j");
        await page.keyboard.press("k");
        expect(await selected(page)).toBe("1");
        await page.locator(`#row-${steps.length}`).click({ position: { x: 20, y: 10 } });
        expect(await selected(page)).toBe(String(steps.length));
        expect(await visiblePanel(page).textContent()).toContain(steps[steps.length - 1]!.description);
      }
      await page.keyboard.press("v");
      expect(await selected(page)).toBe(violationRow);

      await page.screenshot({ path: join(SHOTS, `${story.name}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
