import { useTranslation } from 'react-i18next';

export function NotAllowed() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="alert alert-error" role="alert">
        {t('problem.forbidden')}
      </div>
    </div>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="alert alert-info" role="alert">
        {t('problem.notFound')}
      </div>
    </div>
  );
}
