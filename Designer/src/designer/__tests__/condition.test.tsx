import { describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { formatValue, parseCondition, parseValue, toJsonLogic } from '../model/condition';
import { ConditionBuilder } from '../panel/ConditionBuilder';

describe('condition model', () => {
  it.each([
    [{ '==': [{ var: 'activities.review.outcome' }, 'accept'] }],
    [{ and: [{ '>': [{ var: 'input.amount' }, 100000] }, { '!!': [{ var: 'input.urgent' }] }] }],
    [{ or: [{ in: ['公安', { var: 'input.agencies' }] }, { in: [{ var: 'input.level' }, ['重大', '较大']] }, { and: [{ '<=': [{ var: 'x' }, 3] }, { var: 'y' }] }] }],
    [{ '==': [{ var: 'input.urgent' }, false] }],
  ])('parses and writes back %j unchanged', (rule) => {
    const tree = parseCondition(rule);
    expect(tree).not.toBeNull();
    expect(toJsonLogic(tree!)).toEqual(rule);
  });

  it('turns === into == and a one-rule group into the rule', () => {
    expect(toJsonLogic(parseCondition({ '===': [{ var: 'a' }, 1] })!)).toEqual({ '==': [{ var: 'a' }, 1] });
    expect(toJsonLogic(parseCondition({ and: [{ '==': [{ var: 'a' }, 1] }] })!)).toEqual({ '==': [{ var: 'a' }, 1] });
  });

  it('says when the builder cannot show a rule (raw JSON only)', () => {
    expect(parseCondition({ all: [{ var: 'activities.opinions.results' }, { '==': [{ var: 'outputs.opinion.outcome' }, 'agree'] }] })).toBeNull();
    expect(parseCondition({ '==': [{ var: 'a' }, { var: 'b' }] })).toBeNull();
    expect(parseCondition({ '==': [{ var: 'a' }, 1], extra: 1 })).toBeNull();
  });

  it('an empty group is no condition', () => {
    expect(toJsonLogic({ kind: 'group', op: 'and', children: [] })).toBeUndefined();
    expect(parseCondition(undefined)).toEqual({ kind: 'group', op: 'and', children: [] });
  });

  it('reads typed values: numbers, true/false/null, and quoted text that looks like a number', () => {
    expect(parseValue('12.5')).toBe(12.5);
    expect(parseValue('true')).toBe(true);
    expect(parseValue('null')).toBeNull();
    expect(parseValue('"3"')).toBe('3');
    expect(parseValue('受理')).toBe('受理');
    expect(formatValue('3')).toBe('"3"');
    expect(formatValue(3)).toBe('3');
  });
});

/** The builder as the property panel uses it: the value lives in the parent. */
function Harness({ initial, onRule }: { initial: unknown; onRule: (rule: unknown) => void }) {
  const [rule, setRule] = useState<unknown>(initial);
  return <ConditionBuilder value={rule} fields={['input.urgent', 'activities.review.outcome']} onChange={(r) => { setRule(r); onRule(r); }} />;
}

describe('ConditionBuilder', () => {
  it('builds "field operator value" rules in an and/or group', () => {
    const onRule = vi.fn();
    render(<Harness initial={undefined} onRule={onRule} />);
    fireEvent.click(screen.getByRole('button', { name: '+ 条件' }));
    const rule = screen.getAllByTestId('condition-rule')[0];
    fireEvent.change(within(rule).getByLabelText('字段'), { target: { value: 'activities.review.outcome' } });
    fireEvent.change(within(rule).getByLabelText('值'), { target: { value: 'accept' } });
    expect(onRule).toHaveBeenLastCalledWith({ '==': [{ var: 'activities.review.outcome' }, 'accept'] });

    fireEvent.click(screen.getByRole('button', { name: '+ 条件' }));
    const second = screen.getAllByTestId('condition-rule')[1];
    fireEvent.change(within(second).getByLabelText('字段'), { target: { value: 'input.amount' } });
    fireEvent.change(within(second).getByLabelText('运算'), { target: { value: '>' } });
    fireEvent.change(within(second).getByLabelText('值'), { target: { value: '100000' } });
    fireEvent.change(screen.getAllByLabelText('组合方式')[0], { target: { value: 'or' } });
    expect(onRule).toHaveBeenLastCalledWith({ or: [{ '==': [{ var: 'activities.review.outcome' }, 'accept'] }, { '>': [{ var: 'input.amount' }, 100000] }] });
  });

  it('nests groups and takes lists for "is one of" as typed', () => {
    const onRule = vi.fn();
    render(<Harness initial={{ '==': [{ var: 'input.urgent' }, true] }} onRule={onRule} />);
    fireEvent.click(screen.getByRole('button', { name: '+ 条件组' }));
    const groups = screen.getAllByTestId('condition-group');
    fireEvent.click(within(groups[1]).getByRole('button', { name: '+ 条件' }));
    const inner = within(groups[1]).getByTestId('condition-rule');
    fireEvent.change(within(inner).getByLabelText('字段'), { target: { value: 'input.level' } });
    fireEvent.change(within(inner).getByLabelText('运算'), { target: { value: 'oneOf' } });
    const value = within(inner).getByLabelText('值') as HTMLInputElement;
    fireEvent.change(value, { target: { value: '重大, ' } });
    expect(value.value).toBe('重大, ');
    fireEvent.change(value, { target: { value: '重大, 较大' } });
    expect(onRule).toHaveBeenLastCalledWith({ and: [{ '==': [{ var: 'input.urgent' }, true] }, { in: [{ var: 'input.level' }, ['重大', '较大']] }] });
  });

  it('opens on the raw tab for a rule the builder cannot show, and edits it as JSON', () => {
    const onRule = vi.fn();
    const rule = { all: [{ var: 'activities.opinions.results' }, { '==': [{ var: 'outputs.opinion.outcome' }, 'agree'] }] };
    render(<Harness initial={rule} onRule={onRule} />);
    expect(screen.getByText('该条件无法用构建器表示，请在 JSON 原文中编辑。')).toBeTruthy();
    const raw = screen.getByTestId('condition-raw-condition') as HTMLTextAreaElement;
    expect(JSON.parse(raw.value)).toEqual(rule);
    fireEvent.change(raw, { target: { value: '{"==": [{"var": "input.urgent"}, ' } });
    expect(onRule).not.toHaveBeenCalled();
    expect(screen.getByText(/JSON 格式有误/)).toBeTruthy();
    fireEvent.change(raw, { target: { value: '{"==": [{"var": "input.urgent"}, true]}' } });
    expect(onRule).toHaveBeenLastCalledWith({ '==': [{ var: 'input.urgent' }, true] });
    // Now representable: the builder tab shows it.
    fireEvent.click(screen.getByRole('tab', { name: '条件构建器' }));
    expect((screen.getByLabelText('字段') as HTMLInputElement).value).toBe('input.urgent');
  });
});
