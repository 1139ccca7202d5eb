import { AUDIT_MIGRATIONS } from '@pls/audit';
import { IDENTITY_MIGRATIONS } from '@pls/identity';
import { JOBS_MIGRATIONS } from '@pls/jobs';
import { ORG_MIGRATIONS } from '@pls/org';
import { PRIVACY_MIGRATIONS } from '@pls/privacy';
import { CASE_LIST_MIGRATIONS, STATISTICS_MIGRATIONS } from '@pls/statistics';
import type { MigrationInterface } from 'typeorm';

/** Every context's read-model migrations, in the order they must run. */
export const READ_MODEL_MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [...ORG_MIGRATIONS, ...PRIVACY_MIGRATIONS, ...CASE_LIST_MIGRATIONS, ...STATISTICS_MIGRATIONS, ...JOBS_MIGRATIONS, ...AUDIT_MIGRATIONS, ...IDENTITY_MIGRATIONS];
