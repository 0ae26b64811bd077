/** dist/accrue.js, the compiled command line. */
export const OUTPUT: string;
/** Compiles dist/commands.js and dist/accrue.js from src/. */
export function build(): Promise<void>;
/** The module to run: dist/accrue.js, built first when missing or stale. */
export function ensureBuilt(): Promise<string>;
