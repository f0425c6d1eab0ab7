/** The desktop core: platform-free services behind one facade. */
export { createCore, DEFAULT_RETRY_DELAYS_MS, type Core, type CoreOptions } from './session';
export type * from './types';
export type { CoreEvents, CoreEventName } from './events';
export { decisionSchema, type Decision } from './journal/decisions';
export type { BatchSummary, FlaggedDecision } from './batch';
export { KeyFileProvider, StaticKeyProvider, type KeyProvider } from './cache/keys';
export type { TokenStore, StoredTokens } from './secrets';
export { defaultDataRoot } from './paths';
export { reconciledBy } from './ent-status';
export { SafeStorageKeyProvider, SafeStorageTokenStore, type SafeStorageLike } from './secrets/safe-storage';
