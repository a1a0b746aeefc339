/** The workbench's view of the server's API: cases, tasks, documents, attachments, statistics and notifications. */
import { api, ApiError } from '../api/client';
import type { LocalizedText, TrafficLight } from '../api/types';

export type WorkflowStatus = 'running' | 'suspended' | 'completed' | 'faulted' | 'cancelled';
export type FieldType = 'text' | 'longText' | 'number' | 'boolean' | 'date' | 'dateTime' | 'agency' | 'agencies' | 'file' | 'choice';

export interface FormField {
  key: string;
  label: LocalizedText;
  type: FieldType;
  required?: boolean;
  requiredForOutcomes?: string[] | null;
  multiple?: boolean;
  choices?: string[] | null;
  minLength?: number | null;
  maxLength?: number | null;
  min?: number | null;
  max?: number | null;
  pattern?: string | null;
  help?: LocalizedText | null;
  /** Agency fields: the directory types the field accepts (e.g. publicSecurity); none means any member agency. */
  agencyTypes?: string[] | null;
  /** A start input filled with the starter's own agency (or the agency the office acts for); shown, not chosen. */
  actingAgency?: boolean;
  maxItems?: number | null;
}

export interface TaskOutcome {
  name: string;
  label?: LocalizedText | null;
}

export interface Actor {
  userId?: string | null;
  agency?: string | null;
  role?: string | null;
  displayName?: string | null;
}

/** GET /api/tasks, GET /api/tasks/{id}. */
export interface HumanTask {
  id: string;
  instanceId: string;
  activityId: string;
  title: LocalizedText;
  description?: LocalizedText | null;
  assigneeAgency: string;
  assigneeRole: string;
  form?: { fields: FormField[] } | null;
  outcomes: TaskOutcome[];
  dueAt?: string | null;
  legalBasis?: string | null;
  dueEstimated?: boolean;
  createdAt: string;
  status: 'open' | 'completed' | 'cancelled' | 'expired';
  claimedBy?: string | null;
  closedAt?: string | null;
  closedBy?: Actor | null;
  outcome?: string | null;
  data?: Record<string, unknown> | null;
  comment?: string | null;
}

export interface CaseSummary {
  instanceId: string;
  processId: string;
  processName: string;
  version: number;
  status: WorkflowStatus;
  correlationKey?: string | null;
  startedByAgency?: string | null;
  startedByAgencyName?: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt?: string | null;
  openTaskCount: number;
  nextDueAt?: string | null;
  trafficLight?: TrafficLight | null;
}

export interface CaseList {
  items: CaseSummary[];
  total: number;
  skip: number;
  take: number;
}

export interface Participant {
  agency: string;
  name?: string | null;
  relations: ('starter' | 'assignee')[];
}

export interface OpenTask {
  id: string;
  activityId: string;
  title: LocalizedText;
  description?: LocalizedText | null;
  assigneeAgency: string;
  assigneeAgencyName?: string | null;
  assigneeRole: string;
  claimedBy?: string | null;
  claimedByName?: string | null;
  outcomes: TaskOutcome[];
  createdAt: string;
  dueAt?: string | null;
  dueEstimated: boolean;
  legalBasis?: string | null;
  trafficLight?: TrafficLight | null;
}

export interface CaseDeadline {
  source: 'task' | 'timer';
  id: string;
  activityId: string;
  title: LocalizedText;
  startedAt: string;
  dueAt: string;
  estimated: boolean;
  legalBasis?: string | null;
  trafficLight: TrafficLight;
}

export interface ClosedTask {
  id: string;
  activityId: string;
  title: LocalizedText;
  assigneeAgency: string;
  assigneeAgencyName?: string | null;
  assigneeRole: string;
  status: HumanTask['status'];
  outcome?: string | null;
  data?: Record<string, unknown> | null;
  comment?: string | null;
  createdAt: string;
  dueAt?: string | null;
  closedAt?: string | null;
  closedBy?: Actor | null;
  closedByName?: string | null;
  late: boolean;
}

export interface JournalEntry {
  sequence: number;
  at: string;
  kind: string;
  activityId?: string | null;
  activityType?: string | null;
  actor?: Actor | null;
  message?: string | null;
  data?: unknown;
}

/** GET /api/cases/{id}. */
export interface CaseDetail {
  summary: CaseSummary;
  startedBy?: Actor | null;
  parentInstanceId?: string | null;
  incident?: { message?: string } | null;
  participants: Participant[];
  openTasks: OpenTask[];
  deadlines: CaseDeadline[];
  closedTasks: ClosedTask[];
  timeline: JournalEntry[];
}

/** GET /api/instances/{id}: the snapshot, of which the workbench reads the case's data. */
export interface InstanceView {
  instanceId: string;
  definitionId: string;
  input?: Record<string, unknown>;
  variables?: Record<string, unknown>;
  output?: unknown;
}

/** GET /api/cases/{id}/verify: the case's record checked against its hash chain and seal. */
export interface CaseVerification {
  instanceId: string;
  ok: boolean;
  entries: number;
  sealedBy?: number | null;
  sealedLength?: number | null;
  tasks: number;
  attachments: number;
  message: string;
  finding?: { fault: string; table: string; sequence?: number | null; message: string; messageEn: string } | null;
}

export interface DocumentInfo {
  kind: string;
  title: string;
  titleEn: string;
  fileName: string;
  available: boolean;
  unavailableReason?: string | null;
  url: string;
}

export interface AttachmentInfo {
  id: string;
  fileName: string;
  contentType: string;
  length?: number;
  size?: number;
  uploadedAt?: string;
  uploadedBy?: string;
  [extra: string]: unknown;
}

/** A start input of a process (Workflows/*.json "inputs"). */
export interface InputDeclaration {
  name: string;
  type: string;
  required?: boolean;
  label?: LocalizedText | null;
  choices?: string[] | null;
  default?: unknown;
  minItems?: number | null;
  maxItems?: number | null;
  maxLength?: number | null;
  /** Filled by the server with the starter's own agency; another value is refused. */
  actingAgency?: boolean;
  agencyTypes?: string[] | null;
}

export interface DefinitionRecord {
  definitionId: string;
  version: number;
  status: string;
  definition: { id: string; name: string; description?: string; inputs?: InputDeclaration[] };
}

export interface DefinitionSummary {
  definitionId: string;
  version: number;
  status: string;
  name: string;
  /** Whether the signed-in person may start it (published, and their agency's type and roles are among its starters). */
  mayStart?: boolean | null;
}

/** The coordination office starting a case for another agency: who, and why (kept in the case and its record). */
export interface ActingFor {
  agency: string;
  reason: string;
}

export interface StatusCounts {
  running: number;
  suspended: number;
  completed: number;
  faulted: number;
  cancelled: number;
  total: number;
}

export interface StatisticsReport {
  from?: string | null;
  to?: string | null;
  agency?: string | null;
  generatedAt: string;
  totalCases: number;
  byStatus: StatusCounts;
  byProcess: { definitionId: string; total: number; byStatus: StatusCounts }[];
  byAgency: { agency: string; cases: number }[];
  overdue: { total: number; byAgency: { agency: string; tasks: number }[] };
  referrals: {
    cases: number;
    referred: number;
    filed: number;
    notFiled: number;
    underSupervision: number;
    supervisionSuggested: number;
    filingNotified: number;
    awaitingDecision: number;
    returnedNotPolice: number;
    transferRefused: number;
    filingRate?: number | null;
  };
  consultations: {
    cases: number;
    consensus: number;
    defer: number;
    officeRecommendation: number;
    urgentDecision: number;
    rejected: number;
    withdrawn: number;
    cancelled: number;
    pending: number;
  };
}

/** The notifications API (the scheduling helper's): tolerated while absent (404 reads as none). */
export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  caseId?: string | null;
  taskId?: string | null;
  createdAt: string;
  readAt?: string | null;
}

export interface AgencyEntry {
  code: string;
  name: LocalizedText;
  type: string;
}

/** The processes a member agency starts from the workbench (each shown only to those who may start it). */
export const startableProcesses = ['consultation', 'jurisdiction-dispute', 'criminal-referral', 'assistance-request'] as const;

async function orEmpty<T>(load: Promise<T>, empty: T): Promise<T> {
  try {
    return await load;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return empty;
    throw e;
  }
}

export const workbenchApi = {
  inbox: (signal?: AbortSignal) => api.get<HumanTask[]>('/api/tasks', { query: { status: 'open', take: 500 }, signal }),
  tasksOfAgency: (agency: string | undefined, signal?: AbortSignal) =>
    api.get<HumanTask[]>('/api/tasks', { query: { status: 'open', agency, take: 500 }, signal }),
  tasksOfCase: (instanceId: string, signal?: AbortSignal) => api.get<HumanTask[]>('/api/tasks', { query: { instanceId, take: 500 }, signal }),
  task: (id: string, signal?: AbortSignal) => api.get<HumanTask>(`/api/tasks/${id}`, { signal }),
  complete: (id: string, outcome: string, data: Record<string, unknown>, comment: string | undefined, key: string) =>
    api.post<unknown>(`/api/tasks/${id}/complete`, { outcome, data, comment: comment || undefined }, { headers: { 'Idempotency-Key': key } }),
  claim: (id: string) => api.post<unknown>(`/api/tasks/${id}/claim`),
  release: (id: string) => api.post<unknown>(`/api/tasks/${id}/release`),
  cases: (query: Record<string, string | number | boolean | undefined>, signal?: AbortSignal) => api.get<CaseList>('/api/cases', { query, signal }),
  caseDetail: (id: string, signal?: AbortSignal) => api.get<CaseDetail>(`/api/cases/${id}`, { signal }),
  instance: (id: string, signal?: AbortSignal) => api.get<InstanceView>(`/api/instances/${id}`, { signal }),
  verifyCase: (id: string) => api.get<CaseVerification>(`/api/cases/${id}/verify`),
  documents: (id: string, signal?: AbortSignal) => api.get<DocumentInfo[]>(`/api/cases/${id}/documents`, { signal }),
  attachments: (id: string, signal?: AbortSignal) => orEmpty(api.get<AttachmentInfo[]>(`/api/cases/${id}/attachments`, { signal }), []),
  upload: (caseId: string, file: File) => {
    const body = new FormData();
    body.append('file', file);
    return api.post<AttachmentInfo>(`/api/cases/${caseId}/attachments`, body);
  },
  definitions: (signal?: AbortSignal) => api.get<DefinitionSummary[]>('/api/definitions', { signal }),
  definition: (id: string, version: number, signal?: AbortSignal) => api.get<DefinitionRecord>(`/api/definitions/${id}/versions/${version}`, { signal }),
  start: (definitionId: string, input: Record<string, unknown>, key: string, actingFor?: ActingFor) =>
    api.post<{ instanceId: string; openTaskIds?: string[] }>('/api/instances', { definitionId, input, actingFor }, { headers: { 'Idempotency-Key': key } }),
  agencies: (signal?: AbortSignal) => api.get<AgencyEntry[]>('/api/agencies', { signal }),
  statistics: (query: Record<string, string | undefined>, signal?: AbortSignal) => api.get<StatisticsReport>('/api/statistics', { query, signal }),
  notifications: (unreadOnly: boolean, signal?: AbortSignal) =>
    orEmpty(api.get<NotificationItem[]>('/api/notifications', { query: { unreadOnly: unreadOnly || undefined, limit: 50 }, signal }), []),
  unreadCount: (signal?: AbortSignal) => orEmpty(api.get<{ count: number }>('/api/notifications/unread-count', { signal }), { count: 0 }),
  markRead: (id: string) => api.post<unknown>(`/api/notifications/${id}/read`),
  markAllRead: () => api.post<unknown>('/api/notifications/read-all'),
};

/** A fresh key for Idempotency-Key, so a double click or a retried request starts or completes once. */
export function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
