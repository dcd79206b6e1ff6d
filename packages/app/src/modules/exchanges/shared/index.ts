// What the exchange's use cases (paths, stages, documents, receipts, offline, reports) share: the
// rows they all read and move, the steps that audit or reach other modules, the routes' common
// parameters and persons' names. Other modules reach the exchange through ../index.ts only.
export * as rows from './exchange-rows.repository.ts';
export {
  candidateOf,
  createExchangeSteps,
  pathActorsOf,
  seesInterview,
  stageState,
  type ExchangeSteps,
  type ExchangesDeps,
  type Move,
} from './exchange-steps.ts';
export { agreementParams, M, stageParams, type ExchangeApp } from './http.ts';
export { nameOf, namesOf, NO_NAME, type PersonName } from './person-names.ts';
