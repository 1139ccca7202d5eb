import { orgTreeProjection } from '@pls/org';
import type { Projection } from '@pls/read-model';

/** Every projection the read side keeps, in the order they start. */
export const PROJECTIONS: readonly Projection[] = [orgTreeProjection];
