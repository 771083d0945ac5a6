export * from './types.ts';
export * from './parseOsRelease.ts';
