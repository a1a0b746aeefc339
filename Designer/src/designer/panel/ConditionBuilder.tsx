import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatValue, operators, parseCondition, parseValue, toJsonLogic, unary,
  type ConditionNode, type GroupCondition, type Operator, type RuleCondition,
} from '../model/condition';
import { JsonEditor } from './JsonEditor';
import { TextBox } from './TextBox';

const splitList = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(parseValue);

/**
 * Builds a JSON Logic condition from "field operator value" rules in and/or groups, with a raw JSON tab for anything
 * the builder cannot show. `value` and `onChange` carry the bare rule (undefined: no condition).
 */
export function ConditionBuilder({ value, onChange, fields = [], disabled, name = 'condition' }: {
  value: unknown;
  onChange: (rule: unknown) => void;
  /** Suggested fields, e.g. "input.urgent", "activities.review.outcome". */
  fields?: string[];
  disabled?: boolean;
  name?: string;
}) {
  const { t } = useTranslation('designer');
  // The tree is kept here, not re-read from the value each time: an empty group or a rule still being filled in writes
  // nothing to the rule, yet must stay on screen. A value from outside (undo, the raw tab) replaces the tree.
  const [tree, setTree] = useState<GroupCondition | null>(() => parseCondition(value));
  const written = useRef<string>(JSON.stringify(value ?? null));
  useEffect(() => {
    const text = JSON.stringify(value ?? null);
    if (text !== written.current) {
      written.current = text;
      setTree(parseCondition(value));
    }
  }, [value]);
  const parsed = tree;
  const change = (next: GroupCondition) => {
    setTree(next);
    const rule = toJsonLogic(next);
    written.current = JSON.stringify(rule ?? null);
    onChange(rule);
  };
  const [tab, setTab] = useState<'builder' | 'raw'>(parsed ? 'builder' : 'raw');
  const listId = `fields-${name}`;
  const effectiveTab = parsed ? tab : 'raw';

  return (
    <div className="condition-builder" data-testid={`condition-${name}`}>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={effectiveTab === 'builder'} disabled={!parsed} onClick={() => setTab('builder')}>
          {t('condition.builder')}
        </button>
        <button type="button" role="tab" aria-selected={effectiveTab === 'raw'} onClick={() => setTab('raw')}>
          {t('condition.raw')}
        </button>
      </div>
      {!parsed && <div className="muted small">{t('condition.notRepresentable')}</div>}
      {effectiveTab === 'builder' && parsed ? (
        <>
          <datalist id={listId}>
            {fields.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
          <GroupEditor group={parsed} onChange={change} listId={listId} disabled={disabled} root />
        </>
      ) : (
        <JsonEditor value={value} onChange={onChange} label={t('condition.raw')} testId={`condition-raw-${name}`} disabled={disabled} />
      )}
    </div>
  );
}

function GroupEditor({ group, onChange, listId, disabled, root, onRemove }: {
  group: GroupCondition;
  onChange: (group: GroupCondition) => void;
  listId: string;
  disabled?: boolean;
  root?: boolean;
  onRemove?: () => void;
}) {
  const { t } = useTranslation('designer');
  const replace = (index: number, child: ConditionNode | undefined) => {
    const children = [...group.children];
    if (child) children[index] = child;
    else children.splice(index, 1);
    onChange({ ...group, children });
  };
  return (
    <div className={root ? 'condition-group root' : 'condition-group'} data-testid="condition-group">
      <div className="row">
        <select aria-label={t('condition.combine')} value={group.op} disabled={disabled} onChange={(e) => onChange({ ...group, op: e.target.value as 'and' | 'or' })}>
          <option value="and">{t('condition.and')}</option>
          <option value="or">{t('condition.or')}</option>
        </select>
        <button type="button" className="btn btn-small" disabled={disabled}
          onClick={() => onChange({ ...group, children: [...group.children, { kind: 'rule', field: '', operator: '==', value: '' }] })}>
          {t('condition.addRule')}
        </button>
        <button type="button" className="btn btn-small" disabled={disabled}
          onClick={() => onChange({ ...group, children: [...group.children, { kind: 'group', op: group.op === 'and' ? 'or' : 'and', children: [] }] })}>
          {t('condition.addGroup')}
        </button>
        {onRemove && (
          <button type="button" className="btn btn-small btn-danger" disabled={disabled} onClick={onRemove} aria-label={t('condition.removeGroup')}>
            ✕
          </button>
        )}
      </div>
      {group.children.length === 0 && <div className="muted small">{t('condition.empty')}</div>}
      {group.children.map((child, index) =>
        child.kind === 'group' ? (
          <GroupEditor key={index} group={child} listId={listId} disabled={disabled} onChange={(g) => replace(index, g)} onRemove={() => replace(index, undefined)} />
        ) : (
          <RuleEditor key={index} rule={child} listId={listId} disabled={disabled} onChange={(r) => replace(index, r)} onRemove={() => replace(index, undefined)} />
        ),
      )}
    </div>
  );
}

function RuleEditor({ rule, onChange, onRemove, listId, disabled }: {
  rule: RuleCondition;
  onChange: (rule: RuleCondition) => void;
  onRemove: () => void;
  listId: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation('designer');
  const valueText = rule.operator === 'oneOf'
    ? (Array.isArray(rule.value) ? rule.value : []).map(formatValue).join(', ')
    : formatValue(rule.value);
  return (
    <div className="condition-rule" data-testid="condition-rule">
      <input aria-label={t('condition.field')} list={listId} value={rule.field} disabled={disabled} placeholder="input.urgent"
        onChange={(e) => onChange({ ...rule, field: e.target.value })} />
      <select aria-label={t('condition.operator')} value={rule.operator} disabled={disabled}
        onChange={(e) => {
          const operator = e.target.value as Operator;
          const value = unary.includes(operator) ? undefined : operator === 'oneOf' ? (rule.value === undefined || rule.value === '' ? [] : [rule.value].flat()) : Array.isArray(rule.value) ? rule.value[0] ?? '' : rule.value ?? '';
          onChange({ ...rule, operator, value });
        }}>
        {operators.map((op) => (
          <option key={op} value={op}>
            {t(`condition.op.${op}`)}
          </option>
        ))}
      </select>
      {!unary.includes(rule.operator) && (
        <TextBox aria-label={t('condition.value')} text={valueText} disabled={disabled}
          placeholder={rule.operator === 'oneOf' ? 'a, b, c' : ''}
          normalize={(text) => (rule.operator === 'oneOf' ? splitList(text).map(formatValue).join(', ') : formatValue(parseValue(text)))}
          onText={(text) => onChange({ ...rule, value: rule.operator === 'oneOf' ? splitList(text) : parseValue(text) })} />
      )}
      <button type="button" className="btn btn-small btn-danger" disabled={disabled} onClick={onRemove} aria-label={t('condition.removeRule')}>
        ✕
      </button>
    </div>
  );
}
