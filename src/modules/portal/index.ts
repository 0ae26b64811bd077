/**
 * Nothing: the portal module is reached only through its routes (src/http/app.ts), which call
 * the portal's use cases in src/workflows/portal.ts.
 */
export {};
