export { createSamePersonReview, type SamePersonReview } from './same-person.service.ts';
export { samePersonRoutes } from './same-person.routes.ts';
