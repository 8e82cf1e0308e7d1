import { useLocale } from './locale';

/** A calendar date shown prominently: the Gregorian date, and the Hijri (Umm al-Qura) one beside it. */
export function DateWithHijri({ date }: { date: string }) {
  const { formatDate, formatHijriDate } = useLocale();
  return (
    <span className="date-with-hijri">
      <time dateTime={date}>{formatDate(date)}</time> <span className="hijri">{formatHijriDate(date)}</span>
    </span>
  );
}
