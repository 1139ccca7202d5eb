import type { CommandRoute, RecordView } from '@pls/event-sourcing';
import { consultationRoutes, consultationView } from '@pls/consultation';
import { hotlineRoutes, hotlineViews } from '@pls/hotline';
import { mediationRoutes, mediationView } from '@pls/mediation';
import { orgUnitRoutes, orgUnitView } from '@pls/org';
import { lectureRoutes, lectureView } from '@pls/outreach';

/** Every event-sourced collection the API serves. */
export const COMMAND_ROUTES: readonly CommandRoute[] = [
  ...orgUnitRoutes,
  ...hotlineRoutes,
  ...consultationRoutes,
  ...(mediationRoutes as readonly CommandRoute[]),
  ...lectureRoutes,
];

export const RECORD_VIEWS: readonly RecordView[] = [
  orgUnitView,
  ...hotlineViews,
  consultationView,
  mediationView as RecordView,
  lectureView,
];
