import type { AppRoute } from '../app/registry';
import './workbench.css';
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/CasesPage';
import { HomePage } from './pages/HomePage';
import { NotificationsPage } from './pages/NotificationsPage';
import { OfficePage } from './pages/OfficePage';
import { ProcuratoratePage } from './pages/ProcuratoratePage';
import { StartChooser, StartPage } from './pages/StartPage';
import { StatisticsPage } from './pages/StatisticsPage';
import { TaskBoardPage } from './pages/TaskBoardPage';
import { TaskPage } from './pages/TaskPage';
import { TasksPage } from './pages/TasksPage';
import { isOffice, isProcuratorate } from './roles';

/**
 * The workbench's pages and nav items (owned by the workbench). The shell mounts every route here inside its layout,
 * behind sign-in; an item with `nav` appears in the navigation for the roles it names. A route with path "/" replaces
 * the shell's home page. Who sees which case is the server's to decide (lists are filtered, others' cases are 404);
 * the nav only leaves out pages a role has no use for.
 */
export const workbenchRoutes: AppRoute[] = [
  { path: '/', element: <HomePage /> },
  { path: '/tasks', element: <TasksPage />, nav: { labelKey: 'nav.tasks', ns: 'workbench', order: 10 } },
  { path: '/tasks/:id', element: <TaskPage /> },
  {
    path: '/start',
    element: <StartChooser />,
    nav: { labelKey: 'nav.start', ns: 'workbench', order: 20, visible: (p) => !isOffice(p) && !isProcuratorate(p) && !p.apiClient },
  },
  { path: '/start/:process', element: <StartPage /> },
  { path: '/office', element: <OfficePage />, roles: ['coordinator', 'administrator'], nav: { labelKey: 'nav.office', ns: 'workbench', order: 15, visible: isOffice } },
  { path: '/office/board', element: <TaskBoardPage />, nav: { labelKey: 'nav.board', ns: 'workbench', order: 16, visible: isOffice } },
  { path: '/procuratorate', element: <ProcuratoratePage />, nav: { labelKey: 'nav.procuratorate', ns: 'workbench', order: 17, visible: (p) => isProcuratorate(p) || isOffice(p) } },
  { path: '/cases', element: <CasesPage />, nav: { labelKey: 'nav.cases', ns: 'workbench', order: 30 } },
  { path: '/cases/:id', element: <CasePage /> },
  { path: '/statistics', element: <StatisticsPage />, nav: { labelKey: 'nav.statistics', ns: 'workbench', order: 40 } },
  { path: '/notifications', element: <NotificationsPage />, nav: { labelKey: 'nav.notifications', ns: 'workbench', order: 50 } },
];
