export * from './database';
export * from './keys';
export { migrate, MIGRATIONS, SCHEMA_VERSION } from './migrations';
export type { Migration } from './migrations';
