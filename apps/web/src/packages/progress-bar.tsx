import { useLocale } from '../i18n/locale';

/** Sessions used out of the total, as an accessible progressbar with its value in words. */
export function ProgressBar({ used, total, labelledBy }: { used: number; total: number; labelledBy?: string }) {
  const { t } = useLocale();
  const text = t('sessionsUsedOf', { used, total });
  const percent = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={used}
        aria-valuetext={text}
        aria-labelledby={labelledBy}
        aria-label={labelledBy ? undefined : text}
      >
        <div className="progress-fill" style={{ inlineSize: `${percent}%` }} />
      </div>
      <p className="progress-text" aria-hidden="true">
        {text}
      </p>
    </div>
  );
}
