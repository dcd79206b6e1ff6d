// The list format's vocabulary lives in the shared kernel, which the web reads too.
export * from '@parley/kernel/person-record';
