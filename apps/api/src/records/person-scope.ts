import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@pls/identity';
import { subtreeIds } from '@pls/org';
import type { DataSource } from 'typeorm';
import { READ_MODEL } from '../infrastructure/tokens';

/**
 * The one place the persons routes ask "is this unit in the caller's
 * subtree?". It reads the org-tree read model (`subtreeIds`); swap the body
 * for the auth scope service (`apps/api/src/auth/scope.ts`) once that is in
 * the tree — callers only see `unitTest`.
 */
@Injectable()
export class PersonScope {
  constructor(@Inject(READ_MODEL) private readonly db: DataSource) {}

  /** A test for record units: `true` inside the caller's subtree (everything for a network-wide caller). */
  async unitTest(principal: Pick<Principal, 'orgUnitId'>): Promise<(orgUnitId: string | null) => boolean> {
    if (principal.orgUnitId === null) return () => true;
    const ids = new Set((await subtreeIds(this.db, principal.orgUnitId)) ?? []);
    return (orgUnitId) => orgUnitId !== null && ids.has(orgUnitId);
  }
}
