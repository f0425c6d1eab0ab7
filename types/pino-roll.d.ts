/**
 * pino-roll 4.0.0 ships no types: its one export as its source documents it (an async builder of a SonicBoom stream
 * that rolls its file by date and size). Shared by src-main/log and src-server/log.ts (and the tests).
 */
declare module 'pino-roll' {
  import type { SonicBoom, SonicBoomOpts } from 'sonic-boom';

  export interface PinoRollOptions extends Omit<SonicBoomOpts, 'dest' | 'fd'> {
    /** Base path; `.<date>.<number><extension>` is appended. */
    file: string | (() => string);
    /** `'5m'`, `'100k'`, or a number of MB. */
    size?: string | number;
    /** `'daily'`, `'hourly'` or milliseconds. */
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    symlink?: boolean;
    /** date-fns format appended to the name (`'yyyy-MM-dd'`). */
    dateFormat?: string;
    /** Older files kept besides the current one. */
    limit?: { count?: number; removeOtherLogFiles?: boolean };
  }

  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
}
