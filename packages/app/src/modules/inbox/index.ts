export { createInboxService, type InboxService } from './inbox.service.ts';
export { inboxRoutes } from './inbox.routes.ts';
export { createEventStreams, type EventRouteOptions } from './events.routes.ts';
export { INBOX_KINDS, type InboxItem, type InboxKind } from './domain/inbox.ts';
export {
  TOPIC_PERMISSION,
  changesOfJob,
  mayHear,
  topicOfAction,
  topicOfRoute,
  type Topic,
} from './domain/topics.ts';
