export { loadDemo, DEMO_MECHANISM_NAME, type DemoResult } from './demo.service.ts';
export {
  ensureDemoAccounts,
  DEMO_ACCOUNTS,
  type CreatedDemoAccount,
  type DemoAccount,
} from './demo-accounts.ts';
export {
  generateSyntheticLists,
  type ListRecord,
  type SyntheticLists,
} from './domain/synthetic-persons.ts';
export { playDemoStory, type DemoStory, type DemoStoryServices } from './demo-story.ts';
