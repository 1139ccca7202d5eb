/** What a notification tells. */
export const NOTIFICATION_KINDS = ['assigned', 'supervised', 'overdue', 'visit-due'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who a notification is for: a user (a mediator) or everyone of a unit. */
export type RecipientType = 'user' | 'unit';

/**
 * One row of the in-app notification list: ids, codes and instants only
 * (the record's content stays in the record). `read` is the asking user's.
 */
export interface Notification {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly recipientType: RecipientType;
  readonly recipientId: string;
  readonly recordType: 'work-order' | 'mediation' | 'hotline-call';
  readonly recordId: string;
  /** The supervision reason (`reply-overdue` …) or the overdue limit (`mediation-due`, `callback`); `null` otherwise. */
  readonly reason: string | null;
  /** When the event happened (ISO-8601, UTC). */
  readonly at: string;
  /** Global position of the event. */
  readonly position: number;
  readonly read: boolean;
}

/** The caller as the list sees them: their own notifications and their unit's. */
export interface NotificationReader {
  readonly userId: string;
  readonly orgUnitId: string | null;
}
