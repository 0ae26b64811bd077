/**
 * What a request log line may show of a URL: credentials are cut out, whether they travel in
 * the query (`?token=`, `?access_token=`) or in the path (a portal link, a signed document
 * link, a link back from a bank's or payment provider's page).
 */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&](?:access_)?token=)[^&]*/gi, "$1…")
    .replace(
      /^(\/(?:portal(?:\/payment_(?:method_)?return)?|v1\/documents)\/)(?!api(?:[/?]|$))[^/?]+/i,
      "$1…",
    );
}
