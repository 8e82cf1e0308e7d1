import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import {
  CreatePackageMutationDocument,
  DeletePackageMutationDocument,
  PackagesRouteQueryDocument,
  RetirePackageMutationDocument,
  UpdatePackageMutationDocument,
  type PackagesRouteQuery,
} from '../../graphql/generated';
import { useLocale } from '../../i18n/locale';
import type { Column } from '../../layout/data-table';
import { ErrorNotice, FieldError, FormErrors, fieldErrors, invalidFieldProps } from '../../layout/states';
import { CatalogueForm, CatalogueScreen, NameFields } from './catalogue-screen';

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
  const columns: Column<Pkg>[] = [
    {
      key: 'name',
      header: t('catalogueName'),
      rowHeader: true,
      cell: (pkg) => (
        <>
          {nameOf(pkg)}
          <br />
          <span className="hint">{nameOf(pkg.clinic)}</span>
        </>
      ),
    },
    { key: 'lines', header: t('packageLines'), cell: (pkg) => pkg.services.map((line) => t('packageLineText', { count: line.sessions, service: nameOf(line.service) })).join(' · ') },
    { key: 'price', header: t('cataloguePrice'), cell: (pkg) => formatNumber(Number(pkg.price)), dir: 'ltr' },
    { key: 'validity', header: t('packageValidity'), cell: (pkg) => t('packageDays', { count: pkg.validityDays }) },
    { key: 'state', header: t('packageState'), cell: (pkg) => (pkg.onSale ? t('packageOnSale') : t('packageRetired')) },
  ];
  return (
    <CatalogueScreen
      title="settingsPackages"
      intro="packagesIntro"
      listTitle="packagesList"
      none="packagesNone"
      items={data.packages}
      columns={columns}
      rowClassName={(pkg) => (pkg.onSale ? undefined : 'package-retired')}
      actions={(pkg, onEdit) => <PackageActions pkg={pkg} onEdit={onEdit} />}
      form={(pkg, onDone) => <PackageForm pkg={pkg} services={data.services} onDone={onDone} />}
    />
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
  const errorsOf = (field: string) => fieldErrors(errors, field);
  const setLine = (key: number, change: Partial<Line>) => setLines((all) => all.map((line) => (line.key === key ? { ...line, ...change } : line)));
  const linesInput = lines.map((line) => ({ serviceId: line.serviceId, sessions: Number(line.sessions) }));
  const linesChanged = !pkg || JSON.stringify(linesInput) !== JSON.stringify(pkg.services.map((line) => ({ serviceId: line.service.id, sessions: line.sessions })));

  const submit = async () => {
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
    <CatalogueForm
      editing={pkg}
      addTitle="packageAdd"
      createLabel="packageCreate"
      editHint="packagePriceHint"
      errors={errors}
      fields={['nameEn', 'nameAr', 'description', 'price', 'validityDays', 'services', 'serviceId', 'sessions']}
      saving={state.loading}
      created={created.data?.createPackage.package}
      error={state.error}
      onSubmit={submit}
      onCancel={onDone}
    >
      <NameFields id={id} nameEn={nameEn} nameAr={nameAr} onNameEn={setNameEn} onNameAr={setNameAr} errorsOf={errorsOf} />
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
    </CatalogueForm>
  );
}
