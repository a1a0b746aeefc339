import type { LocalizedText } from '../../api/types';

/** The workflow definition JSON (docs/workflow-format.md); unknown properties are kept as they are. */
export interface WorkflowDefinition {
  id: string;
  version?: number;
  name: string;
  description?: string;
  inputs?: Parameter[];
  variables?: Parameter[];
  flowchart: Flowchart;
  [extra: string]: unknown;
}

export interface Flowchart {
  activities: ActivityNode[];
  connections: Connection[];
}

export interface ActivityNode {
  id: string;
  type: string;
  name?: string;
  inputs?: Record<string, unknown>;
  position?: { x: number; y: number };
  body?: Flowchart;
  [extra: string]: unknown;
}

export interface Connection {
  source: string;
  outcome: string;
  target: string;
}

export type ValueType =
  | 'any' | 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'dateTime' | 'object' | 'array' | 'stringList' | 'agency' | 'agencies';

export const valueTypes: ValueType[] = ['string', 'number', 'integer', 'boolean', 'date', 'dateTime', 'agency', 'agencies', 'stringList', 'object', 'array', 'any'];

/** An input or variable of the workflow. */
export interface Parameter {
  name: string;
  type: ValueType;
  default?: unknown;
  required?: boolean;
  label?: LocalizedText;
  choices?: string[];
  minItems?: number;
}

export type InputKind =
  | 'any' | 'text' | 'longText' | 'number' | 'integer' | 'boolean' | 'condition' | 'json' | 'stringList' | 'choice'
  | 'duration' | 'formSchema' | 'agency' | 'agencies' | 'role' | 'variable' | 'definition' | 'outcomes' | 'cases';

/** GET /api/activity-descriptors. */
export interface InputDescriptor {
  name: string;
  kind: InputKind;
  label: LocalizedText;
  required: boolean;
  help?: LocalizedText;
  choices?: string[];
  default?: unknown;
  deferred: boolean;
}

export interface ActivityDescriptor {
  type: string;
  displayName: LocalizedText;
  description?: LocalizedText;
  category: string;
  inputs: InputDescriptor[];
  outcomes: string[];
  outcomesFromInput?: string;
  blocking: boolean;
  container: boolean;
  isJoin: boolean;
}

/** One problem found by the server's validator. */
export interface ValidationError {
  path: string;
  code: string;
  message: string;
  activityId?: string;
}

export type DefinitionStatus = 'draft' | 'published' | 'retracted';

export interface DefinitionSummary {
  definitionId: string;
  version: number;
  status: DefinitionStatus;
  name: string;
  updatedAt: string;
  publishedAt?: string | null;
}

export interface DefinitionRecord {
  definitionId: string;
  version: number;
  status: DefinitionStatus;
  definition: WorkflowDefinition;
  updatedAt?: string;
  publishedAt?: string | null;
}

export interface FormField {
  key: string;
  label: LocalizedText;
  type: FormFieldType;
  required?: boolean;
  requiredForOutcomes?: string[];
  multiple?: boolean;
  choices?: string[];
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  pattern?: string;
  help?: LocalizedText;
}

export type FormFieldType = 'text' | 'longText' | 'number' | 'boolean' | 'date' | 'dateTime' | 'agency' | 'agencies' | 'file' | 'choice';
export const formFieldTypes: FormFieldType[] = ['text', 'longText', 'number', 'boolean', 'date', 'dateTime', 'agency', 'agencies', 'file', 'choice'];

export interface TaskOutcome {
  name: string;
  label?: LocalizedText;
}

export type DurationUnit = 'hours' | 'calendarDays' | 'workingDays' | 'months';
export const durationUnits: DurationUnit[] = ['hours', 'calendarDays', 'workingDays', 'months'];

export interface Duration {
  rule?: string;
  amount?: number;
  unit?: DurationUnit;
  legalBasis?: string;
  region?: string;
}
