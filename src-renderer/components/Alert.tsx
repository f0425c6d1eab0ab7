import { useT } from '../i18n';
import type { ShownError } from '../store/errors';

/** An error in plain French, with the problems the core listed, and a way to dismiss it. */
export function ErrorAlert({ error, onClose }: { error: ShownError | null; onClose?: () => void }) {
  const t = useT();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid="error">
      <p>{error.message}</p>
      {error.problems.length > 0 ? (
        <ul>
          {error.problems.slice(0, 10).map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      ) : null}
      {onClose ? (
        <button type="button" className="link" onClick={onClose}>
          {t('common.dismiss')}
        </button>
      ) : null}
    </div>
  );
}

export function Notice({ children, testId }: { children: React.ReactNode; testId?: string }) {
  return (
    <div className="alert alert-info" role="status" data-testid={testId}>
      {children}
    </div>
  );
}
