/**
 * Validates an e-invoice with libxml2 (xmllint-wasm) against the official Factur-X 1.07.3
 * EN 16931 profile schema kept in test/fixtures/factur-x-1.07.3-en16931.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateXML } from "xmllint-wasm";

const DIR = join(import.meta.dirname, "fixtures/factur-x-1.07.3-en16931");
const MAIN = "Factur-X_1.07.3_EN16931.xsd";
const schema = { fileName: MAIN, contents: readFileSync(join(DIR, MAIN), "utf8") };
const preload = readdirSync(DIR)
  .filter((f) => f.endsWith(".xsd") && f !== MAIN)
  .map((fileName) => ({ fileName, contents: readFileSync(join(DIR, fileName), "utf8") }));

export function validateEInvoice(xml: string) {
  return validateXML({ xml: { fileName: "einvoice.xml", contents: xml }, schema, preload });
}
