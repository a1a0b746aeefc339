import { memo, useEffect, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../catalog';
import { outcomeLabel, outcomesOf } from '../model/outcomes';
import type { ActivityFlowNode } from '../model/graph';
import { localize } from '../../components/localized';

/**
 * An activity on the canvas: its name, type and id; one input handle on the left and one output handle per outcome on
 * the right, each labelled, so that a connection's outcome is chosen by where it is drawn from. Validation errors are
 * pinned on it (red border and a badge listing them).
 */
function ActivityNodeViewImpl({ id, data, selected }: NodeProps<ActivityFlowNode>) {
  const { i18n } = useTranslation();
  const catalog = useCatalog();
  const activity = data.activity;
  const descriptor = catalog.byType.get(activity.type);
  const known = outcomesOf(activity, descriptor);
  const extra = (data.extraOutcomes ?? []).filter((o) => !known.includes(o));
  const outcomes = [...known, ...extra];
  const updateNodeInternals = useUpdateNodeInternals();
  const handles = outcomes.join('\n');
  // Handles come and go with the outcomes (a task's outcome added, a case removed): React Flow must measure them anew.
  // Not on the first render, which React Flow measures anyway (300 extra measurements slow down opening a large flow).
  const measured = useRef(handles);
  useEffect(() => {
    if (measured.current === handles) return;
    measured.current = handles;
    updateNodeInternals(id);
  }, [handles, id, updateNodeInternals]);
  const errors = data.errors ?? [];
  const classes = ['activity-node', `category-${descriptor?.category ?? 'unknown'}`];
  if (selected) classes.push('selected');
  if (errors.length > 0) classes.push('has-errors');
  if (data.state) classes.push(`state-${data.state}`);
  const typeName = descriptor ? localize(descriptor.displayName, i18n.language) : activity.type;
  return (
    <div className={classes.join(' ')} data-activity-id={activity.id} data-state={data.state} style={{ minHeight: Math.max(56, 22 + outcomes.length * 20) }}>
      {activity.type !== 'Start' && <Handle type="target" position={Position.Left} id="in" className="handle-in" />}
      <div className="activity-type">{typeName}</div>
      <div className="activity-name">{activity.name || activity.id}</div>
      <div className="activity-id">{activity.id}</div>
      {errors.length > 0 && (
        <div className="activity-errors" data-testid="pinned-error" title={errors.join('\n')}>
          {errors.length}
        </div>
      )}
      <div className="activity-outcomes">
        {outcomes.map((outcome) => (
          <div key={outcome} className={extra.includes(outcome) ? 'outcome-row unknown-outcome' : 'outcome-row'}>
            <span className="outcome-label">{outcomeLabel(activity, outcome, i18n.language)}</span>
            <Handle type="source" position={Position.Right} id={outcome} className="handle-out" data-outcome={outcome} />
          </div>
        ))}
      </div>
    </div>
  );
}

export const ActivityNodeView = memo(ActivityNodeViewImpl);
export const nodeTypes = { activity: ActivityNodeView };
