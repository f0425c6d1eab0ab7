export * from './methods';
export * from './events';
export * from './core';
export * from './account';
export * from './referent';
export * from './roles';
export * from './diagnostic';
