/** Pure conversions between what the form widgets hold and what the server's forms and start inputs accept. */
import type { FieldType, FormField, InputDeclaration } from './api';

/** Start inputs that hold prose get a text area. */
const proseInputs = new Set([
  'background', 'mainContent', 'disputedPoints', 'urgencyReason', 'facts', 'thresholdFacts', 'evidenceSummary', 'itemList',
  'requestedItems', 'matter', 'legalBasis', 'description', 'reasons',
]);

/** A process's start input as a form field (so start forms and task forms render alike). */
export function inputAsField(input: InputDeclaration): FormField {
  let type: FieldType;
  switch (input.type) {
    case 'agency':
      type = 'agency';
      break;
    case 'agencies':
      type = 'agencies';
      break;
    case 'boolean':
      type = 'boolean';
      break;
    case 'number':
    case 'integer':
      type = 'number';
      break;
    case 'date':
      type = 'date';
      break;
    case 'dateTime':
      type = 'dateTime';
      break;
    case 'stringList':
    case 'array':
    case 'object':
      type = 'longText';
      break;
    default:
      type = input.choices && input.choices.length > 0 ? 'choice' : proseInputs.has(input.name) ? 'longText' : 'text';
  }
  return {
    key: input.name, label: input.label ?? input.name, type, required: !!input.required, choices: input.choices ?? null,
    agencyTypes: input.agencyTypes ?? null, actingAgency: !!input.actingAgency, maxLength: input.maxLength ?? null, maxItems: input.maxItems ?? null,
  };
}

/** "2026-03-09T09:30" from a datetime-local input, as an instant in Beijing time (the districts' time zone). */
export function localDateTimeToIso(value: string): string {
  if (!value) return '';
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return `${withSeconds}+08:00`;
}

/** An ISO instant as the value of a datetime-local input, in Beijing time. */
export function isoToLocalDateTime(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const beijing = new Date(date.getTime() + 8 * 3600 * 1000);
  return beijing.toISOString().slice(0, 16);
}

/** Is the value empty as far as "required" goes? */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** Fields that must be filled for this outcome (required, or required for it). */
export function missingFields(fields: FormField[], values: Record<string, unknown>, outcome?: string): string[] {
  return fields
    .filter((f) => f.required || (outcome !== undefined && (f.requiredForOutcomes ?? []).includes(outcome)))
    .filter((f) => f.type !== 'boolean' && isBlank(values[f.key]))
    .map((f) => f.key);
}

/**
 * The data to send: empty values left out, numbers as numbers, single files as one id, lists of lines for stringList
 * inputs, JSON for object and array inputs.
 */
export function toPayload(fields: FormField[], values: Record<string, unknown>, inputs?: InputDeclaration[]): Record<string, unknown> {
  const declared = new Map((inputs ?? []).map((i) => [i.name, i.type]));
  const payload: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.key];
    if (field.type === 'boolean') {
      if (value !== undefined) payload[field.key] = !!value;
      continue;
    }
    if (isBlank(value)) continue;
    const inputType = declared.get(field.key);
    if (field.type === 'number') payload[field.key] = Number(value);
    else if (inputType === 'stringList') payload[field.key] = String(value).split('\n').map((s) => s.trim()).filter(Boolean);
    else if (inputType === 'object' || inputType === 'array') {
      try {
        payload[field.key] = typeof value === 'string' ? JSON.parse(value) : value;
      } catch {
        payload[field.key] = value; // the server names the field as not valid JSON
      }
    } else if (field.type === 'file' && !field.multiple && Array.isArray(value)) payload[field.key] = value[0];
    else payload[field.key] = value;
  }
  return payload;
}

/** Initial values from the declared defaults. */
export function defaults(inputs: InputDeclaration[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const input of inputs) if (input.default !== undefined && input.default !== null) values[input.name] = input.default;
  return values;
}

/** The directory's agencies a field may name: those of its agency types (none listed: every agency but the system's own). */
export function agenciesFor<T extends { type: string }>(field: Pick<FormField, 'agencyTypes'>, agencies: T[]): T[] {
  const types = field.agencyTypes ?? [];
  return agencies.filter((a) => (types.length === 0 ? a.type !== 'system' : types.includes(a.type)));
}
