/**
 * Relative links in README.md and docs/ lead somewhere: the file exists and, for a link with
 * a #fragment, one of its headings has that anchor (GitHub's rule: lower case, punctuation
 * dropped, spaces to hyphens, repeats numbered).
 */
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Documents being written alongside this list; linked from the README ahead of them. */
const PENDING = new Set(["docs/entities.md", "docs/compat/chargebee.md"]);

function markdownFiles(): string[] {
  const out = ["README.md"];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith(".md")) out.push(rel);
    }
  };
  walk("docs");
  return out;
}

/** The text outside fenced code blocks and inline code. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of markdown.replace(/^```[\s\S]*?^```/gm, "").matchAll(/^#{1,6} (.+)$/gm)) {
    const base = m[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

it("relative links in README.md and docs/ resolve, anchors included", () => {
  const broken: string[] = [];
  let checked = 0;
  for (const file of markdownFiles()) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const m of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!;
      if (/^[a-z]+:/i.test(target)) continue; // http:, https:, mailto:
      const [ref, fragment] = target.split("#") as [string, string | undefined];
      const resolved = ref
        ? path.posix.normalize(path.posix.join(path.posix.dirname(file), ref))
        : file;
      checked++;
      if (PENDING.has(resolved) && !fs.existsSync(path.join(ROOT, resolved))) continue;
      if (!fs.existsSync(path.join(ROOT, resolved))) {
        broken.push(`${file}: ${target} (no ${resolved})`);
        continue;
      }
      if (fragment && resolved.endsWith(".md")) {
        const linked = fs.readFileSync(path.join(ROOT, resolved), "utf8");
        if (!anchors(linked).has(fragment)) broken.push(`${file}: ${target} (no such heading)`);
      }
    }
  }
  expect(checked).toBeGreaterThan(50);
  expect(broken).toEqual([]);
});
