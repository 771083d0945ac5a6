export * from './fs/entry.ts';
export * from './fs/CtFsApi.ts';
export * from './config/types.ts';
