#!/usr/bin/env node
// Runs the compiled server, dist/accrue.js; bin/build.js compiles it from src/ first when it
// is missing or older than the sources, so a checkout needs no separate build step.
import module from "node:module";
import { ensureBuilt } from "./build.js";

// V8 keeps the code it compiles for dist/ and node_modules in Node's compile cache (the
// directory NODE_COMPILE_CACHE names, else one under the system's temporary directory), so
// a later start reads it instead of compiling again (Node 22.1 and later)
module.enableCompileCache?.();

await import(await ensureBuilt());
