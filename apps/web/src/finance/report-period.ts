/** Calendar arithmetic on clinic-local dates ("2026-11-24") for the finance report's months. */

/** The first day of the month `monthsBack` months before the month of `date`. */
export function monthStartBefore(date: string, monthsBack: number): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) - monthsBack;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The months a period touches, each cut to the period: [{ from, to }] in order. */
export function monthsOf(from: string, to: string): Array<{ from: string; to: string; month: string }> {
  const months: Array<{ from: string; to: string; month: string }> = [];
  let start = from;
  while (start <= to) {
    const next = monthStartBefore(start, -1);
    const end = lastDayBefore(next);
    months.push({ from: start, to: end < to ? end : to, month: start.slice(0, 7) });
    start = next;
  }
  return months;
}

function lastDayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
