import { useT } from '../../i18n';
import type { ClassCount } from './model';

/** The class tabs (associated / pupils, what is left to decide), then the chosen class's "Tout confirmer" / "Tout refuser". */
export function ClassBar({ classes, current, onChoose, onBulk }: { classes: ClassCount[]; current: ClassCount | null; onChoose: (id: string) => void; onBulk: (mode: 'accept' | 'refuse') => void }) {
  const t = useT();
  const label = (c: ClassCount) => c.label || t('pupils.noClass');
  return (
    <>
      <nav aria-label={t('pupils.classes')} className="class-tabs">
        {classes.map((c) => (
          <button
            key={c.id}
            type="button"
            className={`tab${c.id === current?.id ? ' current' : ''}`}
            aria-pressed={c.id === current?.id}
            onClick={() => onChoose(c.id)}
            data-testid={`class-tab-${c.id}`}
            data-undecided={c.undecided}
          >
            {label(c)} <span className="count">{c.linked}/{c.pupils}</span>
            {c.undecided > 0 ? <span className="count review">{t('pupils.tab.undecided', { n: c.undecided })}</span> : null}
          </button>
        ))}
      </nav>
      {current ? (
        <div className="class-bar" role="group" aria-label={t('pupils.class.group', { classe: label(current) })}>
          <p className="class-left" data-testid="class-undecided">
            {current.undecided === 0
              ? t('pupils.class.settled', { classe: label(current) })
              : current.undecidedAuto > 0
                ? t('pupils.class.left.sure', { classe: label(current), n: current.undecided, sure: current.undecidedAuto })
                : t('pupils.class.left', { classe: label(current), n: current.undecided })}
          </p>
          <button type="button" onClick={() => onBulk('accept')} disabled={current.undecided === 0}>
            {t('pupils.class.acceptAll', { n: current.undecided })}
          </button>
          <button type="button" className="secondary" onClick={() => onBulk('refuse')} disabled={current.undecided === 0}>
            {t('pupils.class.refuseAll', { n: current.undecided })}
          </button>
        </div>
      ) : null}
    </>
  );
}
