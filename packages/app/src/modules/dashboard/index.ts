export { createDashboardService, type DashboardService } from './dashboard.service.ts';
export { dashboardRoutes } from './dashboard.routes.ts';
