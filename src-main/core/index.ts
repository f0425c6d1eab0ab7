/** The desktop core: platform-free services — the session, and the operation table the router dispatches to. */
export { CoreSession, DEFAULT_RETRY_DELAYS_MS, type CoreOptions } from './session';
export { createOperations, type Operation, type OperationDeps, type OperationInput, type OperationTable, type SavePdf } from './operations';
export { createAppInfoService, type AppInfoService } from './app-info';
export { startBackground, type Background, type BackgroundOptions } from './background';
export type * from './types';
export type { CoreEvents, CoreEventName } from './events';
export { decisionSchema, type Decision } from './journal/decisions';
export type { BatchSummary, FlaggedDecision } from './batch';
export { KeyFileProvider, StaticKeyProvider, type KeyProvider } from './cache/keys';
export type { TokenStore, StoredTokens } from './secrets';
export type { FetchLike, ProxyFor, ProxyRoute } from './ent/client';
export { ProxyFailure } from './ent/errors';
export { defaultDataRoot } from './paths';
export { DEFAULT_SERVER_URL, isLoopback, parseServerUrl, resolveServerUrl } from './settings';
export { readRosterCsv, type RosterFile } from './csv/roster-csv';
export { matchRosters, type SchoolRosters } from './matching';
export { reconciledBy } from './ent-status';
export { SafeStorageKeyProvider, SafeStorageTokenStore, type SafeStorageLike } from './secrets/safe-storage';
