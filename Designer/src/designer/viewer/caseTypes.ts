import type { LocalizedText, TrafficLight } from '../../api/types';

/** GET /api/cases/{id}: the parts the instance viewer shows. */
export interface CaseDetail {
  summary: {
    instanceId: string;
    processId: string;
    processName: string;
    version: number;
    status: string;
    correlationKey?: string | null;
    createdAt: string;
    completedAt?: string | null;
    trafficLight?: TrafficLight | null;
  };
  incident?: { activityId?: string; message?: string } | null;
  openTasks: OpenTask[];
  closedTasks: ClosedTask[];
  timeline: JournalEntry[];
}

export interface OpenTask {
  id: string;
  activityId: string;
  title: LocalizedText;
  assigneeAgency: string;
  assigneeAgencyName?: string | null;
  assigneeRole: string;
  claimedByName?: string | null;
  dueAt?: string | null;
  legalBasis?: string | null;
  trafficLight?: TrafficLight | null;
}

export interface ClosedTask {
  id: string;
  activityId: string;
  title: LocalizedText;
  assigneeAgency: string;
  assigneeAgencyName?: string | null;
  assigneeRole: string;
  status: string;
  outcome?: string | null;
  closedAt?: string | null;
  closedByName?: string | null;
  late: boolean;
}

export interface JournalEntry {
  sequence: number;
  at: string;
  kind: string;
  activityId?: string | null;
  activityType?: string | null;
  actor?: { userId?: string; agency?: string; role?: string } | null;
  message?: string | null;
}
