/** Nothing: the system module is reached only through its routes (src/http/app.ts). */
export {};
