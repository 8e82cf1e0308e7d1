import { Fragment, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { MessageKey } from '../../i18n/messages';
import { useLocale } from '../../i18n/locale';
import { DataTable, type Column } from '../../layout/data-table';
import { EmptyState, ErrorNotice, FieldError, FormErrors, PageHeading, invalidFieldProps, otherErrors, type FieldUserError } from '../../layout/states';
import './catalogue.css';

interface Named {
  id: string;
  nameEn: string;
  nameAr: string | null;
}

interface CatalogueScreenProps<Item extends Named> {
  title: MessageKey;
  intro: MessageKey;
  listTitle: MessageKey;
  none: MessageKey;
  items: readonly Item[];
  /** The table's columns; an actions column (edit, and `actions`) comes last. */
  columns: readonly Column<Item>[];
  /** The add form (`editing` null) or the edit form of one item; `onDone` closes the edit. */
  form: (editing: Item | null, onDone: () => void) => ReactNode;
  /** Buttons besides "Edit" (e.g. retire, delete), in place of the lone edit button. */
  actions?: (item: Item, onEdit: () => void) => ReactNode;
  rowClassName?: (item: Item) => string | undefined;
}

/**
 * A catalogue screen (clinics, services, packages): a heading and what it is for, the add/edit
 * form, then the list with an edit button per row. Editing a row swaps the form for its own.
 */
export function CatalogueScreen<Item extends Named>({ title, intro, listTitle, none, items, columns, form, actions, rowClassName }: CatalogueScreenProps<Item>) {
  const { t, nameOf } = useLocale();
  const [editing, setEditing] = useState<Item | null>(null);
  const headingId = useId();
  const actionsColumn: Column<Item> = {
    key: 'actions',
    header: t('staffActions'),
    cell: (item) =>
      actions ? (
        actions(item, () => setEditing(item))
      ) : (
        <button type="button" className="secondary" aria-label={t('catalogueEditOf', { name: nameOf(item) })} onClick={() => setEditing(item)}>
          {t('catalogueEdit')}
        </button>
      ),
  };
  return (
    <section aria-labelledby={headingId}>
      <PageHeading id={headingId}>{t(title)}</PageHeading>
      <p className="hint">{t(intro)}</p>
      <Fragment key={editing?.id ?? 'new'}>{form(editing, () => setEditing(null))}</Fragment>
      <h2 id={`${headingId}-list`}>{t(listTitle)}</h2>
      {items.length === 0 ? (
        <EmptyState>{t(none)}</EmptyState>
      ) : (
        <DataTable
          rows={items}
          rowKey={(item) => item.id}
          columns={[...columns, actionsColumn]}
          className="catalogue-table"
          labelledBy={`${headingId}-list`}
          rowClassName={rowClassName}
        />
      )}
    </section>
  );
}

interface CatalogueFormProps {
  /** The item being edited, or null for the add form. */
  editing: Named | null;
  /** The add form's heading and its submit button. */
  addTitle: MessageKey;
  createLabel: MessageKey;
  /** A hint under the edit form's heading. */
  editHint?: MessageKey;
  errors: readonly FieldUserError[];
  /** The fields shown beside their inputs; the form's other refusals go on top. */
  fields: readonly string[];
  saving: boolean;
  /** What the add form has just created (its success notice). */
  created: Named | null | undefined;
  error: unknown;
  onSubmit: () => Promise<void>;
  onCancel: () => void;
  children: ReactNode;
}

/** The add/edit form of a catalogue screen: heading, refusals, the fields, save or cancel, the outcome. */
export function CatalogueForm({ editing, addTitle, createLabel, editHint, errors, fields, saving, created, error, onSubmit, onCancel, children }: CatalogueFormProps) {
  const { t, nameOf } = useLocale();
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit();
  };
  return (
    <form className="panel settings-form" aria-labelledby={`${id}-heading`} onSubmit={submit}>
      <h2 id={`${id}-heading`}>{editing ? t('catalogueEditOf', { name: nameOf(editing) }) : t(addTitle)}</h2>
      {editing && editHint ? <p className="hint">{t(editHint)}</p> : null}
      <FormErrors errors={otherErrors(errors, fields)} />
      {children}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {editing ? t('catalogueSave') : t(createLabel)}
        </button>
        {editing ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('staffCancel')}
          </button>
        ) : null}
      </div>
      <div role="status">{created && !editing ? <p className="notice notice-success">{t('catalogueSaved', { name: nameOf(created) })}</p> : null}</div>
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}

/** The English and Arabic names, side by side, each with its own refusals. */
export function NameFields({
  id,
  nameEn,
  nameAr,
  onNameEn,
  onNameAr,
  errorsOf,
}: {
  id: string;
  nameEn: string;
  nameAr: string;
  onNameEn: (value: string) => void;
  onNameAr: (value: string) => void;
  errorsOf: (field: string) => FieldUserError[];
}) {
  const { t } = useLocale();
  return (
    <div className="inline-fields">
      <div className="field">
        <label htmlFor={`${id}-en`}>{t('catalogueNameEn')}</label>
        <input id={`${id}-en`} dir="ltr" lang="en" required maxLength={200} value={nameEn} onChange={(e) => onNameEn(e.target.value)} {...invalidFieldProps(`${id}-en-error`, errorsOf('nameEn'))} />
        <FieldError id={`${id}-en-error`} errors={errorsOf('nameEn')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-ar`}>{t('catalogueNameAr')}</label>
        <input id={`${id}-ar`} dir="rtl" lang="ar" required maxLength={200} value={nameAr} onChange={(e) => onNameAr(e.target.value)} {...invalidFieldProps(`${id}-ar-error`, errorsOf('nameAr'))} />
        <FieldError id={`${id}-ar-error`} errors={errorsOf('nameAr')} />
      </div>
    </div>
  );
}
