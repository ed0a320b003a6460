// The whole data model (docs/data-model.md). Later issues may add tables; the shape is designed
// for all of the product now.
export * from './organisation.ts';
export * from './consent.ts';
export * from './accounts.ts';
export * from './posts.ts';
export * from './incidents.ts';
export * from './protocol.ts';
export * from './breaches.ts';
export * from './files.ts';
