// The published billwerk 2.1.0 client ships no types; tests treat it as the untyped CommonJS
// module it is.
declare module "billwerk";
