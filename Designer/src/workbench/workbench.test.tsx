import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { TestAuthProvider } from '../auth/AuthContext';
import type { FormField, HumanTask, CaseDetail } from './api';
import { agenciesFor, inputAsField, isoToLocalDateTime, localDateTimeToIso, missingFields, toPayload } from './formValues';
import { lightOf } from './format';
import { referralStage } from './pages/ProcuratoratePage';
import { BarChart, DonutChart } from './components/Charts';
import { TasksPage } from './pages/TasksPage';
import { StartChooser } from './pages/StartPage';
import { EvidenceCard } from './components/EvidenceCard';

const fields: FormField[] = [
  { key: 'opinion', label: '意见', type: 'longText', requiredForOutcomes: ['disagree'] },
  { key: 'seq', label: '序号', type: 'number' },
  { key: 'materials', label: '材料', type: 'file', multiple: false },
  { key: 'urgent', label: '紧急', type: 'boolean' },
  { key: 'name', label: '名称', type: 'text', required: true },
];

describe('form values', () => {
  it('asks for required fields and for those the chosen outcome requires', () => {
    expect(missingFields(fields, {}, 'agree')).toEqual(['name']);
    expect(missingFields(fields, { name: ' ' }, 'disagree')).toEqual(['opinion', 'name']);
    expect(missingFields(fields, { name: 'x', opinion: '不同意' }, 'disagree')).toEqual([]);
  });

  it('sends numbers as numbers, one file as its id, and leaves empty values out', () => {
    expect(toPayload(fields, { opinion: '', seq: '3', materials: ['a1'], urgent: false, name: '甲' })).toEqual({ seq: 3, materials: 'a1', urgent: false, name: '甲' });
  });

  it('reads start inputs: lists of lines, JSON objects, agencies', () => {
    const inputs = [
      { name: 'attachments', type: 'stringList' },
      { name: 'replyPeriod', type: 'object' },
      { name: 'agency', type: 'agency', required: true, label: { zh: '移送机关', en: 'Referring agency' } },
    ];
    const asFields = inputs.map(inputAsField);
    expect(asFields.map((f) => f.type)).toEqual(['longText', 'longText', 'agency']);
    expect(toPayload(asFields, { attachments: 'a\n\n b ', replyPeriod: '{"amount":5,"unit":"workingDays"}', agency: 'scjg' }, inputs)).toEqual({
      attachments: ['a', 'b'], replyPeriod: { amount: 5, unit: 'workingDays' }, agency: 'scjg',
    });
  });

  it('keeps meeting times in Beijing time whatever the browser zone', () => {
    expect(localDateTimeToIso('2026-03-09T09:30')).toBe('2026-03-09T09:30:00+08:00');
    expect(isoToLocalDateTime('2026-03-09T01:30:00Z')).toBe('2026-03-09T09:30');
  });
});

describe('traffic lights', () => {
  it('are red from the due time, yellow in the last quarter, green before', () => {
    const start = '2026-03-01T00:00:00Z';
    const due = '2026-03-05T00:00:00Z';
    expect(lightOf(start, due, new Date('2026-03-02T00:00:00Z'))).toBe('green');
    expect(lightOf(start, due, new Date('2026-03-04T01:00:00Z'))).toBe('yellow');
    expect(lightOf(start, due, new Date('2026-03-05T00:00:00Z'))).toBe('red');
    expect(lightOf(start, null)).toBeNull();
  });
});

describe('referral stage', () => {
  const closed = (activityId: string, outcome: string) => ({ id: activityId, activityId, title: '', assigneeAgency: '', assigneeRole: '', status: 'completed' as const, outcome, createdAt: '', late: false });
  const detail = (...tasks: ReturnType<typeof closed>[]) => ({ closedTasks: tasks }) as unknown as CaseDetail;
  it('follows the transfer, the receipt, the decision and supervision', () => {
    expect(referralStage(detail())).toBe('beforeTransfer');
    expect(referralStage(detail(closed('transfer', 'transferred')))).toBe('transferred');
    expect(referralStage(detail(closed('transfer', 'transferred'), closed('receipt', 'accept')))).toBe('underReview');
    expect(referralStage(detail(closed('transfer', 'transferred'), closed('policeReview', 'notFile')))).toBe('notFiled');
    expect(referralStage(detail(closed('policeReview', 'notFile'), closed('notFiledResponse', 'suggestSupervision')))).toBe('underSupervision');
    expect(referralStage(detail(closed('policeReview', 'notFile'), closed('reconsiderationDecision', 'file')))).toBe('filed');
  });
});

describe('charts', () => {
  it('draw one bar per row with its total, and a ring of the shares', () => {
    render(
      <>
        <BarChart testId="bars" title="按流程" rows={[
          { key: 'consultation', label: '会商', segments: [{ key: 'a', value: 2, color: '#000', label: '办理中' }, { key: 'b', value: 3, color: '#111', label: '已办结' }] },
          { key: 'criminal-referral', label: '涉嫌犯罪案件移送', segments: [{ key: 'a', value: 1, color: '#000', label: '办理中' }] },
        ]} />
        <DonutChart testId="ring" title="会商结果" segments={[{ key: 'consensus', value: 3, color: '#0a0', label: '形成共识' }, { key: 'defer', value: 1, color: '#a00', label: '暂缓' }]} />
      </>,
    );
    const bars = screen.getByTestId('bars');
    expect(bars.querySelector('[data-row="consultation"]')?.getAttribute('data-total')).toBe('5');
    expect(bars.querySelectorAll('[data-row="consultation"] rect')).toHaveLength(2);
    expect(bars.querySelector('[data-row="criminal-referral"]')?.getAttribute('data-total')).toBe('1');
    const ring = screen.getByTestId('ring');
    expect(ring.querySelectorAll('circle[data-segment]')).toHaveLength(2);
    expect(within(ring as unknown as HTMLElement).getByText('4')).toBeTruthy();
  });
});

describe('tasks page', () => {
  it('lists my roles\' open tasks, overdue first, with their lights', async () => {
    const now = Date.now();
    const task = (id: string, role: string, dueInHours: number | null): HumanTask => ({
      id, instanceId: 'case-' + id, activityId: 'reply', title: { zh: '任务' + id }, assigneeAgency: 'scjg', assigneeRole: role, outcomes: [],
      createdAt: new Date(now - 48 * 3600e3).toISOString(), dueAt: dueInHours === null ? null : new Date(now + dueInHours * 3600e3).toISOString(), status: 'open',
    });
    const fetchMock = vi.fn(async (url: string) => {
      expect(url).toContain('/api/tasks?status=open&agency=scjg');
      return new Response(JSON.stringify([task('1', 'staff', 100), task('2', 'staff', -5), task('3', 'leader', 1), task('4', 'staff', null)]), { headers: { 'Content-Type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetchMock);
    render(
      <TestAuthProvider profile={{ id: 'u', userName: 'scjg-staff', displayName: '经办人', agency: 'scjg', roles: ['staff'], mustChangePassword: false, apiClient: false }}>
        <MemoryRouter>
          <TasksPage />
        </MemoryRouter>
      </TestAuthProvider>,
    );
    const rows = await screen.findAllByTestId('task-row');
    expect(rows.map((r) => r.textContent?.match(/任务\d/)?.[0])).toEqual(['任务2', '任务1', '任务4']);
    expect(rows.map((r) => r.getAttribute('data-light'))).toEqual(['red', 'green', 'none']);
    vi.unstubAllGlobals();
  });
});

describe('who may start what, and which agencies a field takes', () => {
  const agencies = [
    { code: 'gaj', name: { zh: '公安分局' }, type: 'publicSecurity' },
    { code: 'scjg', name: { zh: '市场监管局' }, type: 'enforcementUnit' },
    { code: 'sfj', name: { zh: '司法局' }, type: 'coordinationOffice' },
    { code: 'system', name: { zh: '系统' }, type: 'system' },
  ];

  it('offers a field only the agencies of its types, and never the system operators', () => {
    expect(agenciesFor({ agencyTypes: ['publicSecurity'] }, agencies).map((a) => a.code)).toEqual(['gaj']);
    expect(agenciesFor({ agencyTypes: null }, agencies).map((a) => a.code)).toEqual(['gaj', 'scjg', 'sfj']);
    const field = inputAsField({ name: 'agency', type: 'agency', actingAgency: true, agencyTypes: ['enforcementUnit'] });
    expect(field.actingAgency).toBe(true);
    expect(field.agencyTypes).toEqual(['enforcementUnit']);
  });

  it('shows on the start page only the processes the server says the person may start', async () => {
    const definitions = [
      { definitionId: 'consultation', version: 1, status: 'published', name: '会商', mayStart: true },
      { definitionId: 'criminal-referral', version: 2, status: 'published', name: '移送', mayStart: false },
      { definitionId: 'assistance-request', version: 1, status: 'draft', name: '协查', mayStart: true },
    ];
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(definitions), { headers: { 'Content-Type': 'application/json' } })));
    render(
      <TestAuthProvider profile={{ id: 'u', userName: 'gaj-staff', displayName: '民警', agency: 'gaj', roles: ['staff'], mustChangePassword: false, apiClient: false }}>
        <MemoryRouter>
          <StartChooser />
        </MemoryRouter>
      </TestAuthProvider>,
    );
    const chooser = await screen.findByTestId('start-chooser');
    await vi.waitFor(() => expect(chooser.querySelectorAll('[data-process]').length).toBe(1));
    expect([...chooser.querySelectorAll('[data-process]')].map((e) => e.getAttribute('data-process'))).toEqual(['consultation']);
    vi.unstubAllGlobals();
  });
});

describe('the evidence card', () => {
  it('verifies the case on demand, says where the record is broken, and links the evidence package', async () => {
    const answers = [
      { instanceId: 'c1', ok: true, entries: 12, sealedBy: 3, sealedLength: 12, tasks: 2, attachments: 1, message: 'ok' },
      { instanceId: 'c1', ok: false, entries: 4, tasks: 0, attachments: 0, message: 'x',
        finding: { fault: 'changed', table: 'journal', sequence: 5, message: '案件 c1 的记录第 5 条（TaskCompleted）被改动', messageEn: 'Entry 5 was changed' } },
    ];
    const fetchMock = vi.fn(async (url: string) => {
      expect(url).toContain('/api/cases/c1/verify');
      return new Response(JSON.stringify(answers.shift()), { headers: { 'Content-Type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<EvidenceCard caseId="c1" />);
    expect(screen.getByTestId('evidence-package').getAttribute('href')).toContain('/api/cases/c1/evidence');
    expect(fetchMock).not.toHaveBeenCalled();

    screen.getByTestId('verify-case').click();
    const intact = await screen.findByTestId('verify-result');
    expect(intact.getAttribute('data-ok')).toBe('true');
    expect(intact.textContent).toContain('12');
    expect(intact.textContent).toContain('3');

    screen.getByTestId('verify-case').click();
    await vi.waitFor(() => expect(screen.getByTestId('verify-result').getAttribute('data-ok')).toBe('false'));
    expect(screen.getByTestId('verify-result').textContent).toContain('第 5 条');
    vi.unstubAllGlobals();
  });
});
