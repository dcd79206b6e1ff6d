// Each person's path from the lists to the handover: the moves, and a person's whole file.
export { createPersonFile } from './person-file.service.ts';
export { personFileRoutes } from './person-file.routes.ts';
export { createPersonPaths } from './person-paths.service.ts';
export { personPathRoutes } from './person-paths.routes.ts';
