import type { TrafficLight } from '../api/types';

/** The server's yellow share (TrafficLights.DefaultYellowShare): the last quarter of a period is yellow. */
export const yellowShare = 0.25;

/** A task's light from its period, as the server computes it (red at or after the due time). */
export function lightOf(createdAt: string, dueAt: string | null | undefined, now: Date = new Date()): TrafficLight | null {
  if (!dueAt) return null;
  const start = Date.parse(createdAt);
  const due = Date.parse(dueAt);
  const at = now.getTime();
  if (at >= due) return 'red';
  const total = due - start;
  if (total <= 0) return 'yellow';
  return (due - at) / total <= yellowShare ? 'yellow' : 'green';
}

/** Date and time in Beijing time (the district's), in the UI language. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** "in 3 days" / "2 days overdue", rounded to hours under two days. */
export function remaining(dueAt: string | null | undefined, t: (key: string, options?: Record<string, unknown>) => string, now: Date = new Date()): string {
  if (!dueAt) return '';
  const ms = Date.parse(dueAt) - now.getTime();
  const hours = Math.round(Math.abs(ms) / 3600000);
  const amount = hours < 48 ? t('time.hours', { count: hours }) : t('time.days', { count: Math.round(hours / 24) });
  return ms >= 0 ? t('time.left', { amount }) : t('time.overdue', { amount });
}

/** A form value for display: lists joined, booleans as yes/no, objects as JSON. */
export function displayValue(value: unknown, yes: string, no: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? yes : no;
  if (Array.isArray(value)) return value.map((v) => displayValue(v, yes, no)).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
