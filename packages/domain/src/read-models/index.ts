export * from './views.js';
export { packageProgressView, type PackageProgressView } from './package-progress.js';
export { availablePackagesView, type AvailablePackageView } from './available-packages.js';
export {
  clinicCalendarView,
  type CalendarAppointmentView,
  type CalendarColumnView,
  type ClinicCalendarView,
  type ClinicCalendarViewInput,
} from './clinic-calendar.js';
