import { describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { CatalogProvider, makeCatalog } from '../catalog';
import { PropertyPanel } from '../panel/PropertyPanel';
import type { ActivityFlowNode, DefinitionMeta } from '../model/graph';
import type { ActivityDescriptor, ActivityNode, ValidationError } from '../model/types';
import descriptors from './descriptors.fixture.json';

const catalog = makeCatalog(descriptors as ActivityDescriptor[], [
  { code: 'sfj', name: { zh: '区司法局', en: 'Justice Bureau' }, type: 'coordinationOffice' },
  { code: 'scjg', name: { zh: '区市场监管局' }, type: 'enforcementUnit' },
]);

function Harness({ activity, onChange, errors = [], disabled }: { activity: ActivityNode; onChange: (a: ActivityNode) => void; errors?: ValidationError[]; disabled?: boolean }) {
  const [current, setCurrent] = useState(activity);
  const node: ActivityFlowNode = { id: current.id, type: 'activity', position: { x: 0, y: 0 }, selected: true, data: { activity: current } };
  const meta: DefinitionMeta = { id: 'w', name: 'w', inputs: [{ name: 'urgent', type: 'boolean' }], variables: [{ name: 'count', type: 'integer' }] };
  return (
    <CatalogProvider value={catalog}>
      <PropertyPanel meta={meta} nodes={[node]} selectedNode={node} errors={errors} idEditable={false} disabled={disabled}
        onMetaChange={() => undefined} onRename={() => true} onDeleteEdge={() => undefined}
        onActivityChange={(_id, a) => { setCurrent(a); onChange(a); }} />
    </CatalogProvider>
  );
}

const inputOf = (name: string) => document.querySelector(`[data-input="${name}"]`) as HTMLElement;

describe('PropertyPanel from descriptors', () => {
  it('shows one editor per input of the HumanTask descriptor, marked required as the server says', () => {
    render(<Harness activity={{ id: 'review', type: 'HumanTask' }} onChange={() => undefined} />);
    const human = (descriptors as ActivityDescriptor[]).find((d) => d.type === 'HumanTask')!;
    for (const input of human.inputs) expect(inputOf(input.name), input.name).toBeTruthy();
    expect(within(inputOf('title')).getByTitle('必填')).toBeTruthy();
    expect(within(inputOf('description')).queryByTitle('必填')).toBeNull();
  });

  it('picks agencies from the directory and roles from the fixed list', () => {
    const onChange = vi.fn();
    render(<Harness activity={{ id: 'review', type: 'HumanTask' }} onChange={onChange} />);
    const agency = within(inputOf('assigneeAgency')).getByRole('combobox') as HTMLSelectElement;
    expect([...agency.options].map((o) => o.value)).toEqual(['', 'sfj', 'scjg']);
    fireEvent.change(agency, { target: { value: 'sfj' } });
    fireEvent.change(within(inputOf('assigneeRole')).getByRole('combobox'), { target: { value: 'coordinator' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ inputs: { assigneeAgency: 'sfj', assigneeRole: 'coordinator' } }));
  });

  it('edits a duration with its unit and legal basis', () => {
    const onChange = vi.fn();
    render(<Harness activity={{ id: 'review', type: 'HumanTask', inputs: { due: { amount: 3, unit: 'workingDays' } } }} onChange={onChange} />);
    const due = inputOf('due');
    expect(within(due).getByText('请填写期限的法律依据，它会随每个期限一起记录。')).toBeTruthy();
    fireEvent.change(within(due).getByLabelText('单位'), { target: { value: 'calendarDays' } });
    fireEvent.change(within(due).getByLabelText('法律依据'), { target: { value: '国务院令第310号 第五条' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({
      inputs: { due: { amount: 3, unit: 'calendarDays', legalBasis: '国务院令第310号 第五条' } },
    }));
  });

  it('edits the form fields, with "required for" offered from the task outcomes', () => {
    const onChange = vi.fn();
    render(<Harness activity={{ id: 'review', type: 'HumanTask', inputs: { outcomes: [{ name: 'accept', label: '受理' }, { name: 'reject', label: '不予受理' }] } }} onChange={onChange} />);
    fireEvent.click(within(inputOf('form')).getByRole('button', { name: '添加表单字段' }));
    const field = screen.getByTestId('form-field');
    fireEvent.change(within(field).getByLabelText('字段标识'), { target: { value: 'reason' } });
    fireEvent.change(within(field).getByLabelText('字段名称'), { target: { value: '理由' } });
    fireEvent.change(within(field).getByLabelText('字段类型'), { target: { value: 'longText' } });
    fireEvent.click(within(field).getByLabelText('reject'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({
      inputs: expect.objectContaining({ form: { fields: [{ key: 'reason', label: '理由', type: 'longText', requiredForOutcomes: ['reject'] }] } }),
    }));
  });

  it('writes a Decision condition from the builder as an expression', () => {
    const onChange = vi.fn();
    render(<Harness activity={{ id: 'd', type: 'Decision' }} onChange={onChange} />);
    fireEvent.click(within(inputOf('condition')).getByRole('button', { name: '+ 条件' }));
    fireEvent.change(within(inputOf('condition')).getByLabelText('字段'), { target: { value: 'input.urgent' } });
    fireEvent.change(within(inputOf('condition')).getByLabelText('运算'), { target: { value: 'isTrue' } });
    expect(onChange).toHaveBeenLastCalledWith({ id: 'd', type: 'Decision', inputs: { condition: { $expr: { var: 'input.urgent' } } } });
  });

  it('switches a literal input to an expression and back', () => {
    const onChange = vi.fn();
    render(<Harness activity={{ id: 'review', type: 'HumanTask', inputs: { assigneeAgency: 'sfj' } }} onChange={onChange} />);
    fireEvent.click(within(inputOf('assigneeAgency')).getByRole('button', { name: 'fx' }));
    const raw = within(inputOf('assigneeAgency')).getByRole('textbox') as HTMLTextAreaElement;
    fireEvent.change(raw, { target: { value: '{"var": "input.requestingAgency"}' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ inputs: { assigneeAgency: { $expr: { var: 'input.requestingAgency' } } } }));
  });

  it('picks a variable of the workflow for SetVariable, and lists this activity’s validation errors', () => {
    render(<Harness activity={{ id: 'set', type: 'SetVariable' }} onChange={() => undefined}
      errors={[{ path: 'flowchart.activities[0].inputs.variable', code: 'required', message: "SetVariable 'set' needs input 'variable'.", activityId: 'set' }]} />);
    const variable = within(inputOf('variable')).getByRole('combobox') as HTMLSelectElement;
    expect([...variable.options].map((o) => o.value)).toEqual(['', 'count']);
    expect(screen.getByTestId('activity-errors').textContent).toContain("needs input 'variable'");
  });

  it('is read-only for people who may not edit', () => {
    render(<Harness activity={{ id: 'review', type: 'HumanTask', inputs: { assigneeAgency: 'sfj' } }} onChange={() => undefined} disabled />);
    expect(within(inputOf('assigneeAgency')).getByRole('combobox').matches(':disabled')).toBe(true);
    expect(screen.getByDisplayValue('review').matches(':disabled')).toBe(true);
    expect(within(inputOf('assigneeAgency')).getByRole('button', { name: 'fx' }).matches(':disabled')).toBe(true);
  });
});
