// Families' inquiries: their vocabulary, the API's request shapes, and what a family is shown.
export * from './vocabulary.ts';
export * from './inquiry-schemas.ts';
export * from './family-status.ts';
