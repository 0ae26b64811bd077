/** dist/accrue.js, the compiled command line. */
export const OUTPUT: string;
/** Compiles dist/commands.js and dist/accrue.js from src/. */
export function build(): Promise<void>;
/** Makes the embedded database's template for dist/'s migrations when there is none yet. */
export function buildDataTemplate(): Promise<void>;
/** The module to run: dist/accrue.js, built first when missing or stale. */
export function ensureBuilt(): Promise<string>;
