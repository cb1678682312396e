// The whole schema, for drizzle-kit and for typed queries.
export * from './school';
export * from './people';
export * from './journal';
export * from './access';
export * from './audit';
export * from './year';
export * from './check';
