// Reports of an agreement's and a stage's exchange, and their files.
export { createReports } from './reports.service.ts';
export { reportRoutes } from './reports.routes.ts';
export { reportFile } from './report-file.ts';
