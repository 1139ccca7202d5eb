import { Baseline1764300000000 } from './1764300000000-baseline';

export const BASELINE_MIGRATIONS = [Baseline1764300000000];
