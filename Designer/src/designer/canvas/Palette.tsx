import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../catalog';
import { localize } from '../../components/localized';

export const paletteMime = 'application/x-consultflow-activity';

const categoryOrder = ['flow', 'human', 'timing', 'messaging', 'composition'];

/** The server's activity types grouped by category, with search; drag one onto the canvas (or click to add it). */
export function Palette({ onAdd }: { onAdd: (type: string) => void }) {
  const { t, i18n } = useTranslation('designer');
  const { descriptors } = useCatalog();
  const [search, setSearch] = useState('');
  const groups = useMemo(() => {
    const term = search.trim().toLowerCase();
    const matching = descriptors.filter((d) => {
      if (!term) return true;
      return [d.type, localize(d.displayName, 'zh'), localize(d.displayName, 'en'), localize(d.description, i18n.language)]
        .some((text) => text.toLowerCase().includes(term));
    });
    const byCategory = new Map<string, typeof matching>();
    for (const d of matching) byCategory.set(d.category, [...(byCategory.get(d.category) ?? []), d]);
    const rank = (category: string) => (categoryOrder.includes(category) ? categoryOrder.indexOf(category) : categoryOrder.length);
    return [...byCategory.entries()].sort(([a], [b]) => rank(a) - rank(b));
  }, [descriptors, search, i18n.language]);
  return (
    <aside className="palette" aria-label={t('palette.title')} data-testid="palette">
      <input type="search" placeholder={t('palette.search')} aria-label={t('palette.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
      {groups.map(([category, items]) => (
        <div key={category} className="palette-group">
          <div className="palette-category">{t(`categories.${category}`, { defaultValue: category })}</div>
          {items.map((d) => (
            <div
              key={d.type}
              className={`palette-item category-${d.category}`}
              draggable
              role="button"
              tabIndex={0}
              data-type={d.type}
              title={localize(d.description, i18n.language)}
              onDragStart={(e) => {
                e.dataTransfer.setData(paletteMime, d.type);
                e.dataTransfer.effectAllowed = 'move';
              }}
              onDoubleClick={() => onAdd(d.type)}
              onKeyDown={(e) => { if (e.key === 'Enter') onAdd(d.type); }}
            >
              {localize(d.displayName, i18n.language)}
              <small>{d.type}</small>
            </div>
          ))}
        </div>
      ))}
    </aside>
  );
}
