// The record-linkage engine (normalise, transliterate, compare, block, train, score, cluster)
// is pure TypeScript without I/O; its modules are exported from here as they are written.
export {};
