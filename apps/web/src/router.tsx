import { lazy, type ComponentType } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { loadCalendar } from './apollo/first-page';
import { AppShell } from './layout/app-shell';
import { useViewer } from './layout/viewer';

// Each page is its own chunk, loaded when first visited: the first load carries only the
// shell, the router and Apollo Client. Declarative routes keep react-router's data-router code
// out of the bundle (the first-load budget is 150 kB gzipped).
const page = <T,>(load: () => Promise<T>, pick: (module: T) => ComponentType) =>
  lazy(async () => ({ default: pick(await load()) }));

const SignInRoute = page(() => import('./auth/sign-in.route'), (m) => m.SignInRoute);
const PatientsRoute = page(() => import('./patients/patients.route'), (m) => m.PatientsRoute);
const PatientRoute = page(() => import('./patients/patient.route'), (m) => m.PatientRoute);
const NewPatientRoute = page(() => import('./patients/patient-form.route'), (m) => m.NewPatientRoute);
const EditPatientRoute = page(() => import('./patients/patient-form.route'), (m) => m.EditPatientRoute);
const PackageProgressRoute = page(() => import('./packages/package-progress.route'), (m) => m.PackageProgressRoute);
const SchedulePackageRoute = page(() => import('./packages/schedule-package.route'), (m) => m.SchedulePackageRoute);
const AppointmentsRoute = page(() => import('./appointments/appointments.route'), (m) => m.AppointmentsRoute);
const BookAppointmentRoute = page(() => import('./appointments/book-appointment.route'), (m) => m.BookAppointmentRoute);
const AppointmentRoute = page(() => import('./appointments/appointment.route'), (m) => m.AppointmentRoute);
const SeriesMoveRoute = page(() => import('./scheduler/series-move.route'), (m) => m.SeriesMoveRoute);
const WaitlistRoute = page(() => import('./scheduler/waitlist.route'), (m) => m.WaitlistRoute);
const ProviderWeekRoute = page(() => import('./providers/provider-week.route'), (m) => m.ProviderWeekRoute);
const CalendarRoute = page(loadCalendar, (m) => m.CalendarRoute);
const DeskRoute = page(() => import('./desk/desk.route'), (m) => m.DeskRoute);
const SettingsLayout = page(() => import('./settings/settings-layout'), (m) => m.SettingsLayout);
const AccountRoute = page(() => import('./settings/account.route'), (m) => m.AccountRoute);
const StaffRoute = page(() => import('./settings/staff.route'), (m) => m.StaffRoute);
const ApiTokensRoute = page(() => import('./settings/tokens.route'), (m) => m.ApiTokensRoute);
const CancellationPolicyRoute = page(() => import('./settings/policy.route'), (m) => m.CancellationPolicyRoute);
const AuditLogRoute = page(() => import('./settings/audit.route'), (m) => m.AuditLogRoute);
const ClosuresRoute = page(() => import('./settings/closures/closures.route'), (m) => m.ClosuresRoute);
const ProvidersSettingsRoute = page(() => import('./settings/providers/providers.route'), (m) => m.ProvidersRoute);
const ClinicsRoute = page(() => import('./settings/catalogue/clinics.route'), (m) => m.ClinicsRoute);
const ServicesRoute = page(() => import('./settings/catalogue/services.route'), (m) => m.ServicesRoute);
const PackagesRoute = page(() => import('./settings/catalogue/packages.route'), (m) => m.PackagesRoute);
const WebhooksRoute = page(() => import('./notifications/webhooks.route'), (m) => m.WebhooksRoute);
const ResetPasswordRoute = page(() => import('./settings/reset-password.route'), (m) => m.ResetPasswordRoute);
const InvoicesRoute = page(() => import('./finance/invoices.route'), (m) => m.InvoicesRoute);
const InvoiceRoute = page(() => import('./finance/invoice.route'), (m) => m.InvoiceRoute);
const ReceiptRoute = page(() => import('./finance/receipt.route'), (m) => m.ReceiptRoute);
const FinanceReportRoute = page(() => import('./finance/finance-report.route'), (m) => m.FinanceReportRoute);
const NotFoundRoute = page(() => import('./layout/not-found.route'), (m) => m.NotFoundRoute);

function Home() {
  const viewer = useViewer();
  if (viewer.provider) return <Navigate to={`/providers/${encodeURIComponent(viewer.provider.id)}/week`} replace />;
  return <Navigate to="/patients" replace />;
}

export function AppRoutes() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/sign-in" element={<SignInRoute />} />
        <Route path="/reset-password/:token" element={<ResetPasswordRoute />} />
        <Route path="/" element={<AppShell />}>
          <Route index element={<Home />} />
          <Route path="patients" element={<PatientsRoute />} />
          <Route path="patients/new" element={<NewPatientRoute />} />
          <Route path="patients/:patientId" element={<PatientRoute />} />
          <Route path="patients/:patientId/edit" element={<EditPatientRoute />} />
          <Route path="purchases/:purchaseId" element={<PackageProgressRoute />} />
          <Route path="purchases/:purchaseId/schedule" element={<SchedulePackageRoute />} />
          <Route path="appointments" element={<AppointmentsRoute />} />
          <Route path="appointments/new" element={<BookAppointmentRoute />} />
          <Route path="appointments/:appointmentId" element={<AppointmentRoute />} />
          <Route path="appointments/:appointmentId/series" element={<SeriesMoveRoute />} />
          <Route path="providers/:providerId/week" element={<ProviderWeekRoute />} />
          <Route path="calendar" element={<CalendarRoute />} />
          <Route path="today" element={<DeskRoute />} />
          <Route path="waitlist" element={<WaitlistRoute />} />
          <Route path="settings" element={<SettingsLayout />}>
            <Route index element={<Navigate to="/settings/account" replace />} />
            <Route path="account" element={<AccountRoute />} />
            <Route path="staff" element={<StaffRoute />} />
            <Route path="tokens" element={<ApiTokensRoute />} />
            <Route path="policy" element={<CancellationPolicyRoute />} />
            <Route path="audit" element={<AuditLogRoute />} />
            <Route path="closures" element={<ClosuresRoute />} />
            <Route path="clinics" element={<ClinicsRoute />} />
            <Route path="services" element={<ServicesRoute />} />
            <Route path="packages" element={<PackagesRoute />} />
            <Route path="providers" element={<ProvidersSettingsRoute />} />
            <Route path="webhooks" element={<WebhooksRoute />} />
          </Route>
          <Route path="invoices" element={<InvoicesRoute />} />
          <Route path="invoices/:invoiceId" element={<InvoiceRoute />} />
          <Route path="invoices/:invoiceId/receipt" element={<ReceiptRoute />} />
          <Route path="finance" element={<FinanceReportRoute />} />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
