export * from './decisions';
export * from './fold';
export * from './store';
