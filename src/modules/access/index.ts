export { findActiveKeyByHash } from "./api-keys.repository.js";
export { type ApiKey, createAdminCredentials, storeApiKey } from "./api-keys.service.js";
export { authenticate, authenticateSecret, type Principal } from "./authenticate.js";
export { deleteExpiredConsoleUserTokens } from "./console-user-tokens.repository.js";
export {
  CONSOLE_LINK_TTL_MS,
  type ConsoleUserTokenPurpose,
  findResettableUser,
  issueConsoleUserToken,
  lockInvitedUser,
  recentResetLinks,
  redeemConsoleUserToken,
} from "./console-user-tokens.service.js";
export { type ConsoleUser, createConsoleUser } from "./console-users.service.js";
export { deleteExpiredTokens } from "./oauth.repository.js";
export { issueKeySession, issueToken, releaseToken } from "./oauth.service.js";
export { configurePrincipalCache, principals } from "./principal-cache.js";
export {
  localRateLimiter,
  type RequestLimiter,
  sharedRateLimiter,
} from "./rate-limits.js";
export { assertMayGrantRoles } from "./roles.service.js";
export {
  configureSealingKey,
  currentSealingKey,
  displayPrefix,
  generateSecret,
  hashSecret,
  SealError,
  type SealingKey,
  sameHash,
  seal,
  sealedKeyId,
  sealingKey,
  unseal,
  unsealWithKnownKeys,
} from "./secrets.js";
export {
  localSignInLimiter,
  type SignInLimiter,
  sharedSignInLimiter,
} from "./sign-in-throttle.js";
