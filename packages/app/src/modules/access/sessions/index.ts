// Sign-in: passwords, the second factor and its enrolment, sessions, and who an actor is on each
// request (a session or a token).
export { createSessionsService, type SessionsService } from './sessions.service.ts';
export { createEnrolmentService, type EnrolmentService } from './enrolment.service.ts';
export { expiringSessions } from './expiring-sessions.ts';
export * as sessionRecords from './sessions.repository.ts';
