// Compiles the server (src/, TypeScript) with esbuild into dist/accrue.js (the command line)
// and dist/commands.js (what the commands run): packages stay external (node_modules) except
// those of INLINED, nothing is minified, a source map sits beside each.
// `node bin/build.js` builds now; bin/accrue.js calls ensureBuilt(), which builds only when
// dist/accrue.js is missing or older than a file under src/ or package.json.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SRC = path.join(ROOT, "src");
export const OUTPUT = path.join(ROOT, "dist", "accrue.js");

/** The newest modification time of the sources the build reads. */
function newestSource() {
  let newest = fs.statSync(path.join(ROOT, "package.json")).mtimeMs;
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
 * ECMAScript-module packages of hundreds of small files each, which Node would otherwise
 * resolve and link one file at a time, and which no other package loads at run time (two
 * copies would not know each other's objects). typebox stays external: its format registry,
 * where the date formats get their ranges, must be the one @fastify/type-provider-typebox
 * and every Compile share.
 */
const INLINED = new Set(["kysely"]);

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

/** One esbuild output, written beside its final name first and renamed into place. */
async function bundle(entry, output, plugins = []) {
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
  await bundle("commands.ts", path.join(path.dirname(OUTPUT), "commands.js"));
  await bundle("main.ts", OUTPUT, [commandsApart]);
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
}
