/** Closed value lists of DOMAIN.md / API.md, with their Chinese labels for the UI and reports. */
export const MEDIATION_KINDS = {
  people: '人民调解',
  administrative: '行政调解',
  judicial: '司法调解',
  petition: '信访调解',
  procuratorate: '检调对接',
} as const;
export type MediationKind = keyof typeof MEDIATION_KINDS;

export const MEDIATION_SOURCES = { application: '申请', initiative: '主动调解', referral: '移送/委托' } as const;
export type MediationSource = keyof typeof MEDIATION_SOURCES;

export const PARTY_ROLES = { applicant: '申请人', respondent: '被申请人', other: '其他' } as const;
export type PartyRole = keyof typeof PARTY_ROLES;

export const TERMINATION_REASONS = {
  'party-refused': '当事人拒绝继续调解',
  'no-agreement': '无法达成协议',
  obstacle: '出现调解障碍',
  withdrawn: '当事人撤回申请',
  other: '其他',
} as const;
export type TerminationReason = keyof typeof TERMINATION_REASONS;

export const REJECTION_REASONS = {
  'out-of-scope': '不属于人民调解范围',
  'already-handled': '已由法院、公安或其他机关受理',
  'party-refused': '一方当事人拒绝调解',
  other: '其他',
} as const;
export type RejectionReason = keyof typeof REJECTION_REASONS;

export const AGREEMENT_FORMS = { written: '书面协议', oral: '口头协议' } as const;
export type AgreementForm = keyof typeof AGREEMENT_FORMS;

export const CHANNELS = { visit: '来访', phone: '来电', online: '网上' } as const;
export type Channel = keyof typeof CHANNELS;

export const CALL_CLASSES = { consultation: '咨询', complaint: '投诉', suggestion: '建议' } as const;
export type CallClass = keyof typeof CALL_CLASSES;

export const CALL_OUTCOMES = { answered: '接通', missed: '未接', voicemail: '留言' } as const;
export type CallOutcome = keyof typeof CALL_OUTCOMES;

export const SATISFACTION = {
  'very-satisfied': '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
  'very-unsatisfied': '非常不满意',
} as const;
export type Satisfaction = keyof typeof SATISFACTION;

export const REFERRAL_TARGETS = { mediation: '调解', 'legal-aid': '法律援助', notary: '公证', other: '其他部门' } as const;
export type ReferralTarget = keyof typeof REFERRAL_TARGETS;

export const ORG_LEVELS = { city: '市公共法律服务中心', township: '乡镇(街道)公共法律服务站', village: '村(社区)公共法律服务工作室' } as const;
export type OrgLevel = keyof typeof ORG_LEVELS;

export const PERFORMANCE = { full: '全部履行', partial: '部分履行', none: '未履行' } as const;
export type Performance = keyof typeof PERFORMANCE;

export const CONFIRMATION_RESULTS = { confirmed: '确认有效', 'not-confirmed': '不予确认', withdrawn: '撤回申请' } as const;
export type ConfirmationResult = keyof typeof CONFIRMATION_RESULTS;

export const keysOf = <T extends object>(o: T) => Object.keys(o) as Array<keyof T & string>;
