import { isAllowed, type Actor } from '../../access/domain/index.ts';
import { stateSeenByParty, type PersonState } from '../../exchanges/domain/index.ts';

/**
 * What one reader of a mechanism's dashboard may be shown, from the permission table: whose
 * persons are counted (a party role: those its party holds and those who return to it, as the
 * exchange shows them to it; the others: every person), whether the wish interview's states show
 * as they are, and which sections the role reads at all.
 */
export interface Viewer {
  /** The holding parties the figures are given for: the mechanism's, to readers of the exchange. */
  readonly sides: readonly string[];
  /** The party a party role acts for: it counts the persons that party holds or receives. */
  readonly party: string | null;
  /** Mediator and verifier see the states as they are; the others see cleared / not cleared. */
  readonly seesWish: boolean;
  readonly readsAgreements: boolean;
  readonly readsExchange: boolean;
  readonly readsReconciliation: boolean;
  /** The parties whose list imports the reader may hear of. */
  readonly listParties: readonly string[];
}

/** The viewer a dashboard is built for: an actor in one mechanism of two parties. */
export function viewerOf(actor: Actor, mechanism: { id: string; parties: readonly string[] }) {
  const target = { mechanismId: mechanism.id };
  const grants = actor.grants.filter((g) => g.mechanismId === mechanism.id);
  const readsExchange = isAllowed(actor, 'exchange.read', target);
  const actsForAll = actor.isSystem || grants.some((g) => g.party === null);
  return {
    sides: readsExchange ? [...mechanism.parties] : [],
    party: actsForAll ? null : (grants.find((g) => g.party !== null)?.party ?? null),
    seesWish:
      actor.isSystem || grants.some((g) => g.role === 'mediator' || g.role === 'neutral_verifier'),
    readsAgreements: isAllowed(actor, 'agreement.read', target),
    readsExchange,
    readsReconciliation: isAllowed(actor, 'reconciliation.read', target),
    listParties: mechanism.parties.filter((party) =>
      isAllowed(actor, 'list.versions', { ...target, party }),
    ),
  } satisfies Viewer;
}

/** A state as the viewer may see it. */
export function stateFor(viewer: Viewer, state: string): string {
  return viewer.seesWish ? state : stateSeenByParty(state as PersonState);
}
