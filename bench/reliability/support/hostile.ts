import fc from 'fast-check';

/**
 * Generators of hostile GraphQL requests: wrong types, huge strings, negative and huge numbers,
 * bad dates, ids of other tenants and of the wrong type, deep and wide queries, batches and
 * malformed HTTP. Each generated request is a plain description; the test sends it.
 */

export type TokenKind = 'ADMIN' | 'RECEPTIONIST' | 'CLINICIAN' | 'FINANCE' | 'none' | 'garbage' | 'expired' | 'foreign' | 'apiTokenLike';

export interface HostileRequest {
  /** 'write' requests may change rows and run one at a time between checksums; 'read' ones never do. */
  phase: 'read' | 'write';
  name: string;
  method: 'POST' | 'GET';
  token: TokenKind;
  contentType: string | null;
  /** The request body (POST) or query string (GET). */
  body: string;
  /** The operation names whose payload says accepted or refused (mutations). */
  operations: string[];
  /** The API's own cost estimate, when it is known to pass the 6,000 allowed: must be refused. */
  overCost?: number;
}

/** apps/api/src/graphql/limits.ts MAX_COMPLEXITY. */
export const MAX_COST = 6_000;

/** Ids the generators may use, as the API's global ids. */
export interface IdPools {
  own: Record<string, string[]>;
  other: Record<string, string[]>;
}

const WEIRD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  "'; drop table appointment; --",
  '" or ""="',
  "' or 1=1 --",
  '%',
  '_',
  '\\',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '\uD800',
  '\uFFFF',
  '🙂'.repeat(30),
  'ـ'.repeat(500),
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'true',
  '[]',
  '{}',
  'Mars/Olympus_Mons',
  '\r\n',
  '\t',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 3, arbitrary: fc.constantFrom(...WEIRD_STRINGS) },
  { weight: 1, arbitrary: fc.integer({ min: 256, max: 300_000 }).map((length) => 'x'.repeat(length)) },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(-1, 0, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, 1e308, -1e308, 0.5, -0.0001),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A value of a JSON type other than the one expected. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
);

const DAY = 86_400_000;
const aroundNow = (now: Date) =>
  fc.integer({ min: -400, max: 4000 }).chain((days) =>
    fc.integer({ min: 0, max: 95 }).map((quarter) => new Date(now.getTime() + days * DAY + quarter * 15 * 60_000)),
  );

const BAD_INSTANTS = [
  '2026-02-30T08:00:00Z',
  '2026-13-01T08:00:00Z',
  '2026-03-02T25:61:00Z',
  '2026-03-02T08:00:00',
  '2026-03-02',
  '2026-03-02T08:00:00+99:00',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00.000Z',
  '0000-00-00T00:00:00Z',
  '1970-01-01T00:00:00Z',
  'yesterday',
  '',
];

function instant(now: Date): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: aroundNow(now).map((date) => date.toISOString()) },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_INSTANTS) },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: wrongType },
  );
}

const BAD_DATES = ['2026-02-30', '2026-13-01', '0000-00-00', '99999-12-31', '2026-3-2', '02-03-2026', '2026-03-02T00:00:00Z', ''];

function localDate(now: Date): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: aroundNow(now).map((date) => date.toISOString().slice(0, 10)) },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_DATES) },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)) },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: wrongType },
  );
}

const globalIdOf = (type: string, raw: string) => Buffer.from(`${type}:${raw}`).toString('base64url');

function idArb(pools: IdPools, type: string): fc.Arbitrary<unknown> {
  const everyOwn = Object.values(pools.own).flat();
  const options: Array<fc.WeightedArbitrary<unknown>> = [
    { weight: 2, arbitrary: fc.uuid().map((uuid) => globalIdOf(type, uuid)) },
    { weight: 1, arbitrary: hostileString.map((raw) => globalIdOf(type, raw)) },
    { weight: 1, arbitrary: fc.constantFrom(...everyOwn) },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: wrongType },
  ];
  if (pools.own[type]?.length) options.push({ weight: 3, arbitrary: fc.constantFrom(...(pools.own[type] as string[])) });
  if (pools.other[type]?.length) options.push({ weight: 3, arbitrary: fc.constantFrom(...(pools.other[type] as string[])) });
  return fc.oneof(...options);
}

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary }, { weight: 1, arbitrary: wrongType });
const str = () => maybe(hostileString);
const num = () => maybe(hostileNumber);
const STATUSES = ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW'];
const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const enumOf = (values: string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: str() });

/** An input object: fields drawn, some left out, sometimes an unknown field added. */
function inputOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.record({ ...fields, unknownField: str() }) },
    { weight: 1, arbitrary: wrongType },
  );
}

interface OperationSpec {
  name: string;
  weight: number;
  document: string;
  variables: fc.Arbitrary<Record<string, unknown>>;
}

const PAYLOAD = 'userErrors { code message field }';

export function mutationSpecs(pools: IdPools, now: Date): OperationSpec[] {
  const id = (type: string) => idArb(pools, type);
  const at = instant(now);
  const day = localDate(now);
  const mutation = (name: string, inputType: string, selection: string, input: fc.Arbitrary<unknown>, weight = 3): OperationSpec => ({
    name,
    weight,
    document: `mutation M($input: ${inputType}!) { ${name}(input: $input) { ${selection} ${PAYLOAD} } }`,
    variables: input.map((value) => ({ input: value })),
  });
  return [
    mutation('bookAppointment', 'BookAppointmentInput', 'appointment { id number startsAt }', inputOf({
      patientId: id('Patient'), providerId: id('Provider'), serviceId: id('Service'), startsAt: at, packagePurchaseId: id('PackagePurchase'),
    }), 6),
    mutation('schedulePackage', 'SchedulePackageInput', 'appointments { id } schedulingErrors { code sessionNumber }', inputOf({
      packagePurchaseId: id('PackagePurchase'),
      providerId: id('Provider'),
      startDate: day,
      endDate: day,
      preferredDays: maybe(fc.array(enumOf(WEEKDAYS), { maxLength: 9 })),
      providerAssignments: maybe(fc.array(inputOf({ sessionNumber: num(), providerId: id('Provider') }), { maxLength: 30 })),
    }), 6),
    mutation('setAppointmentStatus', 'SetAppointmentStatusInput', 'appointment { id status } packagePurchase { sessionsUsed }', inputOf({
      appointmentId: id('Appointment'), status: enumOf(STATUSES), reason: str(),
    }), 5),
    mutation('rescheduleAppointment', 'RescheduleAppointmentInput', 'appointment { id startsAt }', inputOf({
      appointmentId: id('Appointment'), startsAt: at, providerId: id('Provider'),
    }), 4),
    mutation('purchasePackage', 'PurchasePackageInput', 'invoice { id }', inputOf({ patientId: id('Patient'), packageId: id('Package') })),
    mutation('payInvoice', 'PayInvoiceInput', 'invoice { id status } packagePurchase { id }', inputOf({ invoiceId: id('Invoice') })),
    mutation('createPatient', 'CreatePatientInput', 'patient { id }', inputOf({
      mrn: str(), nameEn: str(), nameAr: str(), dateOfBirth: day, phone: str(),
    })),
    mutation('createPackage', 'CreatePackageInput', 'package { id }', inputOf({
      nameEn: str(), nameAr: str(), description: str(), price: str(), validityDays: num(),
      services: maybe(fc.array(inputOf({ serviceId: id('Service'), sessions: num() }), { maxLength: 8 })),
    })),
    mutation('createService', 'CreateServiceInput', 'service { id }', inputOf({
      clinicId: id('Clinic'), code: str(), nameEn: str(), nameAr: str(), durationMinutes: num(), price: str(),
    })),
    mutation('createClinic', 'CreateClinicInput', 'clinic { id }', inputOf({ nameEn: str(), nameAr: str(), timeZone: str() })),
    mutation('createProvider', 'CreateProviderInput', 'provider { id }', inputOf({
      name: str(), nameAr: str(), clinicIds: maybe(fc.array(id('Clinic'), { maxLength: 6 })),
    })),
    mutation('setWorkingHours', 'SetWorkingHoursInput', 'workingHours { weekday startTime endTime }', inputOf({
      providerId: id('Provider'), clinicId: id('Clinic'),
      ranges: maybe(fc.array(inputOf({ weekday: num(), startTime: str(), endTime: str() }), { maxLength: 20 })),
    })),
    mutation('addTimeOff', 'AddTimeOffInput', 'timeOff { id }', inputOf({ providerId: id('Provider'), startsAt: at, endsAt: at, reason: str() })),
    mutation('removeTimeOff', 'RemoveTimeOffInput', 'timeOff { id }', inputOf({ timeOffId: id('TimeOff') })),
    mutation('setCancellationPolicy', 'SetCancellationPolicyInput', 'cancellationPolicy { lateCancellationWindowHours }', inputOf({
      lateCancellationWindowHours: num(), lateCancellationConsumesSession: maybe(fc.boolean()), noShowConsumesSession: maybe(fc.boolean()),
    })),
    mutation('createApiToken', 'CreateApiTokenInput', 'apiToken { id }', inputOf({ name: str() })),
    mutation('revokeApiToken', 'RevokeApiTokenInput', 'apiToken { id }', inputOf({ tokenId: id('ApiToken') })),
    // argon2 makes each sign-in slow on purpose: fewer of these.
    mutation('login', 'LoginInput', 'token', inputOf({ email: str(), password: str() }), 1),
  ];
}

const PROGRESS_FIELDS = 'totalSessions sessionsUsed sessionsRemaining appointments { id number status patient { nameEn } provider { name } }';

export function querySpecs(pools: IdPools, now: Date): OperationSpec[] {
  const id = (type: string) => idArb(pools, type);
  const spec = (name: string, weight: number, document: string, variables: Record<string, fc.Arbitrary<unknown>>): OperationSpec => ({
    name,
    weight,
    document,
    variables: fc.record(variables, { requiredKeys: [] }),
  });
  return [
    spec('appointments', 4, `query Q($filter: AppointmentFilter, $first: Int, $after: String) {
      appointments(filter: $filter, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage }
        edges { cursor node { id number startsAt status patient { id nameEn } provider { id name } packagePurchase { id sessionsUsed } } } } }`, {
      filter: inputOf({
        patientId: id('Patient'), providerId: id('Provider'), packagePurchaseId: id('PackagePurchase'),
        status: maybe(fc.array(enumOf(STATUSES), { maxLength: 8 })), from: instant(now), to: instant(now),
      }),
      first: num(),
      after: str(),
    }),
    spec('freeSlots', 3, `query Q($providerId: ID!, $serviceId: ID!, $date: Date!, $patientId: ID) {
      freeSlots(providerId: $providerId, serviceId: $serviceId, date: $date, patientId: $patientId) { startsAt endsAt } }`, {
      providerId: id('Provider'), serviceId: id('Service'), date: localDate(now), patientId: id('Patient'),
    }),
    spec('availablePackages', 3, `query Q($patientId: ID!, $clinicId: ID) {
      availablePackages(patientId: $patientId, clinicId: $clinicId) { id sessionsRemaining sessionsUnscheduled package { nameEn } } }`, {
      patientId: id('Patient'), clinicId: id('Clinic'),
    }),
    spec('packageProgress', 3, `query Q($id: ID!) { packageProgress(packagePurchaseId: $id) { ${PROGRESS_FIELDS} packagePurchase { id patient { nameEn } } } }`, {
      id: id('PackagePurchase'),
    }),
    spec('node', 3, `query Q($id: ID!) { node(id: $id) { id
      ... on Patient { nameEn mrn packagePurchases { id } } ... on Appointment { number status history { operation } }
      ... on PackagePurchase { sessionsUsed progress { totalSessions } } ... on Provider { name workingHours { weekday } }
      ... on User { email role } ... on Invoice { number total } } }`, { id: fc.oneof(id('Patient'), id('Appointment'), id('PackagePurchase'), id('User'), id('Invoice'), id('Provider')) }),
    spec('patients', 3, `query Q($search: String, $first: Int, $after: String) { patients(search: $search, first: $first, after: $after) { id nameEn mrn } }`, {
      search: str(), first: num(), after: fc.oneof(id('Patient'), str()),
    }),
    spec('catalogue', 2, `query Q($clinicId: ID) { providers(clinicId: $clinicId) { id name clinics { id } timeOff { id } }
      services(clinicId: $clinicId) { id code } packages(clinicId: $clinicId) { id nameEn services { sessions } } }`, { clinicId: id('Clinic') }),
    spec('viewer', 1, 'query Q { viewer { id email role provider { name } } cancellationPolicy { lateCancellationWindowHours } apiTokens { id name } clinics { id } }', {}),
  ];
}

/** From PackageProgress: appointments -> packagePurchase -> progress -> appointments ... */
const DEEP_STEPS = ['appointments', 'packagePurchase', 'progress'];

/** packageProgress and then `depth - 1` more levels of the cycle above. */
function deepQuery(depth: number): string {
  let selection = '__typename';
  for (let level = depth - 1; level >= 1; level -= 1) selection = `${DEEP_STEPS[(level - 1) % DEEP_STEPS.length]} { ${selection} }`;
  return `query Deep($id: ID!) { packageProgress(packagePurchaseId: $id) { ${selection} } }`;
}

/**
 * Estimated cost of one alias under the API's rule (apps/api/src/graphql/limits.ts: a root read
 * costs 500, a list counts 10 times, a package's services 3, a batched relation 2).
 */
export const WIDE_FIELDS = {
  viewer: { selection: 'viewer { id email }', cost: 3 },
  packages: { selection: 'packages { id nameEn services { sessions } }', cost: 570 },
} as const;
export type WideField = keyof typeof WIDE_FIELDS;

function wideQuery(width: number, field: WideField): string {
  return `query Wide { ${Array.from({ length: width }, (_, index) => `a${index}: ${WIDE_FIELDS[field].selection}`).join(' ')} }`;
}

/** The same field again and again without aliases: what field-merging validation compares pairwise. */
function repeatedFieldsQuery(count: number): string {
  return `query Repeated { ${'viewer { id email } '.repeat(count)}}`;
}

function introspectionQuery(depth: number): string {
  let inner = 'name';
  for (let level = 0; level < depth; level += 1) inner = `name fields { name type { name ${level % 2 ? 'ofType { name }' : ''} fields { ${inner} } } }`;
  return `query I { __schema { types { ${inner} } } }`;
}

const tokenArb: fc.Arbitrary<TokenKind> = fc.constantFrom<TokenKind>(
  'ADMIN', 'ADMIN', 'RECEPTIONIST', 'RECEPTIONIST', 'CLINICIAN', 'FINANCE', 'none', 'garbage', 'expired', 'foreign', 'apiTokenLike',
);

function fromSpec(spec: OperationSpec, phase: 'read' | 'write'): fc.Arbitrary<HostileRequest> {
  return fc.tuple(spec.variables, tokenArb).map(([variables, token]) => ({
    phase,
    name: spec.name,
    method: 'POST' as const,
    token,
    contentType: 'application/json',
    body: JSON.stringify({ query: spec.document, variables }),
    operations: phase === 'write' ? [spec.name] : [],
  }));
}

/** The whole mix: roughly 45 % mutations, 40 % queries, 15 % malformed, deep, wide and batched. */
export function hostileRequests(pools: IdPools, now: Date): fc.Arbitrary<HostileRequest> {
  const mutations = mutationSpecs(pools, now);
  const queries = querySpecs(pools, now);
  const purchaseId = idArb(pools, 'PackagePurchase');
  const mutationArb = fc.oneof(...mutations.map((spec) => ({ weight: spec.weight, arbitrary: fromSpec(spec, 'write') })));
  const queryArb = fc.oneof(...queries.map((spec) => ({ weight: spec.weight, arbitrary: fromSpec(spec, 'read') })));
  const raw = (name: string, phase: 'read' | 'write', body: fc.Arbitrary<string>, extra: Partial<HostileRequest> = {}) =>
    fc.tuple(body, tokenArb).map(([text, token]) => ({
      phase,
      name,
      method: 'POST' as const,
      token,
      contentType: 'application/json',
      body: text,
      operations: [],
      ...extra,
    }));
  const rawArb: fc.Arbitrary<HostileRequest> = fc.oneof(
    raw('deep query', 'read', fc.tuple(fc.integer({ min: 2, max: 60 }), purchaseId).map(([depth, id]) => JSON.stringify({ query: deepQuery(depth), variables: { id } }))),
    // Wide: aliases of one field. `packages` runs SQL per alias, so it stays below 60 aliases
    // (already 34,200 > the 6,000 allowed); `viewer` is cheap and goes well past the limit.
    fc.tuple(
      fc.oneof(
        fc.integer({ min: 1, max: 60 }).map((width) => ({ width, field: 'packages' as WideField })),
        // Past ~420 aliases the request holds more than the 3,000 GraphQL tokens allowed.
        fc.oneof(fc.integer({ min: 1, max: 1500 }), fc.integer({ min: 1500, max: 5000 })).map((width) => ({ width, field: 'viewer' as WideField })),
      ),
      tokenArb,
    ).map(([{ width, field }, token]): HostileRequest => {
      const cost = width * WIDE_FIELDS[field].cost;
      return {
        phase: 'read',
        name: 'wide query',
        method: 'POST',
        token,
        contentType: 'application/json',
        body: JSON.stringify({ query: wideQuery(width, field) }),
        operations: [],
        ...(cost > MAX_COST ? { overCost: cost } : {}),
      };
    }),
    raw('repeated fields', 'read', fc.integer({ min: 1, max: 3000 }).map((count) => JSON.stringify({ query: repeatedFieldsQuery(count) }))),
    raw('deep introspection', 'read', fc.integer({ min: 1, max: 12 }).map((depth) => JSON.stringify({ query: introspectionQuery(depth) }))),
    raw('fragment cycle', 'read', fc.constant(JSON.stringify({ query: 'query C { ...A } fragment A on Query { ...B } fragment B on Query { ...A viewer { id } }' }))),
    raw('batch of queries', 'read', fc.array(queryArb, { minLength: 1, maxLength: 40 }).map((items) => `[${items.map((item) => item.body).join(',')}]`)),
    raw('malformed JSON', 'read', fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{', '{"query":', 'null', '[]', '42', '"query"', '{"query": 42}', '{"query": null}', '{"query": "{ viewer { id } }", "variables": "x"}',
        '{"query": "query A { viewer { id } } query B { clinics { id } }"}', '{"query": "{ viewer { id } }", "operationName": "Nope"}',
        '{"query": "{ nope }"}', '{"query": "{ viewer { id } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}'),
    )),
    raw('wrong content type', 'read', fc.constant(JSON.stringify({ query: '{ viewer { id } }' })), { contentType: 'text/plain' }),
    raw('no content type', 'read', fc.constant(JSON.stringify({ query: '{ viewer { id } }' })), { contentType: null }),
    raw('huge body', 'read', fc.integer({ min: 1_050_000, max: 1_400_000 }).map((length) => JSON.stringify({ query: `{ viewer { id } } #${'x'.repeat(length)}` }))),
    raw('GET query', 'read', fc.tuple(fc.integer({ min: 2, max: 30 }), purchaseId).map(([depth, id]) => `query=${encodeURIComponent(deepQuery(depth))}&variables=${encodeURIComponent(JSON.stringify({ id }))}`), { method: 'GET', contentType: null }),
  );
  const rawWriteArb: fc.Arbitrary<HostileRequest> = fc.oneof(
    fc.array(mutationArb, { minLength: 2, maxLength: 12 }).map((items) => ({
      ...(items[0] as HostileRequest),
      name: 'batch of mutations',
      body: `[${items.map((item) => item.body).join(',')}]`,
      operations: items.flatMap((item) => item.operations),
    })),
    mutationArb.map((item) => ({ ...item, name: `${item.name} as GET`, method: 'GET' as const, contentType: null, body: `query=${encodeURIComponent(JSON.parse(item.body).query as string)}&variables=${encodeURIComponent(JSON.stringify(JSON.parse(item.body).variables))}` })),
    mutationArb.map((item) => ({ ...item, name: `${item.name} as text/plain`, contentType: 'text/plain' })),
  );
  return fc.oneof(
    { weight: 40, arbitrary: mutationArb },
    { weight: 5, arbitrary: rawWriteArb },
    { weight: 40, arbitrary: queryArb },
    { weight: 15, arbitrary: rawArb },
  );
}
