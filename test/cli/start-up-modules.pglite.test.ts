/**
 * What loading the compiled commands (dist/commands.js, what every `accrue` command but help
 * loads) reads from node_modules: none of the packages bin/build.js compiles in (one copy of
 * each: typebox's format registry is shared by every validator), and none of the payment
 * providers' client libraries, which an adapter loads on its first call.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it, vi } from "vitest";
import { ensureBuilt } from "../../bin/build.js";

vi.setConfig({ testTimeout: 120_000 });

/** The package names of every module a fresh process loads importing `url`, with repeats. */
function packagesLoaded(url: string): string[] {
  const script = `
import module from "node:module";
const loaded = [];
module.registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url);
    return nextLoad(url, context);
  },
});
await import(${JSON.stringify(url)});
process.stdout.write(JSON.stringify(loaded));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "warn" },
  });
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as string[]).flatMap((loaded) => {
    const name = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(loaded)?.[1];
    return name ? [name] : [];
  });
}

it("the compiled commands load no compiled-in package and no provider's client from node_modules", async () => {
  const main = await ensureBuilt();
  const commands = pathToFileURL(path.join(path.dirname(new URL(main).pathname), "commands.js"));
  const packages = new Set(packagesLoaded(commands.href));
  // the loader did look into node_modules (the check would pass vacuously otherwise)
  expect(packages).toContain("fastify");
  expect(packages).toContain("@electric-sql/pglite");
  for (const compiledIn of [
    "kysely",
    "typebox",
    "@fastify/type-provider-typebox",
    "jose",
    "temporal-polyfill",
  ]) {
    expect(packages, compiledIn).not.toContain(compiledIn);
  }
  for (const provider of ["stripe", "gocardless-nodejs", "@mollie/api-client"]) {
    expect(packages, provider).not.toContain(provider);
  }
});
