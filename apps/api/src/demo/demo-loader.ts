import { DomainError, SYSTEM_ACTORS } from '@pls/event-sourcing';
import type { RegisterPerson } from '@pls/privacy';
import { ProblemError } from '../http/problem';
import type { CommandExecutor } from '../records/command-executor';
import { DEMO_PHASES, type DemoStep, type SyntheticYear } from './synthetic-year';

/** Where the demo goes: the API's one command path, and the vault for persons. */
export interface DemoTarget {
  readonly executor: Pick<CommandExecutor, 'execute'>;
  readonly persons: { register(input: RegisterPerson): Promise<{ id: string }> };
}

export interface DemoProgress {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
  readonly phase: string;
}

export interface DemoLoadOptions {
  /** Steps in flight at once (default 16); steps of one lane always run one after another. */
  readonly concurrency?: number;
  /** Called after every step (the reporter throttles). */
  readonly onProgress?: (progress: DemoProgress) => void;
  /** Stops dispatching; the load then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Refusals tolerated before the load gives up (default 100). */
  readonly maxRefusals?: number;
  /** Milliseconds since some origin; default `performance.now` (measures the load, decides nothing). */
  readonly clock?: () => number;
}

export interface DemoRefusal {
  readonly index: number;
  readonly lane: string;
  readonly what: string;
  readonly code: string;
  readonly message: string;
}

export interface DemoLoadResult {
  readonly steps: number;
  readonly done: number;
  /** Steps not run because an earlier step of their lane was refused. */
  readonly skipped: number;
  readonly refusals: readonly DemoRefusal[];
  readonly elapsedMs: number;
}

/** The load stopped: too many refusals, or the store failed. */
export class DemoLoadError extends Error {
  constructor(
    message: string,
    readonly result: DemoLoadResult,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DemoLoadError';
  }
}

/**
 * Runs a synthetic year through the API's command path. Phases run one after
 * another (cities, townships, villages, persons, records); within a phase up
 * to `concurrency` steps are in flight, and the steps of one lane (a record,
 * or a call with its work order) stay in order. Every command carries the id
 * the generator derived for it, so loading the same year again is answered
 * from the streams and appends nothing; persons are registered under fixed
 * ids with the same data, which the vault answers as the same.
 *
 * A refused step (a ProblemError or DomainError) is reported and the rest of
 * its lane skipped; anything else (the store is gone) stops the load.
 */
export async function loadDemo(target: DemoTarget, year: SyntheticYear, options: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const maxRefusals = options.maxRefusals ?? 100;
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const steps = year.steps;
  const refusals: DemoRefusal[] = [];
  const failedLanes = new Set<string>();
  let done = 0;
  let skipped = 0;
  let fatal: unknown = null;
  let phase: string = DEMO_PHASES[0];

  const result = (): DemoLoadResult => ({ steps: steps.length, done, skipped, refusals, elapsedMs: clock() - started });
  const report = () => options.onProgress?.({ done: done + skipped, total: steps.length, elapsedMs: clock() - started, phase });

  const run = async (step: DemoStep, index: number): Promise<void> => {
    if (fatal !== null) return;
    if (failedLanes.has(step.lane)) {
      skipped++;
      report();
      return;
    }
    try {
      if (step.kind === 'person') await target.persons.register(step.person);
      else await target.executor.execute({ ...step.command, actorId: SYSTEM_ACTORS.demo });
      done++;
    } catch (error) {
      if (!(error instanceof ProblemError || error instanceof DomainError)) {
        fatal ??= error;
        return;
      }
      failedLanes.add(step.lane);
      refusals.push(refusalOf(step, index, error));
      if (refusals.length > maxRefusals) fatal ??= new Error(`more than ${maxRefusals} steps were refused`);
    }
    report();
  };

  const inFlight = new Set<Promise<void>>();
  const laneTails = new Map<string, Promise<void>>();
  for (let i = 0; i < steps.length && fatal === null; i++) {
    const step = steps[i]!;
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    if (step.phase !== phase) {
      // A phase starts once the one before has finished (children need their parents, records their persons).
      await Promise.all(inFlight);
      laneTails.clear();
      phase = step.phase;
    }
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const previous = laneTails.get(step.lane);
    const task = (previous ? previous.then(() => run(step, i)) : run(step, i)).finally(() => {
      inFlight.delete(task);
      if (laneTails.get(step.lane) === task) laneTails.delete(step.lane);
    });
    inFlight.add(task);
    laneTails.set(step.lane, task);
  }
  await Promise.all(inFlight);
  if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
  if (fatal !== null) {
    const message = fatal instanceof Error ? fatal.message : String(fatal);
    throw new DemoLoadError(`demo load stopped after ${done} of ${steps.length} steps: ${message}`, result(), { cause: fatal });
  }
  report();
  return result();
}

function refusalOf(step: DemoStep, index: number, error: ProblemError | DomainError): DemoRefusal {
  const what = step.kind === 'person' ? 'persons' : `${step.command.collection} ${step.command.action ?? 'create'}`;
  const fields =
    error instanceof ProblemError ? (error.extra.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ') : (error.field ?? '');
  return { index, lane: step.lane, what, code: error.code, message: fields ? `${error.message} (${fields})` : error.message };
}
