import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../components/localized';
import { useLoad } from '../../api/useLoad';
import { workbenchApi, type InputDeclaration } from '../api';
import { displayValue } from '../format';
import { agencyNamer, useAgencies } from '../useAgencies';

const definitionCache = new Map<string, Promise<InputDeclaration[]>>();

/** The start inputs of a process version (cached: published versions do not change). */
export function inputsOf(definitionId: string, version: number, signal?: AbortSignal): Promise<InputDeclaration[]> {
  const key = `${definitionId}@${version}`;
  let found = definitionCache.get(key);
  if (!found) {
    found = workbenchApi.definition(definitionId, version, signal).then((d) => d.definition.inputs ?? []);
    found.catch(() => definitionCache.delete(key));
    definitionCache.set(key, found);
  }
  return found;
}

/** The case's data as its starter entered it, labelled from the process's declared inputs. */
export function CaseData({ caseId, definitionId, version }: { caseId: string; definitionId: string; version: number }) {
  const { t, i18n } = useTranslation('workbench');
  const lt = useLocalized();
  const name = agencyNamer(useAgencies(), i18n.language);
  const loaded = useLoad(async (signal) => {
    const [instance, inputs] = await Promise.all([workbenchApi.instance(caseId, signal), inputsOf(definitionId, version, signal).catch(() => [])]);
    return { input: instance.input ?? {}, inputs };
  }, [caseId, definitionId, version]);
  if (!loaded.data) return null;
  const { input, inputs } = loaded.data;
  const keys = inputs.length > 0 ? inputs.map((i) => i.name) : Object.keys(input);
  const rows = keys.filter((k) => input[k] !== null && input[k] !== undefined && input[k] !== '');
  return (
    <dl className="wb-data" data-testid="case-data">
      {rows.map((key) => {
        const declared = inputs.find((i) => i.name === key);
        const value = input[key];
        const text =
          declared?.type === 'agency'
            ? name(String(value))
            : declared?.type === 'agencies' && Array.isArray(value)
              ? value.map((v) => name(String(v))).join('、')
              : displayValue(value, t('form.yes'), t('form.no'));
        return (
          <div key={key} className="wb-data-row">
            <dt>{declared ? lt(declared.label) : key}</dt>
            <dd>{text}</dd>
          </div>
        );
      })}
    </dl>
  );
}
