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
import { type App, buildApp } from "../../src/http/app.js";
import type { Backend } from "../../src/storage/db.js";
import { createTenant } from "../../src/workflows/tenants.js";
import { createTestDatabase, type TestDatabase } from "../harness.js";

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

/** Opens the console at `base` and signs in with the API key `key`; waits for the dashboard. */
export async function signInToConsole(page: Page, base: string, key: string): Promise<void> {
  await page.goto(`${base}/console`);
  await page.getByLabel("API key", { exact: true }).fill(key);
  await page.getByRole("button", { name: "Sign in with the key" }).click();
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
}

/** What the page lets scroll sideways: how far, and the elements sticking out (none inside a scroller). */
const SIDEWAYS = `(() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const inScroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden") return true;
    }
    return false;
  };
  const out = [...document.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !inScroller(el))
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") + " «" + (el.textContent || "").trim().slice(0, 40) + "»");
  return { by: root.scrollWidth - width, out };
})()`;

/**
 * Fails unless the page does not scroll sideways (a wide table scrolls in its own region);
 * the failure names the elements that stick out.
 */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  try {
    await expect
      .poll(() =>
        page.evaluate(
          "document.documentElement.scrollWidth - document.documentElement.clientWidth",
        ),
      )
      .toBe(0);
  } catch {
    const { by, out } = (await page.evaluate(SIDEWAYS)) as { by: number; out: string[] };
    throw new Error(`${what} scrolls sideways by ${by} px; sticking out: ${out.join("; ")}`);
  }
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

/** A listening server over a fresh database, a tenant, and a chromium page: the pages' world. */
export type PageWorld = {
  database: TestDatabase;
  app: App;
  base: string;
  key: string;
  browser: Browser;
  page: Page;
  errors: string[];
};

/**
 * Opens a PageWorld on `backend` for a tenant called `tenant`; `webhookAllowPrivate` lets
 * webhook endpoints point at a receiver on this machine.
 */
export async function openPageWorld(
  backend: Backend,
  tenant: string,
  options: { webhookAllowPrivate?: boolean; secretKey?: string } = {},
): Promise<PageWorld> {
  const database = await createTestDatabase(backend);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = {
    bodyLimit: 1_048_576,
    logLevel: "silent" as const,
    publicUrl: base,
    webhookAllowPrivate: options.webhookAllowPrivate ?? false,
    ...(options.secretKey ? { secretKey: options.secretKey } : {}),
  };
  const browser = await launch();
  const app = await buildApp({ db: database.db, backend: database.backend, config });
  await app.listen({ host: "127.0.0.1", port });
  const key = (await createTenant(database.db, { name: tenant })).api_key;
  const page = await (
    await browser.newContext({ viewport: { width: 1280, height: 900 } })
  ).newPage();
  page.setDefaultTimeout(10_000);
  return { database, app, base, key, browser, page, errors: watchErrors(page) };
}

export async function closePageWorld(world: PageWorld | undefined): Promise<void> {
  await world?.browser.close();
  await world?.app.close();
  await world?.database.close();
}

/**
 * Axe and a screenshot (`<name>-1280`) at 1280 px, then at 390 px with no sideways scrolling
 * (`<name>-390`); the page is left at 1280 px.
 */
export async function expectBothWidths(page: Page, name: string): Promise<void> {
  await expectAccessible(page, `${name} at 1280 px`);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await expectNoSidewaysScroll(page, `${name} at 390 px`);
    await expectAccessible(page, `${name} at 390 px`);
    await screenshot(page, `${name}-390`);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}

/**
 * A customer (`fields`) signed up to a plan of its own without a fee (`name` names its group,
 * plan and variant), so that the signup bills nothing: the customer's and contract's ids.
 */
export async function freeSignup(
  api: ReturnType<typeof apiClient>,
  name: string,
  fields: Record<string, unknown>,
): Promise<{ customer: string; contract: string }> {
  const group = await api("POST", "/v1/plan_groups", {
    name,
    currency: "EUR",
    price_type: "net",
  });
  const plan = await api("POST", "/v1/plans", { plan_group_id: group.id, name: `Plan ${name}` });
  const variant = await api("POST", "/v1/plan_variants", {
    plan_id: plan.id,
    internal_name: `Free ${name}`,
    recurring_fee: "0",
    fee_period: { unit: "month", count: 1 },
  });
  const customer = (await api("POST", "/v1/customers", fields)).id as string;
  const order = await api("POST", "/v1/orders", {
    customer_id: customer,
    plan_variant_id: variant.id,
  });
  await api("POST", `/v1/orders/${order.id}/commit`);
  return { customer, contract: order.contract_id };
}
