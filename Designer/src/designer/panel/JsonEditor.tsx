import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Raw JSON in a text box; the value changes only when the text parses. Empty text is "no value" (undefined). */
export function JsonEditor({ value, onChange, rows = 6, label, testId, disabled }: {
  value: unknown;
  onChange: (value: unknown) => void;
  rows?: number;
  label?: string;
  testId?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation('designer');
  const format = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2));
  const [text, setText] = useState(format(value));
  const [error, setError] = useState<string>();

  // A change from outside (undo, the builder tab) replaces the text unless it means the same value.
  useEffect(() => {
    setText((current) => {
      try {
        if (current.trim() !== '' && JSON.stringify(JSON.parse(current)) === JSON.stringify(value)) return current;
      } catch {
        // The text being typed does not parse; the outside value wins.
      }
      return format(value);
    });
    setError(undefined);
  }, [value]);

  return (
    <div className="json-editor">
      <textarea
        aria-label={label ?? t('json')}
        data-testid={testId}
        className={error ? 'invalid mono' : 'mono'}
        rows={rows}
        value={text}
        disabled={disabled}
        spellCheck={false}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          if (next.trim() === '') {
            setError(undefined);
            onChange(undefined);
            return;
          }
          try {
            const parsed = JSON.parse(next);
            setError(undefined);
            onChange(parsed);
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      />
      {error && <div className="field-error">{t('jsonInvalid', { message: error })}</div>}
    </div>
  );
}
