export { createInquiryFigures, type InquiryFigures } from './figures.service.ts';
export { figuresRoutes } from './figures.routes.ts';
