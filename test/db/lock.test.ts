import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { DatabaseLockedError, lockDataDir } from "../../src/storage/lock.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-lock-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it("one holder per data directory; released locks can be taken again", async () => {
  const dir = path.join(tmp, "a");
  const release = await lockDataDir(dir);
  expect(fs.readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
  await expect(lockDataDir(dir)).rejects.toThrow(DatabaseLockedError);
  await expect(lockDataDir(`${dir}/`)).rejects.toThrow(/in use by process \d+/);
  // another directory is independent
  const other = await lockDataDir(path.join(tmp, "b"));
  await other();
  await release();
  expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  const again = await lockDataDir(dir);
  await again();
});

it("concurrent attempts: exactly one wins", async () => {
  const dir = path.join(tmp, "race");
  const results = await Promise.allSettled(Array.from({ length: 8 }, () => lockDataDir(dir)));
  const won = results.filter((r) => r.status === "fulfilled");
  expect(won).toHaveLength(1);
  await (won[0] as PromiseFulfilledResult<() => Promise<void>>).value();
});
