// Accounts and their roles. The sessions, tokens and break-glass sub-modules stand on this one:
// they read accounts and grants through `accountRecords`; this one reaches none of them.
export {
  createAccountsService,
  type AccountCredentials,
  type AccountsService,
} from './accounts.service.ts';
export { createAccountLookup, isSignedInPerson } from './account-lookup.ts';
export * as accountRecords from './accounts.repository.ts';
