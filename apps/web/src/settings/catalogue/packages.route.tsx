import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import {
  CreatePackageMutationDocument,
  DeletePackageMutationDocument,
  PackagesRouteQueryDocument,
  RetirePackageMutationDocument,
  UpdatePackageMutationDocument,
  type PackagesRouteQuery,
} from '../../graphql/generated';
import { useLocale } from '../../i18n/locale';
import { EmptyState, ErrorNotice, FieldError, FormErrors, PageHeading, fieldErrors, invalidFieldProps, otherErrors } from '../../layout/states';
import './catalogue.css';

type Pkg = PackagesRouteQuery['packages'][number];
type Service = PackagesRouteQuery['services'][number];
interface Line {
  key: number;
  serviceId: string;
  sessions: string;
}

const REFETCH = { refetchQueries: ['PackagesRouteQuery'], awaitRefetchQueries: true };

/**
 * Packages (ADMIN, FINANCE): lines of service x sessions, price, validity. A new price applies to
 * later sales; once sold, the lines and validity stay and the package is retired, not deleted
 * (the server refuses otherwise, and says why).
 */
export function PackagesRoute() {
  const { t, nameOf, formatNumber } = useLocale();
  const { data } = useSuspenseQuery(PackagesRouteQueryDocument, { fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<Pkg | null>(null);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <PageHeading id={headingId}>{t('settingsPackages')}</PageHeading>
      <p className="hint">{t('packagesIntro')}</p>
      <PackageForm key={editing?.id ?? 'new'} pkg={editing} services={data.services} onDone={() => setEditing(null)} />
      <h2 id={`${headingId}-list`}>{t('packagesList')}</h2>
      {data.packages.length === 0 ? (
        <EmptyState>{t('packagesNone')}</EmptyState>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table catalogue-table" aria-labelledby={`${headingId}-list`}>
            <thead>
              <tr>
                <th scope="col">{t('catalogueName')}</th>
                <th scope="col">{t('packageLines')}</th>
                <th scope="col">{t('cataloguePrice')}</th>
                <th scope="col">{t('packageValidity')}</th>
                <th scope="col">{t('packageState')}</th>
                <th scope="col">{t('staffActions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.packages.map((pkg) => (
                <tr key={pkg.id} className={pkg.onSale ? undefined : 'package-retired'}>
                  <th scope="row">
                    {nameOf(pkg)}
                    <br />
                    <span className="hint">{nameOf(pkg.clinic)}</span>
                  </th>
                  <td>
                    {pkg.services.map((line) => t('packageLineText', { count: line.sessions, service: nameOf(line.service) })).join(' · ')}
                  </td>
                  <td dir="ltr">{formatNumber(Number(pkg.price))}</td>
                  <td>{t('packageDays', { count: pkg.validityDays })}</td>
                  <td>{pkg.onSale ? t('packageOnSale') : t('packageRetired')}</td>
                  <td>
                    <PackageActions pkg={pkg} onEdit={() => setEditing(pkg)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PackageActions({ pkg, onEdit }: { pkg: Pkg; onEdit: () => void }) {
  const { t, nameOf } = useLocale();
  const [retire, retired] = useMutation(RetirePackageMutationDocument, REFETCH);
  const [remove, removed] = useMutation(DeletePackageMutationDocument, REFETCH);
  const errors = [...(retired.data?.retirePackage.userErrors ?? []), ...(removed.data?.deletePackage.userErrors ?? [])];
  const name = nameOf(pkg);
  return (
    <div className="catalogue-actions">
      <button type="button" className="secondary" aria-label={t('catalogueEditOf', { name })} onClick={onEdit}>
        {t('catalogueEdit')}
      </button>
      {pkg.onSale ? (
        <button type="button" className="secondary" aria-label={t('packageRetireOf', { name })} disabled={retired.loading} onClick={() => void retire({ variables: { input: { packageId: pkg.id } } }).catch(() => null)}>
          {t('packageRetire')}
        </button>
      ) : null}
      <button type="button" className="danger" aria-label={t('packageDeleteOf', { name })} disabled={removed.loading} onClick={() => void remove({ variables: { input: { packageId: pkg.id } } }).catch(() => null)}>
        {t('packageDelete')}
      </button>
      <FormErrors errors={errors} />
      {retired.error || removed.error ? <ErrorNotice error={retired.error ?? removed.error} /> : null}
    </div>
  );
}

let nextKey = 1;
const newLine = (serviceId = '', sessions = '1'): Line => ({ key: (nextKey += 1), serviceId, sessions });

function PackageForm({ pkg, services, onDone }: { pkg: Pkg | null; services: readonly Service[]; onDone: () => void }) {
  const { t, nameOf } = useLocale();
  const id = useId();
  const [nameEn, setNameEn] = useState(pkg?.nameEn ?? '');
  const [nameAr, setNameAr] = useState(pkg?.nameAr ?? '');
  const [description, setDescription] = useState(pkg?.description ?? '');
  const [price, setPrice] = useState(pkg?.price ?? '');
  const [validity, setValidity] = useState(String(pkg?.validityDays ?? 90));
  const initialLines = pkg ? pkg.services.map((line) => newLine(line.service.id, String(line.sessions))) : [newLine(services[0]?.id ?? '')];
  const [lines, setLines] = useState<Line[]>(initialLines);
  const [create, created] = useMutation(CreatePackageMutationDocument, REFETCH);
  const [update, updated] = useMutation(UpdatePackageMutationDocument, REFETCH);
  const state = pkg ? updated : created;
  const errors = (pkg ? updated.data?.updatePackage.userErrors : created.data?.createPackage.userErrors) ?? [];
  const done = pkg ? null : created.data?.createPackage.package;
  const errorsOf = (field: string) => fieldErrors(errors, field);
  const setLine = (key: number, change: Partial<Line>) => setLines((all) => all.map((line) => (line.key === key ? { ...line, ...change } : line)));
  const linesInput = lines.map((line) => ({ serviceId: line.serviceId, sessions: Number(line.sessions) }));
  const linesChanged = !pkg || JSON.stringify(linesInput) !== JSON.stringify(pkg.services.map((line) => ({ serviceId: line.service.id, sessions: line.sessions })));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = { nameEn, nameAr, description: description || null, price, validityDays: Number(validity) };
    if (pkg) {
      const input = {
        packageId: pkg.id,
        ...fields,
        // What was sold stays: send the lines and validity only when they change.
        validityDays: fields.validityDays === pkg.validityDays ? null : fields.validityDays,
        services: linesChanged ? linesInput : null,
      };
      const result = await update({ variables: { input } }).catch(() => null);
      if (result?.data?.updatePackage.package) onDone();
    } else {
      const result = await create({ variables: { input: { ...fields, services: linesInput } } }).catch(() => null);
      if (result?.data?.createPackage.package) {
        setNameEn('');
        setNameAr('');
        setDescription('');
        setPrice('');
        setLines([newLine(services[0]?.id ?? '')]);
      }
    }
  };

  return (
    <form className="panel settings-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-heading`}>{pkg ? t('catalogueEditOf', { name: nameOf(pkg) }) : t('packageAdd')}</h2>
      {pkg ? <p className="hint">{t('packagePriceHint')}</p> : null}
      <FormErrors errors={otherErrors(errors, ['nameEn', 'nameAr', 'description', 'price', 'validityDays', 'services', 'serviceId', 'sessions'])} />
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={`${id}-en`}>{t('catalogueNameEn')}</label>
          <input id={`${id}-en`} dir="ltr" lang="en" required maxLength={200} value={nameEn} onChange={(e) => setNameEn(e.target.value)} {...invalidFieldProps(`${id}-en-error`, errorsOf('nameEn'))} />
          <FieldError id={`${id}-en-error`} errors={errorsOf('nameEn')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-ar`}>{t('catalogueNameAr')}</label>
          <input id={`${id}-ar`} dir="rtl" lang="ar" required maxLength={200} value={nameAr} onChange={(e) => setNameAr(e.target.value)} {...invalidFieldProps(`${id}-ar-error`, errorsOf('nameAr'))} />
          <FieldError id={`${id}-ar-error`} errors={errorsOf('nameAr')} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('packageDescription')}</label>
        <textarea id={`${id}-description`} maxLength={2000} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} {...invalidFieldProps(`${id}-description-error`, errorsOf('description'))} />
        <FieldError id={`${id}-description-error`} errors={errorsOf('description')} />
      </div>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={`${id}-price`}>{t('cataloguePrice')}</label>
          <input id={`${id}-price`} dir="ltr" inputMode="decimal" required pattern="\d{1,10}(\.\d{1,2})?" placeholder="1500.00" value={price} onChange={(e) => setPrice(e.target.value)} {...invalidFieldProps(`${id}-price-error`, errorsOf('price'))} />
          <FieldError id={`${id}-price-error`} errors={errorsOf('price')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-validity`}>{t('packageValidityDays')}</label>
          <input id={`${id}-validity`} type="number" inputMode="numeric" min={1} max={3650} required value={validity} onChange={(e) => setValidity(e.target.value)} {...invalidFieldProps(`${id}-validity-error`, errorsOf('validityDays'))} />
          <FieldError id={`${id}-validity-error`} errors={errorsOf('validityDays')} />
        </div>
      </div>
      <fieldset className="package-lines" aria-describedby={`${id}-lines-hint`}>
        <legend>{t('packageLines')}</legend>
        <p className="hint" id={`${id}-lines-hint`}>
          {t('packageLinesHint')}
        </p>
        {lines.map((line, index) => (
          <div className="package-line" key={line.key}>
            <div className="field">
              <label htmlFor={`${id}-line-${line.key}-service`}>{t('packageLineService', { number: index + 1 })}</label>
              <select id={`${id}-line-${line.key}-service`} required value={line.serviceId} onChange={(e) => setLine(line.key, { serviceId: e.target.value })}>
                <option value="">{t('packageChooseService')}</option>
                {services.map((service) => (
                  <option key={service.id} value={service.id}>
                    {service.code} · {nameOf(service)} ({nameOf(service.clinic)})
                  </option>
                ))}
              </select>
            </div>
            <div className="field sessions">
              <label htmlFor={`${id}-line-${line.key}-sessions`}>{t('packageLineSessions', { number: index + 1 })}</label>
              <input id={`${id}-line-${line.key}-sessions`} type="number" inputMode="numeric" min={1} max={200} required value={line.sessions} onChange={(e) => setLine(line.key, { sessions: e.target.value })} />
            </div>
            <button type="button" className="secondary" disabled={lines.length === 1} aria-label={t('packageRemoveLineOf', { number: index + 1 })} onClick={() => setLines((all) => all.filter((other) => other.key !== line.key))}>
              {t('providerRemoveRange')}
            </button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setLines((all) => [...all, newLine()])}>
          {t('packageAddLine')}
        </button>
        <p>{t('packageTotal', { count: linesInput.reduce((sum, line) => sum + (Number.isFinite(line.sessions) ? line.sessions : 0), 0) })}</p>
        <FieldError id={`${id}-lines-error`} errors={errors.filter((error) => error.field?.[1] === 'services')} />
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={state.loading}>
          {pkg ? t('catalogueSave') : t('packageCreate')}
        </button>
        {pkg ? (
          <button type="button" className="secondary" onClick={onDone}>
            {t('staffCancel')}
          </button>
        ) : null}
      </div>
      <div role="status">{done ? <p className="notice notice-success">{t('catalogueSaved', { name: nameOf(done) })}</p> : null}</div>
      {state.error ? <ErrorNotice error={state.error} /> : null}
    </form>
  );
}
