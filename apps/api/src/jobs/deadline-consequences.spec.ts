import { SYSTEM_ACTORS } from '@pls/event-sourcing';
import { ConsequenceRefusedError } from '@pls/jobs';
import { ProblemError } from '../http/problem';
import type { CommandRequest } from '../records/command-executor';
import { deadlineConsequences } from './deadline-consequences';

describe('deadline consequences', () => {
  const request = { collection: 'work-orders', action: 'supervise', id: '6f1c8c7e-0a7e-4a39-9f7b-1e2d3c4b5a69', body: {}, commandId: 'c0ffee00-0a7e-4a39-9f7b-1e2d3c4b5a69', now: '2021-03-01T00:00:00Z' };

  it('append as the deadlines system actor, never as nobody', async () => {
    const seen: CommandRequest[] = [];
    const port = deadlineConsequences({
      execute: async (r: CommandRequest) => {
        seen.push(r);
        return { status: 200, id: r.id!, version: 2, position: 7, collection: r.collection, extra: {} };
      },
    });
    await expect(port.execute(request as never)).resolves.toEqual({ position: 7 });
    expect(seen.map((r) => r.actorId)).toEqual([SYSTEM_ACTORS.deadlines]);
    expect(SYSTEM_ACTORS.deadlines).toBe('system:deadlines');
  });

  it('turns a 4xx refusal into a refusal the job does not retry', async () => {
    const port = deadlineConsequences({
      execute: async () => {
        throw new ProblemError(409, 'WORK_ORDER.CLOSED', 'closed');
      },
    });
    await expect(port.execute(request as never)).rejects.toBeInstanceOf(ConsequenceRefusedError);
  });
});
