/**
 * Browser tests: Debian's chromium driven by playwright-core against a listening Accrue
 * server, an axe check per page, and screenshots kept under test-results/ (CI artifacts).
 */

import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const SCREENSHOTS = path.resolve("test-results", "screenshots");

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const found = candidates.find((p) => p && fs.existsSync(p));
  if (!found) {
    throw new Error("no chromium: install Debian's chromium package or set CHROMIUM_PATH");
  }
  return found;
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // the sandbox needs user namespaces, which CI containers running as root lack
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
}

/** A free loopback port, so a server's public URL can be known before it listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
};

/** Runs axe on the page as it is; serious and critical violations fail the test. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // evaluated through the DevTools protocol: the page's CSP (script-src 'self') stays on
  await page.evaluate(AXE);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)`,
  )) as AxeViolation[];
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  expect(serious, `accessibility of ${what}`).toEqual([]);
}

/** Fails the test on any error the page logs or throws. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return errors;
}

/**
 * A JSON client of the API at `base()` with the key `key()` (both read at call time, so a
 * suite can set them in beforeAll); a status of 300 or more fails the test, naming the call.
 */
export function apiClient(base: () => string, key: () => string) {
  return async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key()}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = await res.json();
    expect(res.status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
    return json;
  };
}
