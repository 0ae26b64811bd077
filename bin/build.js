// Compiles the server (src/, TypeScript) with esbuild into dist/accrue.js (the command line)
// and dist/commands.js (what the commands run): packages stay external (node_modules) except
// those of INLINED, nothing is minified, a source map sits beside each.
// `node bin/build.js` builds now, and makes the embedded database's template
// (dist/data-template/, see src/storage/data-template.ts) if its migrations have none yet;
// bin/accrue.js calls ensureBuilt(), which builds only when dist/accrue.js is missing or older
// than a file under src/, package.json or this file, and leaves the template to the first
// command that makes an embedded data directory.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SRC = path.join(ROOT, "src");
export const OUTPUT = path.join(ROOT, "dist", "accrue.js");

/** The newest modification time of the sources the build reads, this file included. */
function newestSource() {
  let newest = Math.max(
    fs.statSync(path.join(ROOT, "package.json")).mtimeMs,
    fs.statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
        newest = Math.max(newest, fs.statSync(full).mtimeMs);
      }
    }
  };
  walk(SRC);
  return newest;
}

function isFresh() {
  try {
    return fs.statSync(OUTPUT).mtimeMs >= newestSource();
  } catch {
    return false;
  }
}

/**
 * Packages compiled into dist/commands.js rather than loaded from node_modules at start-up:
 * ECMAScript-module packages of many small files each (typebox alone is ~680), which Node
 * would otherwise resolve and link one file at a time, and which no package left in
 * node_modules loads at run time (two copies would not know each other's objects). typebox
 * goes with @fastify/type-provider-typebox, its one user there: the format registry, where
 * the date formats get their ranges, is then the one copy every Compile shares
 * (test/cli/start-up-modules.pglite.test.ts checks that neither loads from node_modules).
 * temporal-utils is temporal-polyfill's own dependency.
 */
const INLINED = new Set([
  "kysely",
  "typebox",
  "@fastify/type-provider-typebox",
  "jose",
  "temporal-polyfill",
  "temporal-utils",
]);

/** Every package is external (loaded from node_modules) but those of INLINED. */
const packagesExternal = {
  name: "packages-external",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const parts = args.path.split("/");
      const name = args.path.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
      return INLINED.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * A hash of the migrations as compiled: src/storage/migrations/index.ts bundled with what it
 * imports (its helpers, kysely's parts they use), and of kysely's version (its Migrator runs
 * them). It names the embedded database's template
 * (src/storage/data-template.ts), so a template is never used by a build whose migrations,
 * or anything they call, differ from those that made it.
 */
async function migrationsHash() {
  const { build: esbuild } = await import("esbuild");
  const { outputFiles } = await esbuild({
    entryPoints: [path.join(SRC, "storage", "migrations", "index.ts")],
    // the paths in the output's comments, relative to the checkout wherever it is built from
    absWorkingDir: ROOT,
    write: false,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    plugins: [packagesExternal],
    logLevel: "error",
  });
  const hash = createHash("sha256");
  for (const file of outputFiles) hash.update(file.contents);
  // kysely's Migrator records what ran (src/storage/db.ts): its version too
  const kysely = JSON.parse(
    fs.readFileSync(path.join(ROOT, "node_modules", "kysely", "package.json"), "utf8"),
  );
  hash.update(`kysely ${kysely.version}`);
  return hash.digest("hex").slice(0, 16);
}

/** One esbuild output, written beside its final name first and renamed into place. */
async function bundle(entry, output, plugins = [], define = {}) {
  const { build: esbuild } = await import("esbuild");
  const temporary = `${output}.${process.pid}.tmp.js`;
  try {
    await esbuild({
      entryPoints: [path.join(SRC, "cli", entry)],
      outfile: temporary,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node22",
      define,
      plugins: [...plugins, packagesExternal],
      sourcemap: "linked",
      sourcesContent: false,
      logLevel: "error",
    });
    // the bundle's last line names the map after the temporary file
    const code = fs
      .readFileSync(temporary, "utf8")
      .replace(
        /\/\/# sourceMappingURL=.*\s*$/,
        `//# sourceMappingURL=${path.basename(output)}.map\n`,
      );
    fs.writeFileSync(temporary, code);
    fs.renameSync(`${temporary}.map`, `${output}.map`);
    fs.renameSync(temporary, output);
  } finally {
    fs.rmSync(temporary, { force: true });
    fs.rmSync(`${temporary}.map`, { force: true });
  }
}

/** main.ts loads the commands only to run one: they stay a module of their own. */
const commandsApart = {
  name: "commands-apart",
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\.js$/ }, () => ({
      path: "./commands.js",
      external: true,
    }));
  },
};

/**
 * Builds dist/commands.js (the commands and everything they load), then dist/accrue.js (the
 * command line: help, arguments, configuration). Each file is renamed into place whole, so a
 * process starting meanwhile never reads half of one; accrue.js comes last, so it is fresh
 * only once both are.
 */
export async function build() {
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  await bundle("commands.ts", path.join(path.dirname(OUTPUT), "commands.js"), [], {
    __ACCRUE_MIGRATIONS_HASH__: JSON.stringify(await migrationsHash()),
  });
  await bundle("main.ts", OUTPUT, [commandsApart]);
}

/**
 * Makes the embedded database's template for the migrations of dist/ when there is none yet
 * (initdb and every migration, a few seconds), in a process of its own: the first `accrue`
 * command to make a data directory would make it otherwise. Answers whether it made one.
 */
export async function buildDataTemplate() {
  const commands = pathToFileURL(path.join(path.dirname(OUTPUT), "commands.js")).href;
  const script = `const { prepareDataTemplate } = await import(${JSON.stringify(commands)});
if (!(await prepareDataTemplate())) process.exit(1);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const [code] = await once(child, "exit");
  if (code !== 0) throw new Error(`making the embedded database's template failed (${code})`);
}

/**
 * The module to run: dist/accrue.js, built first when missing or stale. A checkout that
 * cannot be written to (or has no esbuild) runs the sources through tsx instead.
 */
export async function ensureBuilt() {
  if (isFresh()) return pathToFileURL(OUTPUT).href;
  try {
    await build();
    return pathToFileURL(OUTPUT).href;
  } catch (error) {
    process.stderr.write(
      `accrue: could not build dist/accrue.js (${error.message}); running the sources\n`,
    );
    const { register } = await import("tsx/esm/api");
    register();
    return pathToFileURL(path.join(SRC, "cli", "main.ts")).href;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const started = performance.now();
  await build();
  process.stdout.write(
    `built ${path.relative(process.cwd(), OUTPUT)} in ${Math.round(performance.now() - started)} ms\n`,
  );
  const template = performance.now();
  await buildDataTemplate();
  process.stdout.write(
    `embedded database template ready in ${Math.round(performance.now() - template)} ms\n`,
  );
}
