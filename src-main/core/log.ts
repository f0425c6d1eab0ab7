/**
 * The core's logger: what a host hands it (the Node hosts' pino logs of src-main/log), by default nothing. The core
 * logs events with ids, codes, message keys and counts only; the host's logger applies the redaction list
 * (src-shared/log-privacy.ts) to whatever reaches it, as a second guard.
 */
export type LogFields = Record<string, unknown>;

export interface CoreLogger {
  info(fields: LogFields, event: string): void;
  warn(fields: LogFields, event: string): void;
  error(fields: LogFields, event: string): void;
}

export const NOOP_LOGGER: CoreLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
