import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/useLoad';
import { Loading } from '../../components/Loading';
import { useAuth } from '../../auth/AuthContext';
import { newKey, startableProcesses, workbenchApi, type ActingFor, type InputDeclaration } from '../api';
import { isOffice } from '../roles';
import { FieldError, ProblemMessage } from '../../components/Problem';
import { FormFields } from '../components/FormFields';
import { inputsOf } from '../components/CaseData';
import { defaults, inputAsField, missingFields, toPayload } from '../formValues';
import { agencyNamer, useAgencies } from '../useAgencies';

/** Choose a process to start: only those the person may start (their agency's type and roles are among its starters). */
export function StartChooser() {
  const { t } = useTranslation('workbench');
  const definitions = useLoad((signal) => workbenchApi.definitions(signal), []);
  if (definitions.loading && !definitions.data) return <Loading />;
  if (definitions.error) return <div className="page"><ProblemMessage error={definitions.error} /></div>;
  const allowed = new Set((definitions.data ?? []).filter((d) => d.status === 'published' && d.mayStart).map((d) => d.definitionId));
  const offered = startableProcesses.filter((id) => allowed.has(id));
  return (
    <div className="page" data-testid="start-chooser">
      <h1>{t('start.title')}</h1>
      {offered.length === 0 && <p className="muted" data-testid="start-none">{t('start.none')}</p>}
      <div className="tiles">
        {offered.map((id) => (
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
  const agencies = useAgencies();
  const name = agencyNamer(agencies, i18n.language);
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
  // The coordination office may start a case for another agency, saying why (kept in the case and its record).
  const mayActForOthers = !!profile && isOffice(profile) && !profile.apiClient;
  const [actingFor, setActingFor] = useState<ActingFor | undefined>();
  const acting = actingFor?.agency || profile?.agency || '';
  const inputs: InputDeclaration[] = useMemo(() => definition.data?.inputs ?? [], [definition.data]);
  const fields = useMemo(() => inputs.filter((i) => i.name !== 'positions').map(inputAsField), [inputs]);
  const hasPositions = inputs.some((i) => i.name === 'positions');

  useEffect(() => {
    if (!definition.data || !profile) return;
    const initial = defaults(inputs);
    for (const i of inputs) if (i.type === 'object' || i.type === 'array') delete initial[i.name];
    setValues(initial);
  }, [definition.data, inputs, profile]);

  // The inputs naming the acting agency always hold it: the starter's own, or the one the office acts for.
  useEffect(() => {
    if (!acting) return;
    setValues((old) => {
      const next = { ...old };
      for (const i of inputs.filter((x) => x.actingAgency)) {
        if (i.type === 'agency') next[i.name] = acting;
        else if (i.type === 'agencies') {
          const chosen = Array.isArray(old[i.name]) ? (old[i.name] as string[]).filter((c) => c !== profile?.agency) : [];
          next[i.name] = chosen.includes(acting) ? chosen : [acting, ...chosen];
        }
      }
      return next;
    });
  }, [acting, inputs, profile]);

  if (definition.loading && !definition.data) return <Loading />;
  if (definition.error) return <div className="page"><ProblemMessage error={definition.error} /></div>;
  if (!definition.data) return <div className="page"><p>{t('start.unknown')}</p></div>;
  if (definition.data.summary.mayStart === false)
    return <div className="page"><p data-testid="start-not-allowed">{t('start.notAllowed')}</p></div>;

  const disputing = Array.isArray(values.agencies) ? (values.agencies as string[]) : [];
  const positions = (values.positions as Record<string, string> | undefined) ?? {};

  async function submit() {
    const absent = missingFields(fields, values);
    if (hasPositions && disputing.some((a) => !positions[a]?.trim())) absent.push('positions');
    if (actingFor && !actingFor.agency) absent.push('actingFor.agency');
    if (actingFor && !actingFor.reason.trim()) absent.push('actingFor.reason');
    setMissing(absent);
    if (absent.length > 0) return;
    const input = toPayload(fields, values, inputs);
    if (hasPositions) input.positions = disputing.map((agency) => ({ agency, position: positions[agency] }));
    setBusy(true);
    setError(undefined);
    try {
      const started = await workbenchApi.start(process, input, key, actingFor && { agency: actingFor.agency, reason: actingFor.reason.trim() });
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
        {mayActForOthers && (
          <div className="wb-acting-for" data-testid="acting-for">
            <label className="wb-check">
              <input type="checkbox" name="actingFor" checked={!!actingFor} disabled={busy}
                onChange={(e) => setActingFor(e.target.checked ? { agency: '', reason: '' } : undefined)} />
              {t('start.actingFor')}
            </label>
            {actingFor && (
              <>
                <div className={missing.includes('actingFor.agency') ? 'field wb-missing' : 'field'}>
                  <label htmlFor="field-actingFor-agency">{t('start.actingForAgency')} *</label>
                  <select id="field-actingFor-agency" name="actingFor.agency" value={actingFor.agency} disabled={busy}
                    onChange={(e) => setActingFor({ ...actingFor, agency: e.target.value })}>
                    <option value="">{t('form.chooseAgency')}</option>
                    {agencies.filter((a) => a.type !== 'system' && a.code !== profile?.agency).map((a) => (
                      <option key={a.code} value={a.code}>{name(a.code)}</option>
                    ))}
                  </select>
                  <FieldError error={error} field="actingFor.agency" />
                </div>
                <div className={missing.includes('actingFor.reason') ? 'field wb-missing' : 'field'}>
                  <label htmlFor="field-actingFor-reason">{t('start.actingForReason')} *</label>
                  <textarea id="field-actingFor-reason" name="actingFor.reason" rows={2} maxLength={500} value={actingFor.reason} disabled={busy}
                    onChange={(e) => setActingFor({ ...actingFor, reason: e.target.value })} />
                  <FieldError error={error} field="actingFor.reason" />
                </div>
              </>
            )}
          </div>
        )}
        <FormFields fields={fields} values={values} error={error} errorPrefix="input." missing={missing} disabled={busy} actingAgency={acting}
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
