/** What the case list holds: every record a legal worker or operator works on. */
export const CASE_RECORD_TYPES = ['mediation', 'work-order', 'consultation', 'hotline-call', 'lecture'] as const;
export type CaseRecordType = (typeof CASE_RECORD_TYPES)[number];

/**
 * The status each record type can show: the DOMAIN.md state names in
 * kebab-case, as `GET /api/v1/<collection>/{id}` answers them. Hotline calls
 * appear only when missed (or left on voicemail), so only the callback states.
 */
export const CASE_STATUSES: Readonly<Record<CaseRecordType, readonly string[]>> = {
  mediation: ['registered', 'rejected', 'accepted', 'in-session', 'agreed', 'terminated', 'performing', 'closed'],
  'work-order': ['created', 'assigned', 'acknowledged', 'returned', 'replied', 'visited', 'reopened', 'closed'],
  consultation: ['opened', 'answered', 'referred'],
  'hotline-call': ['missed', 'voicemail', 'callback-attempted', 'reached'],
  lecture: ['planned', 'held', 'cancelled'],
};

export const ALL_CASE_STATUSES: readonly string[] = [...new Set(Object.values(CASE_STATUSES).flat())];

/** A row of `case_list` as the projection keeps it in memory (snake_case: the columns). */
export interface CaseRow {
  record_id: string;
  record_type: CaseRecordType;
  unit_id: string;
  /** The unit's ancestor path as the tree stands now (`/city/township/village/`). */
  unit_path: string;
  status: string;
  /** JSON array of user ids (mediators); `null` for record types without assignees. */
  assignee_ids: string | null;
  category: string | null;
  /** Mediation kind, consultation channel, call class; `null` for lectures. */
  kind: string | null;
  opened_on: string;
  due_on: string | null;
  concluded_on: string | null;
  /** 1 while the record is still to be worked on, 0 once concluded, closed, answered, reached, held… */
  open: number;
  /** How many times the record was flagged past its deadline: work-order supervisions (督办), mediation and callback overdue marks. */
  supervised: number;
  /** Global position of the last event that touched the record. */
  updated_position: number;
}

export const CASE_COLUMNS: readonly (keyof CaseRow)[] = [
  'record_id',
  'record_type',
  'unit_id',
  'unit_path',
  'status',
  'assignee_ids',
  'category',
  'kind',
  'opened_on',
  'due_on',
  'concluded_on',
  'open',
  'supervised',
  'updated_position',
];

export const CASE_LIST_TABLE = 'case_list';
/** The searchable form of `assignee_ids`: one row per (record, assignee). */
export const CASE_ASSIGNEES_TABLE = 'case_list_assignees';
/** The projection's own copy of the org tree's paths, kept from org events in the same transaction. */
export const CASE_UNITS_TABLE = 'case_list_units';
