/**
 * What can be done to a record in each state, as declarative forms: the
 * record page shows the actions of the current status that the user's role
 * may run (`useAuth().can`, the API's policy table) and one generic form
 * renders their fields. Field names are the API's, so its field errors land
 * on the right input.
 */
import { shanghaiDate, shanghaiInstant } from '../lib/dates';

export type FieldKind =
  | { type: 'date'; default?: 'today' | ((s: any) => string | null) }
  | { type: 'instant'; default?: 'now' }
  | { type: 'select'; codes: string; values: readonly string[]; default?: string }
  | { type: 'amount'; default?: (s: any) => number | null }
  | { type: 'int'; min: number; max: number; default?: number }
  | { type: 'bool'; default?: boolean; mustBeTrue?: boolean }
  | { type: 'unit'; levels?: readonly string[] }
  | { type: 'mediators' };

export interface ActionField {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required?: boolean;
}

export interface ActionSpec {
  readonly action: string;
  /** i18n key of the button and the form title. */
  readonly labelKey: string;
  readonly fields: readonly ActionField[];
  readonly primary?: boolean;
  readonly danger?: boolean;
}

const today = { type: 'date', default: 'today' } as const;
const now = { type: 'instant', default: 'now' } as const;

const MEDIATION_AT_WORK = ['accepted', 'in-session'];
const MEDIATION_AGREED = ['agreed', 'performing'];

export function actionsFor(collection: string, state: Record<string, any>): ActionSpec[] {
  const s = String(state['status'] ?? '');
  switch (collection) {
    case 'mediations': {
      const out: ActionSpec[] = [];
      if (s === 'registered') {
        out.push(
          { action: 'accept', labelKey: 'act.accept', primary: true, fields: [{ name: 'acceptedOn', kind: today, required: true }, { name: 'mediatorIds', kind: { type: 'mediators' }, required: true }, { name: 'dueOn', kind: { type: 'date' } }] },
          {
            action: 'reject',
            labelKey: 'act.reject',
            danger: true,
            fields: [
              { name: 'reason', kind: { type: 'select', codes: 'rejectionReason', values: ['out-of-scope', 'already-handled', 'party-refused', 'other'] }, required: true },
              { name: 'rejectedOn', kind: today, required: true },
            ],
          },
        );
      }
      if (MEDIATION_AT_WORK.includes(s)) {
        out.push(
          { action: 'sessions', labelKey: 'act.session', fields: [{ name: 'heldOn', kind: today, required: true }] },
          {
            action: 'agreement',
            labelKey: 'act.agreement',
            primary: true,
            fields: [
              { name: 'form', kind: { type: 'select', codes: 'agreementForm', values: ['written', 'oral'], default: 'written' }, required: true },
              { name: 'effectiveOn', kind: today, required: true },
              { name: 'agreedAmountFen', kind: { type: 'amount' }, required: true },
            ],
          },
          {
            action: 'terminate',
            labelKey: 'act.terminate',
            danger: true,
            fields: [
              { name: 'reason', kind: { type: 'select', codes: 'terminationReason', values: ['party-refused', 'no-agreement', 'obstacle', 'withdrawn', 'other'] }, required: true },
              { name: 'terminatedOn', kind: today, required: true },
            ],
          },
          {
            action: 'extend',
            labelKey: 'act.extend',
            fields: [
              { name: 'newDueOn', kind: { type: 'date' }, required: true },
              { name: 'partiesConsented', kind: { type: 'bool', default: false, mustBeTrue: true }, required: true },
            ],
          },
          { action: 'reassign', labelKey: 'act.reassign', fields: [{ name: 'mediatorIds', kind: { type: 'mediators' }, required: true }] },
        );
      }
      if (MEDIATION_AGREED.includes(s)) {
        out.push({
          action: 'performance',
          labelKey: 'act.performance',
          primary: true,
          fields: [
            { name: 'performance', kind: { type: 'select', codes: 'performance', values: ['full', 'partial', 'none'], default: 'full' }, required: true },
            { name: 'recordedOn', kind: today, required: true },
          ],
        });
        const jc = state['judicialConfirmation'];
        if (!jc) out.push({ action: 'judicial-confirmation', labelKey: 'act.confirmation', fields: [{ name: 'appliedOn', kind: today, required: true }] });
        else if (!jc.result)
          out.push({
            action: 'judicial-confirmation-decision',
            labelKey: 'act.confirmationDecision',
            fields: [
              { name: 'result', kind: { type: 'select', codes: 'confirmationResult', values: ['confirmed', 'not-confirmed', 'withdrawn'], default: 'confirmed' }, required: true },
              { name: 'decidedOn', kind: today, required: true },
            ],
          });
      }
      if ([...MEDIATION_AGREED, 'terminated'].includes(s)) out.push({ action: 'close', labelKey: 'act.closeMediation', fields: [{ name: 'closedOn', kind: today, required: true }] });
      return out;
    }
    case 'work-orders': {
      const out: ActionSpec[] = [];
      if (['created', 'assigned', 'reopened'].includes(s)) out.push({ action: 'acknowledge', labelKey: 'act.acknowledge', primary: true, fields: [{ name: 'at', kind: now }] });
      if (['acknowledged', 'reopened'].includes(s)) {
        out.push(
          {
            action: 'reply',
            labelKey: 'act.reply',
            primary: true,
            fields: [
              { name: 'resultCode', kind: { type: 'select', codes: 'replyResult', values: ['resolved', 'explained', 'referred', 'other'], default: 'resolved' } },
              { name: 'at', kind: now },
            ],
          },
          { action: 'extend', labelKey: 'act.extendReply', fields: [{ name: 'workingDays', kind: { type: 'int', min: 1, max: 15, default: 5 }, required: true }] },
        );
      }
      if (['assigned', 'acknowledged', 'reopened'].includes(s))
        out.push({
          action: 'return',
          labelKey: 'act.return',
          danger: true,
          fields: [{ name: 'reason', kind: { type: 'select', codes: 'returnReason', values: ['not-our-jurisdiction', 'insufficient-information', 'other'] }, required: true }],
        });
      if (['created', 'returned'].includes(s)) out.push({ action: 'assign', labelKey: 'act.assign', primary: true, fields: [{ name: 'orgUnitId', kind: { type: 'unit' }, required: true }] });
      if (s === 'replied')
        out.push({
          action: 'visit',
          labelKey: 'act.visit',
          primary: true,
          fields: [{ name: 'satisfaction', kind: { type: 'select', codes: 'satisfaction', values: ['very-satisfied', 'satisfied', 'basic', 'unsatisfied', 'very-unsatisfied'], default: 'satisfied' }, required: true }],
        });
      if (s === 'visited' && ['unsatisfied', 'very-unsatisfied'].includes(String(state['satisfaction']))) out.push({ action: 'reopen', labelKey: 'act.reopen', fields: [] });
      if (['replied', 'visited'].includes(s)) out.push({ action: 'close', labelKey: 'act.closeWorkOrder', fields: [] });
      return out;
    }
    case 'hotline-calls': {
      const out: ActionSpec[] = [];
      if (['missed', 'voicemail', 'callback-attempted'].includes(s))
        out.push({ action: 'callback', labelKey: 'act.callback', primary: true, fields: [{ name: 'at', kind: now, required: true }, { name: 'reached', kind: { type: 'bool', default: true }, required: true }] });
      if (s === 'answered')
        out.push({ action: 'work-order', labelKey: 'act.handOver', primary: true, fields: [{ name: 'assignToOrgUnitId', kind: { type: 'unit' }, required: true }, { name: 'urgent', kind: { type: 'bool', default: false } }] });
      if (['answered', 'reached'].includes(s)) out.push({ action: 'close', labelKey: 'act.closeCall', fields: [] });
      return out;
    }
    case 'consultations':
      if (s !== 'opened') return [];
      return [
        { action: 'answer', labelKey: 'act.answer', primary: true, fields: [{ name: 'answeredAt', kind: now }] },
        {
          action: 'refer',
          labelKey: 'act.refer',
          fields: [
            { name: 'target', kind: { type: 'select', codes: 'referralTarget', values: ['legal-aid', 'notary', 'other'], default: 'legal-aid' }, required: true },
            { name: 'targetOrgUnitId', kind: { type: 'unit' } },
          ],
        },
      ];
    case 'lectures':
      if (s !== 'planned') return [];
      return [
        { action: 'hold', labelKey: 'act.hold', primary: true, fields: [{ name: 'heldOn', kind: today, required: true }, { name: 'attendees', kind: { type: 'int', min: 0, max: 100000, default: 30 }, required: true }] },
        {
          action: 'cancel',
          labelKey: 'act.cancelLecture',
          danger: true,
          fields: [{ name: 'reason', kind: { type: 'select', codes: 'cancelReason', values: ['speaker-unavailable', 'venue-unavailable', 'weather', 'too-few-registrations', 'rescheduled', 'other'] } }],
        },
      ];
    default:
      return [];
  }
}

/** The default of a field when the form opens. */
export function defaultValue(field: ActionField, state: Record<string, any>, userId: string | null): unknown {
  const k = field.kind;
  switch (k.type) {
    case 'date':
      return k.default === 'today' ? shanghaiDate() : typeof k.default === 'function' ? k.default(state) : undefined;
    case 'instant':
      return k.default === 'now' ? shanghaiInstant() : undefined;
    case 'select':
      return k.default;
    case 'int':
      return k.default;
    case 'bool':
      return k.default;
    case 'mediators':
      return Array.isArray(state['mediatorIds']) && state['mediatorIds'].length > 0 ? state['mediatorIds'] : userId ? [userId] : [];
    default:
      return undefined;
  }
}
