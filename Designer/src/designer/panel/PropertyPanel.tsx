import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../catalog';
import { localize } from '../../components/localized';
import { outcomesOf } from '../model/outcomes';
import type { ActivityFlowNode, ConnectionFlowEdge, DefinitionMeta } from '../model/graph';
import type { ActivityNode, Flowchart, ValidationError } from '../model/types';
import { InputEditor } from './InputEditor';
import { JsonEditor } from './JsonEditor';
import { ParametersEditor } from './ParametersEditor';
import { fieldSuggestions } from './suggestions';

const activityIdPattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export interface PropertyPanelProps {
  meta: DefinitionMeta;
  nodes: ActivityFlowNode[];
  selectedNode?: ActivityFlowNode;
  selectedEdge?: ConnectionFlowEdge;
  errors: ValidationError[];
  /** The definition's id may change only before it is first saved. */
  idEditable: boolean;
  disabled?: boolean;
  onMetaChange: (meta: DefinitionMeta) => void;
  onActivityChange: (id: string, activity: ActivityNode) => void;
  onRename: (from: string, to: string) => boolean;
  onDeleteEdge: (id: string) => void;
}

/** The selected activity's properties (generated from its descriptor), or the workflow's when nothing is selected. */
export function PropertyPanel(props: PropertyPanelProps) {
  const { selectedNode, selectedEdge } = props;
  if (selectedNode) return <ActivityProperties {...props} node={selectedNode} />;
  if (selectedEdge) return <EdgeProperties edge={selectedEdge} onDelete={props.onDeleteEdge} disabled={props.disabled} />;
  return <WorkflowProperties {...props} />;
}

function ActivityProperties({ node, meta, nodes, errors, disabled, onActivityChange, onRename }: PropertyPanelProps & { node: ActivityFlowNode }) {
  const { t, i18n } = useTranslation('designer');
  const catalog = useCatalog();
  const activity = node.data.activity;
  const descriptor = catalog.byType.get(activity.type);
  const [id, setId] = useState(node.id);
  useEffect(() => setId(node.id), [node.id]);
  const idValid = activityIdPattern.test(id);
  const mine = errors.filter((e) => e.activityId === node.id);
  const setInput = (name: string, value: unknown) => {
    const inputs = { ...(activity.inputs ?? {}) };
    if (value === undefined) delete inputs[name];
    else inputs[name] = value;
    onActivityChange(node.id, { ...activity, inputs });
  };
  const context = {
    variables: meta.variables ?? [],
    outcomes: outcomesOf(activity, descriptor),
    fields: fieldSuggestions(meta, nodes),
    disabled,
  };
  return (
    <div className="property-panel" data-testid="activity-properties" data-activity={node.id}>
      <h2>{descriptor ? localize(descriptor.displayName, i18n.language) : activity.type}</h2>
      {descriptor?.description && <p className="muted small">{localize(descriptor.description, i18n.language)}</p>}
      {!descriptor && <div className="alert alert-error">{t('unknownType', { type: activity.type })}</div>}
      {mine.length > 0 && (
        <div className="alert alert-error" data-testid="activity-errors">
          <ul>{mine.map((e, i) => <li key={i}>{e.message}</li>)}</ul>
        </div>
      )}
      <fieldset disabled={disabled} className="plain">
        <label className="field">
          <span>{t('activity.id')}</span>
          <input className="mono" name="activityId" value={id} onChange={(e) => setId(e.target.value)}
            onBlur={() => { if (id !== node.id && (!idValid || !onRename(node.id, id))) setId(node.id); }}
            onKeyDown={(e) => { if (e.key === 'Enter') (e.target as HTMLInputElement).blur(); }} />
          {!idValid && <div className="field-error">{t('activity.idRule')}</div>}
        </label>
        <label className="field">
          <span>{t('activity.name')}</span>
          <input name="activityName" value={activity.name ?? ''}
            onChange={(e) => onActivityChange(node.id, { ...activity, name: e.target.value === '' ? undefined : e.target.value })} />
        </label>
      </fieldset>
      {descriptor?.inputs.map((input) => (
        <InputEditor key={input.name} descriptor={input} value={activity.inputs?.[input.name]} context={context}
          onChange={(value) => setInput(input.name, value)} />
      ))}
      {(descriptor?.container || activity.body) && (
        <div className="field">
          <span className="input-label">{t('activity.body')}</span>
          <div className="muted small">{t('activity.bodyHint')}</div>
          <JsonEditor value={activity.body} rows={8} label={t('activity.body')} disabled={disabled}
            onChange={(body) => onActivityChange(node.id, { ...activity, body: body as Flowchart | undefined })} />
        </div>
      )}
    </div>
  );
}

function EdgeProperties({ edge, onDelete, disabled }: { edge: ConnectionFlowEdge; onDelete: (id: string) => void; disabled?: boolean }) {
  const { t } = useTranslation('designer');
  return (
    <div className="property-panel" data-testid="edge-properties">
      <h2>{t('connection.title')}</h2>
      <p>
        <code>{edge.source}</code> —<strong>{edge.data?.outcome}</strong>→ <code>{edge.target}</code>
      </p>
      <p className="muted small">{t('connection.hint')}</p>
      {!disabled && (
        <button type="button" className="btn btn-danger" onClick={() => onDelete(edge.id)}>
          {t('delete', { ns: 'common' })}
        </button>
      )}
    </div>
  );
}

function WorkflowProperties({ meta, errors, idEditable, disabled, onMetaChange }: PropertyPanelProps) {
  const { t } = useTranslation('designer');
  const [tab, setTab] = useState<'general' | 'inputs' | 'variables'>('general');
  const general = errors.filter((e) => !e.activityId);
  return (
    <div className="property-panel" data-testid="workflow-properties">
      <h2>{t('workflow.title')}</h2>
      <div className="tabs" role="tablist">
        {(['general', 'inputs', 'variables'] as const).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} onClick={() => setTab(name)}>
            {t(`workflow.tabs.${name}`)}
            {name !== 'general' && ` (${(meta[name] ?? []).length})`}
          </button>
        ))}
      </div>
      {tab === 'general' && (
        <fieldset disabled={disabled} className="plain">
          <label className="field">
            <span>{t('workflow.id')}</span>
            <input className="mono" name="definitionId" value={meta.id} disabled={!idEditable} placeholder="consultation.simple"
              onChange={(e) => onMetaChange({ ...meta, id: e.target.value.trim() })} />
            {idEditable && <div className="muted small">{t('workflow.idRule')}</div>}
          </label>
          <label className="field">
            <span>{t('workflow.name')}</span>
            <input name="definitionName" value={meta.name} onChange={(e) => onMetaChange({ ...meta, name: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('workflow.description')}</span>
            <textarea name="definitionDescription" rows={3} value={meta.description ?? ''}
              onChange={(e) => onMetaChange({ ...meta, description: e.target.value === '' ? undefined : e.target.value })} />
          </label>
          {general.length > 0 && (
            <div className="alert alert-error">
              <ul>{general.map((e, i) => <li key={i}><code>{e.path}</code> {e.message}</li>)}</ul>
            </div>
          )}
        </fieldset>
      )}
      {tab === 'inputs' && <ParametersEditor kind="inputs" value={meta.inputs} disabled={disabled} onChange={(inputs) => onMetaChange({ ...meta, inputs })} />}
      {tab === 'variables' && <ParametersEditor kind="variables" value={meta.variables} disabled={disabled} onChange={(variables) => onMetaChange({ ...meta, variables })} />}
    </div>
  );
}
