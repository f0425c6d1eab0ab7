export * from './build';
export * from './summary';
