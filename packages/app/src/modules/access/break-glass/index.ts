// Break-glass access: an admin's emergency reading of one mechanism, with a stated reason and
// the second factor, flagged on every entry it writes and reported.
export { createBreakGlassService, type BreakGlassService } from './break-glass.service.ts';
export * as breakGlassRecords from './break-glass.repository.ts';
