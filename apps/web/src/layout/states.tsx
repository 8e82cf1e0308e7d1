import { useEffect, useRef, type ReactNode } from 'react';
import { useLocale } from '../i18n/locale';
import { refusalOf, userErrorText } from '../i18n/user-error-text';

/** A page's h1. It takes focus when the page opens, so a screen reader hears where it is. */
export function PageHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} id={id} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useLocale();
  return (
    <p className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('loading')}
    </p>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useLocale();
  const refusal = refusalOf(error);
  const message = refusal ? userErrorText(t, refusal) : error instanceof Error ? error.message : String(error);
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{t('errorTitle')}</strong>: {message}
      </p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('errorRetry')}
        </button>
      ) : null}
    </div>
  );
}

export interface FieldUserError {
  code: string;
  message: string;
  field: readonly string[] | null;
  reason?: string | null;
  params?: readonly { name: string; value: string }[] | null;
}

/** The userErrors whose `field` path ends with `name`. */
export function fieldErrors(errors: readonly FieldUserError[] | undefined, name: string): FieldUserError[] {
  return (errors ?? []).filter((e) => e.field?.at(-1) === name);
}

/** The userErrors that name no field shown on the form. */
export function otherErrors(errors: readonly FieldUserError[] | undefined, shown: readonly string[]): FieldUserError[] {
  return (errors ?? []).filter((e) => !e.field || !shown.includes(e.field.at(-1) ?? ''));
}

/** The ARIA of an input and its FieldError: invalid, and described by the message, only when there is one. */
export function invalidFieldProps(errorId: string, messages: readonly unknown[]) {
  return {
    'aria-invalid': messages.length > 0,
    'aria-describedby': messages.length ? errorId : undefined,
  };
}

/** A field's refusals under it: give `errors` (said in the user's language) or ready `messages`. */
export function FieldError({ id, messages = [], errors = [] }: { id: string; messages?: string[]; errors?: readonly FieldUserError[] }) {
  const { t } = useLocale();
  const all = [...errors.map((e) => userErrorText(t, e)), ...messages];
  if (all.length === 0) return null;
  return (
    <p className="field-error" id={id}>
      {all.join(' ')}
    </p>
  );
}

/** The refusals that belong to no field, in the user's language. */
export function FormErrors({ errors }: { errors: readonly FieldUserError[] }) {
  const { t } = useLocale();
  if (errors.length === 0) return null;
  return (
    <div className="state state-error" role="alert">
      {errors.map((e) => (
        <p key={`${e.code}:${e.message}`}>{userErrorText(t, e)}</p>
      ))}
    </div>
  );
}
