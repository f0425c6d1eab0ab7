/** A labelled progress bar; without numbers it is indeterminate (still announced to screen readers). */
export function ProgressBar({ label, done, total, testId }: { label: string; done?: number; total?: number; testId?: string }) {
  const known = done !== undefined && total !== undefined && total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : undefined;
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress-label">
        {label}
        {percent !== undefined ? ` — ${percent} %` : ''}
      </div>
      <div
        className={`progress-track${known ? '' : ' indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(percent !== undefined ? { 'aria-valuenow': percent } : {})}
      >
        <div className="progress-fill" style={known ? { width: `${percent}%` } : undefined} />
      </div>
    </div>
  );
}
