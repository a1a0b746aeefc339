import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/useLoad';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { useLocalized } from '../../components/localized';
import { workbenchApi, type HumanTask } from '../api';
import { Due } from '../components/Bits';
import { lightOf } from '../format';
import { agencyNamer, useAgencies } from '../useAgencies';
import { byUrgency } from './TasksPage';

/** The task-decomposition board: every open task of the decomposition cases, one column per responsible unit, overdue in red. */
export function TaskBoardPage() {
  const { t, i18n } = useTranslation('workbench');
  const lt = useLocalized();
  const name = agencyNamer(useAgencies(), i18n.language);
  const board = useLoad(async (signal) => {
    const [cases, open] = await Promise.all([
      workbenchApi.cases({ process: 'task-decomposition', take: 500 }, signal),
      workbenchApi.tasksOfAgency(undefined, signal),
    ]);
    const ids = new Set(cases.items.map((c) => c.instanceId));
    return { cases: cases.items.length, tasks: open.filter((task) => ids.has(task.instanceId)) };
  }, []);
  const columns = useMemo(() => {
    const now = new Date();
    const byAgency = new Map<string, HumanTask[]>();
    for (const task of board.data?.tasks ?? []) byAgency.set(task.assigneeAgency, [...(byAgency.get(task.assigneeAgency) ?? []), task]);
    return [...byAgency.entries()]
      .map(([agency, tasks]) => ({ agency, tasks: tasks.sort(byUrgency), red: tasks.filter((x) => lightOf(x.createdAt, x.dueAt, now) === 'red').length }))
      .sort((a, b) => b.red - a.red || b.tasks.length - a.tasks.length);
  }, [board.data]);

  if (board.error) return <div className="page"><ProblemMessage error={board.error} /></div>;
  if (!board.data) return <Loading />;
  const red = columns.reduce((s, c) => s + c.red, 0);
  return (
    <div className="page" data-testid="board-page">
      <div className="row">
        <h1>{t('board.title')}</h1>
        <span className="muted">{t('board.summary', { cases: board.data.cases, tasks: board.data.tasks.length })}</span>
        {red > 0 && <span className="badge badge-danger">{t('board.overdue', { count: red })}</span>}
      </div>
      {columns.length === 0 ? <p className="muted">{t('board.empty')}</p> : (
        <div className="wb-board">
          {columns.map((column) => (
            <section key={column.agency} className={column.red > 0 ? 'card wb-board-col wb-board-red' : 'card wb-board-col'} data-testid="board-column" data-agency={column.agency}>
              <h2>
                {name(column.agency)} <span className="badge">{column.tasks.length}</span>
                {column.red > 0 && <span className="badge badge-danger">{t('board.overdue', { count: column.red })}</span>}
              </h2>
              <ul className="wb-list">
                {column.tasks.map((task) => {
                  const light = lightOf(task.createdAt, task.dueAt);
                  return (
                    <li key={task.id} className={light === 'red' ? 'wb-card-red' : undefined} data-light={light ?? 'none'} data-testid="board-task">
                      <Link to={`/cases/${task.instanceId}`}>{lt(task.title)}</Link>
                      <Due dueAt={task.dueAt} light={light} />
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
