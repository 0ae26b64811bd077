/**
 * The embedded database's template: a PGlite data directory on which initdb and every
 * migration have run, closed cleanly and never opened again. An absent or empty data
 * directory is started as a copy of it (a cold copy of a shut-down data directory is what PostgreSQL's own
 * file-level backups are) instead of running PGlite's initdb (about 2.5 s) and every
 * migration; the migrations newer than the template, if any, then run as on any database.
 *
 * A template is named after what made it: the migrations as compiled (a hash bin/build.js
 * puts into dist/commands.js, of the bundle of src/storage/migrations/index.ts and of kysely's
 * version, so a changed migration, a helper it calls or another kysely names another
 * template) and the PGlite version installed (read at run time: a template initdb'd by
 * another PGlite is never used). It sits in
 * dist/data-template/<name>/, beside the compiled code whose migrations made it; the sources
 * run through tsx have no hash, hence no template.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Set by bin/build.js (esbuild's `define`) in dist/commands.js; absent in the sources. */
declare const __ACCRUE_MIGRATIONS_HASH__: string | undefined;

const MIGRATIONS_HASH: string | undefined =
  typeof __ACCRUE_MIGRATIONS_HASH__ === "string" ? __ACCRUE_MIGRATIONS_HASH__ : undefined;

/** The version of the PGlite package this process loads. */
function pgliteVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.resolve("@electric-sql/pglite")));
  for (;;) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === "@electric-sql/pglite" && manifest.version) return manifest.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the version of @electric-sql/pglite");
    dir = parent;
  }
}

/** Where the templates of this build live, and the name of the one its migrations make. */
export function templateLocation(): { root: string; dir: string } | undefined {
  if (!MIGRATIONS_HASH) return undefined;
  const root = fileURLToPath(new URL("./data-template/", import.meta.url));
  const name = `${MIGRATIONS_HASH}-pglite-${pgliteVersion()}`;
  return { root, dir: path.join(root, name) };
}

/** Whether `dir` is a complete template (one only ever appears complete, by a rename). */
export const isTemplate = (dir: string): boolean => fs.existsSync(path.join(dir, "PG_VERSION"));

/**
 * Whether `dataDir` is to be made rather than opened: absent, or an empty directory. Anything
 * else (a directory holding files, one that cannot be read, a file) is left to PGlite as it
 * is, which opens it or says what is wrong with it.
 */
export function isUnmade(dataDir: string): boolean {
  try {
    return fs.readdirSync(dataDir).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT";
  }
}

/**
 * Makes `dataDir` a copy of `template` when it is unmade ({@link isUnmade}); answers whether
 * it did. The copy is made beside it and renamed into place, so a process stopped meanwhile
 * leaves no half-copied data directory. Called with the data directory's lock held.
 */
export function seedDataDir(dataDir: string, template: string): boolean {
  if (!isUnmade(dataDir) || !isTemplate(template)) return false;
  const copy = `${dataDir}.${process.pid}.seeding`;
  fs.rmSync(copy, { recursive: true, force: true });
  try {
    // a copy-on-write clone where the file system has them, a copy elsewhere
    fs.cpSync(template, copy, { recursive: true, mode: fs.constants.COPYFILE_FICLONE });
    if (fs.existsSync(dataDir)) fs.rmdirSync(dataDir);
    fs.renameSync(copy, dataDir);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
  return true;
}

/**
 * Puts a template made in `made` (a directory beside `dir`) in place as `dir`, unless another
 * process put one there first; then removes the templates of other migrations or PGlite
 * versions from `root`, which nothing will use again.
 */
export function installTemplate(made: string, dir: string, root: string): void {
  try {
    fs.renameSync(made, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
  } finally {
    fs.rmSync(made, { recursive: true, force: true });
  }
  for (const entry of fs.readdirSync(root)) {
    const other = path.join(root, entry);
    // templates being made by other processes (`….making`, its lock) are theirs to finish
    if (other !== dir && !entry.includes(".making")) {
      fs.rmSync(other, { recursive: true, force: true });
    }
  }
}
