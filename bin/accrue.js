#!/usr/bin/env node
// Runs the compiled server, dist/accrue.js; bin/build.js compiles it from src/ first when it
// is missing or older than the sources, so a checkout needs no separate build step.
import { ensureBuilt } from "./build.js";

await import(await ensureBuilt());
