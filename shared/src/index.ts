export * from './wire.js';
export * from './errors.js';
export * from './types.js';
export * from './validation.js';
export * from './email.js';
export * from './files.js';
export * from './traffic.js';
export * from './format.js';
