import { api } from '../api/client';
import type { Agency } from '../api/types';
import type { ActivityDescriptor, DefinitionRecord, DefinitionSummary, ValidationError, WorkflowDefinition } from './model/types';

/** The designer's calls to the server. */
export const designerApi = {
  descriptors: (signal?: AbortSignal) => api.get<ActivityDescriptor[]>('/api/activity-descriptors', { signal }),
  agencies: (signal?: AbortSignal) => api.get<Agency[]>('/api/agencies', { signal }),
  list: (signal?: AbortSignal) => api.get<DefinitionSummary[]>('/api/definitions', { signal }),
  versions: (id: string, signal?: AbortSignal) => api.get<DefinitionSummary[]>(`/api/definitions/${encodeURIComponent(id)}/versions`, { signal }),
  get: (id: string, version: number, signal?: AbortSignal) =>
    api.get<DefinitionRecord>(`/api/definitions/${encodeURIComponent(id)}/versions/${version}`, { signal }),
  validate: (definition: WorkflowDefinition, signal?: AbortSignal) =>
    api.post<{ errors: ValidationError[] }>('/api/definitions/validate', definition, { signal }),
  saveDraft: (definition: WorkflowDefinition) =>
    api.put<{ definition: DefinitionSummary; errors: ValidationError[] }>(`/api/definitions/${encodeURIComponent(definition.id)}/draft`, definition),
  publish: (id: string, version: number) => api.post<DefinitionSummary>(`/api/definitions/${encodeURIComponent(id)}/versions/${version}/publish`),
  retract: (id: string, version: number) => api.post<DefinitionSummary>(`/api/definitions/${encodeURIComponent(id)}/versions/${version}/retract`),
};

/** The newest version of a definition (drafts included). */
export async function latestVersion(id: string, signal?: AbortSignal): Promise<DefinitionRecord> {
  const versions = await designerApi.versions(id, signal);
  const newest = versions.reduce((a, b) => (b.version > a.version ? b : a));
  return designerApi.get(id, newest.version, signal);
}
