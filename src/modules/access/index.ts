export { findActiveKeyByHash } from "./api-keys.repository.js";
export { createAdminCredentials } from "./api-keys.service.js";
export { authenticate, authenticateSecret, type Principal } from "./authenticate.js";
export { deleteExpiredTokens, issueKeySession, issueToken, releaseToken } from "./oauth.service.js";
export { configurePrincipalCache, principals } from "./principal-cache.js";
export { displayPrefix, generateSecret, hashSecret, sameHash } from "./secrets.js";
