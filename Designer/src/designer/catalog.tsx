import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { designerApi } from './api';
import type { Agency } from '../api/types';
import type { ActivityDescriptor, DefinitionSummary } from './model/types';
import { ApiError } from '../api/client';

/** What the designer's editors look things up in: activity descriptors, the directory's agencies, other definitions. */
export interface Catalog {
  descriptors: ActivityDescriptor[];
  byType: Map<string, ActivityDescriptor>;
  agencies: Agency[];
  definitions: DefinitionSummary[];
}

export const emptyCatalog: Catalog = { descriptors: [], byType: new Map(), agencies: [], definitions: [] };

export function makeCatalog(descriptors: ActivityDescriptor[], agencies: Agency[] = [], definitions: DefinitionSummary[] = []): Catalog {
  return { descriptors, byType: new Map(descriptors.map((d) => [d.type, d])), agencies, definitions };
}

const CatalogContext = createContext<Catalog>(emptyCatalog);

export const CatalogProvider = CatalogContext.Provider;

export function useCatalog(): Catalog {
  return useContext(CatalogContext);
}

/** Loads the catalog once per page. */
export function useLoadedCatalog(): { catalog: Catalog | undefined; error: ApiError | undefined } {
  const [catalog, setCatalog] = useState<Catalog>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    const controller = new AbortController();
    Promise.all([
      designerApi.descriptors(controller.signal),
      designerApi.agencies(controller.signal),
      designerApi.list(controller.signal).catch(() => [] as DefinitionSummary[]),
    ]).then(
      ([descriptors, agencies, definitions]) => setCatalog(makeCatalog(descriptors, agencies, definitions)),
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof ApiError ? e : new ApiError(0, String(e)));
      },
    );
    return () => controller.abort();
  }, []);
  return { catalog, error };
}

export function CatalogBoundary({ children }: { children: (catalog: Catalog) => ReactNode }) {
  const { catalog, error } = useLoadedCatalog();
  if (error) return <div className="page alert alert-error">{error.title}</div>;
  if (!catalog) return null;
  return <CatalogProvider value={catalog}>{children(catalog)}</CatalogProvider>;
}
