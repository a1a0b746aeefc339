import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The server's problem as an alert: its title and, unless `hideFields`, every field message. */
export function ProblemMessage({ error, hideFields }: { error: unknown; hideFields?: boolean }) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const title = apiError ? apiError.title : error instanceof Error ? error.message : String(error);
  const fields = apiError && !hideFields ? Object.entries(apiError.fieldErrors) : [];
  return (
    <div className="alert alert-error" role="alert" data-testid="problem">
      <strong>{apiError?.status === 403 ? t('problem.forbidden') : title}</strong>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, messages]) => (
            <li key={field}>
              <code>{field}</code>: {messages.join('；')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Messages for one field under its input (nothing when the field is fine). */
export function FieldError({ error, field, nested }: { error: unknown; field: string; nested?: boolean }) {
  if (!(error instanceof ApiError)) return null;
  const messages = error.forField(field, nested);
  if (messages.length === 0) return null;
  return (
    <div className="field-error" role="alert" data-field={field}>
      {messages.join('；')}
    </div>
  );
}
