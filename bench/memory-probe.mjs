// Loaded into a benchmarked process with NODE_OPTIONS=--import: samples its heap and resident
// memory every 100 ms and writes the samples and high-water marks to BENCH_MEMORY_FILE.<pid>.
// With --expose-gc it also collects garbage once a second and records the heap still in use
// (the live heap: what the process retains, not what the collector has yet to free).
import fs from "node:fs";

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  const samples = [];
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    samples.push([Date.now(), m.rss, m.heapUsed]);
  }, 100);
  timer.unref();
  const live = [];
  if (typeof globalThis.gc === "function") {
    const collect = setInterval(() => {
      globalThis.gc();
      live.push([Date.now(), process.memoryUsage().heapUsed]);
    }, 1000);
    collect.unref();
  }
  process.on("exit", () => {
    fs.writeFileSync(
      `${file}.${process.pid}`,
      JSON.stringify({ maxRssKib: process.resourceUsage().maxRSS, samples, live }),
    );
  });
}
