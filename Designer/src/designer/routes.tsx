import type { AppRoute } from '../app/registry';
import { DefinitionsPage } from './pages/DefinitionsPage';
import { EditorPage } from './pages/EditorPage';
import { HistoryPage } from './pages/HistoryPage';
import { InstanceViewerPage } from './viewer/InstanceViewerPage';
import './designer.css';

/**
 * The designer's pages. Everyone signed in may read definitions and open the cases they can see (the server decides);
 * only coordinators and administrators see the designer in the navigation and get edit controls (the server refuses
 * other users' writes).
 */
export const designerRoutes: AppRoute[] = [
  { path: '/designer', element: <DefinitionsPage />, nav: { labelKey: 'nav.definitions', ns: 'designer', order: 100, roles: ['coordinator', 'administrator'] } },
  { path: '/designer/new', element: <EditorPage />, roles: ['coordinator', 'administrator'] },
  { path: '/designer/:id', element: <EditorPage /> },
  { path: '/designer/:id/history', element: <HistoryPage /> },
  { path: '/instances/:id', element: <InstanceViewerPage /> },
];
