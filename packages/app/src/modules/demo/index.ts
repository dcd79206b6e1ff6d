export { loadDemo, DEMO_MECHANISM_NAME, type DemoResult } from './demo.service.ts';
export {
  generateSyntheticLists,
  type ListRecord,
  type SyntheticLists,
} from './domain/synthetic-persons.ts';
