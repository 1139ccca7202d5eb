import type { PersonLink } from '../person-links/person-links.query';
import { PERSON_DATA_FIELDS, type PersonDataField } from './access-log';

/** Who asks: the access token's principal (`@pls/identity`), as far as these rules need it. */
export interface Caller {
  readonly id: string;
  readonly role: 'operator' | 'worker' | 'supervisor' | 'admin';
}

export interface PersonAccessInput {
  readonly caller: Caller;
  readonly links: readonly PersonLink[];
  /** Whether a record's unit is in the caller's subtree (the scope check, decided outside: `null` unit = no unit). */
  readonly inScope: (orgUnitId: string | null) => boolean;
  /** The caller sees the whole network (`orgUnitId` null): persons no record names yet are in scope too. */
  readonly networkWide: boolean;
  /** The user who registered the person (`PersonRegistered`'s actor). */
  readonly registeredBy: string | null;
}

export interface PersonAccess {
  /** May see the masked person (`GET /persons/{id}`). */
  readonly masked: boolean;
  /** A record naming the person is in the caller's subtree (or the caller sees the whole network). */
  readonly inScope: boolean;
  /** The caller is one of the own workers of a record naming the person. */
  readonly ownWorker: boolean;
  /** Fields the caller may read in clear while the person is not restricted. */
  readonly clear: ReadonlySet<PersonDataField>;
  /** Fields a supervisor may read in clear while the person is restricted (PIPL Art 47). */
  readonly clearWhileRestricted: ReadonlySet<PersonDataField>;
  /** May export the person's data (PIPL Art 45) and ask for erasure (Art 47). */
  readonly manage: boolean;
}

const NAME_AND_PHONE: readonly PersonDataField[] = ['name', 'phone'];

/**
 * Who sees what of a person (DOMAIN.md "Personal data"; PIPL Art 28):
 * - masked: anyone with a record naming the person in their subtree, the
 *   records' own workers, and whoever registered the person (an operator
 *   registering a caller mid-call sees the result before any record exists);
 * - clear name and phone: operators and workers with such a record in their
 *   subtree, and the records' own workers;
 * - clear ID number (sensitive, Art 28): only the records' own workers —
 *   a mediator of a linked mediation, the handler of a linked work order;
 * - supervisors and admins see masked values; a supervisor in scope may read
 *   a *restricted* person's name and phone, with a reason, always logged;
 * - export and erasure: supervisors and admins in scope.
 */
export function personAccess(input: PersonAccessInput): PersonAccess {
  const { caller, links } = input;
  const inScope = input.networkWide || links.some((l) => input.inScope(l.orgUnitId));
  const ownWorker = links.some((l) => l.workerIds.includes(caller.id));
  const masked = inScope || ownWorker || (input.registeredBy !== null && input.registeredBy === caller.id);
  const clear = new Set<PersonDataField>();
  if (ownWorker) for (const f of PERSON_DATA_FIELDS) clear.add(f);
  else if ((caller.role === 'operator' || caller.role === 'worker') && links.some((l) => input.inScope(l.orgUnitId))) {
    for (const f of NAME_AND_PHONE) clear.add(f);
  }
  const clearWhileRestricted = new Set<PersonDataField>();
  if (caller.role === 'supervisor' && inScope) {
    for (const f of NAME_AND_PHONE) clearWhileRestricted.add(f);
    // The ID number stays with the records' own workers, restricted or not.
    if (ownWorker) clearWhileRestricted.add('idNumber');
  }
  const manage = (caller.role === 'supervisor' || caller.role === 'admin') && inScope;
  return { masked, inScope, ownWorker, clear, clearWhileRestricted, manage };
}
