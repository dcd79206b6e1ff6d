// The shared kernel: what the server's modules and the web application both need, kept once.
export * from './person-record/index.ts';
export * from './agreement/index.ts';
export * from './http/index.ts';
