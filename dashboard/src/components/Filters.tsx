import { useState, type ReactNode } from 'react';
import { useI18n } from '../app/i18n';

export interface FilterField {
  name: string;
  label: string;
  type: 'number' | 'date' | 'text' | 'select';
  options?: { value: string; label: string }[];
}

/** A page's filters as a form: applied on submit, written to the URL (deep links). */
export function Filters({
  fields,
  values,
  onApply,
  children,
}: {
  fields: FilterField[];
  values: Record<string, string>;
  onApply(values: Record<string, string>): void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(values);
  return (
    <form
      className="filters no-print"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      {fields.map((field) => (
        <label key={field.name}>
          <span>{field.label}</span>
          {field.type === 'select' ? (
            <select
              name={field.name}
              value={draft[field.name] ?? ''}
              onChange={(e) => setDraft({ ...draft, [field.name]: e.target.value })}
            >
              {field.options?.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              name={field.name}
              type={field.type}
              value={draft[field.name] ?? ''}
              onChange={(e) => setDraft({ ...draft, [field.name]: e.target.value })}
            />
          )}
        </label>
      ))}
      {children}
      <button type="submit">{t('apply')}</button>
    </form>
  );
}

export function Kpi({ label, value, detail, id }: { label: string; value: string; detail?: string; id: string }) {
  return (
    <div className="kpi" data-kpi={id}>
      <span className="kpi-label">{label}</span>
      <strong className="kpi-value">{value}</strong>
      {detail && <span className="kpi-detail">{detail}</span>}
    </div>
  );
}
