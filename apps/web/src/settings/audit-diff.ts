/** One field of a before/after pair: its value before and after, as text; null where absent. */
export interface DiffLine {
  field: string;
  before: string | null;
  after: string | null;
}

const text = (value: unknown): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
};

/** The fields an event's before and after differ in (or that either holds), in a stable order. */
export function auditDiff(beforeJson: string | null, afterJson: string | null): DiffLine[] {
  const parse = (json: string | null): Record<string, unknown> => {
    if (!json) return {};
    try {
      const value: unknown = JSON.parse(json);
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
    } catch {
      return { value: json };
    }
  };
  const before = parse(beforeJson);
  const after = parse(afterJson);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .map((field) => ({ field, before: text(before[field]), after: text(after[field]) }))
    .filter((line) => line.before !== line.after || !(line.field in before));
}

/** "lateCancellationWindowHours" -> "late cancellation window hours": plain words for a name the app has none for. */
export function plainWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
