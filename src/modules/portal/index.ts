/** Nothing: the portal module is reached only through its routes (src/http/app.ts). */
export {};
