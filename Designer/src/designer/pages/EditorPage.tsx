import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { useLoad } from '../../api/useLoad';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { designerApi, latestVersion } from '../api';
import { CatalogBoundary } from '../catalog';
import { Editor } from '../canvas/Editor';
import { pendingDefinition } from '../pending';
import type { DefinitionRecord, WorkflowDefinition } from '../model/types';

const blank = (): WorkflowDefinition => ({
  id: '',
  name: '',
  flowchart: { activities: [{ id: 'start', type: 'Start', name: '开始', position: { x: 0, y: 0 } }], connections: [] },
});

/** /designer/new (a blank, duplicated or imported definition) and /designer/:id (its newest version, or ?version=N). */
export function EditorPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const { canDesign } = useAuth();
  const wanted = search.get('version');
  const isNew = id === undefined;
  const fresh = useMemo(() => (isNew ? pendingDefinition.take() ?? blank() : undefined), [isNew]);
  const loaded = useLoad<DefinitionRecord | undefined>(
    (signal) => (isNew ? Promise.resolve(undefined) : wanted ? designerApi.get(id!, Number(wanted), signal) : latestVersion(id!, signal)),
    [id, wanted],
  );
  if (loaded.error) return <div className="page"><ProblemMessage error={loaded.error} /></div>;
  if (!isNew && (loaded.loading || !loaded.data)) return <Loading />;
  const record = loaded.data;
  return (
    <CatalogBoundary>
      {() => (
        <Editor
          key={record ? `${record.definitionId}@${record.version}` : 'new'}
          definition={record ? record.definition : fresh!}
          version={record?.version}
          status={record?.status}
          canEdit={canDesign}
        />
      )}
    </CatalogBoundary>
  );
}
