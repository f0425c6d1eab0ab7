/** The ENT HTTP contract (`/v1`): every request and response body, shared by the server and the desktop core. */
export * from './common';
export * from './errors';
export * from './activation';
export * from './auth';
export * from './roster';
export * from './legacy';
export * from './merge';
export * from './merge-rules';
export * from './parents';
export * from './staff';
export * from './routes';
