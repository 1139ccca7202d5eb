/**
 * Read-your-writes: the highest log position this tab's own commands
 * returned. Lists pass it as `minPosition`, so a case the worker just
 * recorded is in her queue when she goes back to it.
 */
let highest = 0;

export function notePosition(position: unknown): void {
  if (typeof position === 'number' && position > highest) highest = position;
}

export function lastPosition(): number | undefined {
  return highest > 0 ? highest : undefined;
}
