import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/useLoad';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { useAuth } from '../../auth/AuthContext';
import { newKey, startableProcesses, workbenchApi, type InputDeclaration } from '../api';
import { FormFields } from '../components/FormFields';
import { inputsOf } from '../components/CaseData';
import { defaults, inputAsField, missingFields, toPayload } from '../formValues';
import { agencyNamer, useAgencies } from '../useAgencies';

/** The start inputs naming the starter's own agency, filled in with it. */
const ownAgencyInputs = ['agency', 'requestingAgency'];

/** Choose a process to start (consultation, jurisdiction dispute, criminal referral, assistance request). */
export function StartChooser() {
  const { t } = useTranslation('workbench');
  return (
    <div className="page" data-testid="start-chooser">
      <h1>{t('start.title')}</h1>
      <div className="tiles">
        {startableProcesses.map((id) => (
          <Link key={id} to={`/start/${id}`} className="tile card wb-start-tile" data-process={id}>
            <strong>{t(`process.${id}`)}</strong>
            <small className="muted">{t(`start.hint.${id}`)}</small>
          </Link>
        ))}
      </div>
    </div>
  );
}

/** The process's start form, rendered from its declared inputs; on success the new case opens. */
export function StartPage() {
  const { process = '' } = useParams();
  const { t, i18n } = useTranslation('workbench');
  const navigate = useNavigate();
  const { profile } = useAuth();
  const name = agencyNamer(useAgencies(), i18n.language);
  const definition = useLoad(async (signal) => {
    const list = await workbenchApi.definitions(signal);
    const published = list.filter((d) => d.definitionId === process && d.status === 'published').sort((a, b) => b.version - a.version)[0];
    if (!published) return undefined;
    return { summary: published, inputs: await inputsOf(process, published.version, signal) };
  }, [process]);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(newKey);
  const inputs: InputDeclaration[] = useMemo(() => definition.data?.inputs ?? [], [definition.data]);
  const fields = useMemo(() => inputs.filter((i) => i.name !== 'positions').map(inputAsField), [inputs]);
  const hasPositions = inputs.some((i) => i.name === 'positions');

  useEffect(() => {
    if (!definition.data || !profile) return;
    const initial = defaults(inputs);
    for (const own of ownAgencyInputs) if (inputs.some((i) => i.name === own)) initial[own] = profile.agency;
    if (inputs.some((i) => i.name === 'agencies')) initial.agencies = [profile.agency];
    for (const i of inputs) if (i.type === 'object' || i.type === 'array') delete initial[i.name];
    setValues(initial);
  }, [definition.data, inputs, profile]);

  if (definition.loading && !definition.data) return <Loading />;
  if (definition.error) return <div className="page"><ProblemMessage error={definition.error} /></div>;
  if (!definition.data) return <div className="page"><p>{t('start.unknown')}</p></div>;

  const disputing = Array.isArray(values.agencies) ? (values.agencies as string[]) : [];
  const positions = (values.positions as Record<string, string> | undefined) ?? {};

  async function submit() {
    const absent = missingFields(fields, values);
    if (hasPositions && disputing.some((a) => !positions[a]?.trim())) absent.push('positions');
    setMissing(absent);
    if (absent.length > 0) return;
    const input = toPayload(fields, values, inputs);
    if (hasPositions) input.positions = disputing.map((agency) => ({ agency, position: positions[agency] }));
    setBusy(true);
    setError(undefined);
    try {
      const started = await workbenchApi.start(process, input, key);
      navigate(`/cases/${started.instanceId}`, { state: { started: true } });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page wb-narrow" data-testid="start-page" data-process={process}>
      <div className="wb-crumbs">
        <Link to="/start">{t('start.title')}</Link> ›
      </div>
      <h1>{t(`process.${process}`, { defaultValue: definition.data.summary.name })}</h1>
      <p className="muted wb-small">{t(`start.hint.${process}`, { defaultValue: '' })}</p>
      <section className="card">
        <FormFields fields={fields} values={values} error={error} errorPrefix="input." missing={missing} disabled={busy}
          onChange={(k, v) => {
              setValues((old) => ({ ...old, [k]: v }));
              setMissing((m) => m.filter((x) => x !== k));
            }} />
        {hasPositions && (
          <div className={missing.includes('positions') ? 'field wb-missing' : 'field'} data-field="positions">
            <span>{t('start.positions')} *</span>
            {disputing.length === 0 && <small className="muted">{t('start.choosePartiesFirst')}</small>}
            {disputing.map((agency) => (
              <label key={agency} className="wb-position">
                <small>{name(agency)}</small>
                <textarea name={`positions.${agency}`} rows={2} value={positions[agency] ?? ''}
                  onChange={(e) => setValues((old) => ({ ...old, positions: { ...positions, [agency]: e.target.value } }))} />
              </label>
            ))}
          </div>
        )}
        <ProblemMessage error={error} />
        {missing.length > 0 && <div className="alert alert-error" role="alert">{t('form.fillMissing')}</div>}
        <div className="row">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void submit()} data-testid="start-submit">
            {t('start.submit')}
          </button>
        </div>
      </section>
    </div>
  );
}
