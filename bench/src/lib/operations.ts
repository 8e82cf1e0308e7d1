/**
 * The web app's own operations (apps/web/src/**.graphql, fragments written out), so the figures
 * are those of the screens people use.
 */

const APPOINTMENT_ROW = `
  id number startsAt endsAt status sessionNumberInPackage
  clinic { id timeZone }
  patient { id nameEn nameAr mrn }
  provider { id name nameAr }
  service { id nameEn nameAr }
  packagePurchase { id totalSessions package { id nameEn nameAr } }`;

/** PackageProgressRouteQuery: the package progress screen. */
export const PACKAGE_PROGRESS_QUERY = `query PackageProgressRouteQuery($id: ID!) {
  packageProgress(packagePurchaseId: $id) {
    totalSessions sessionsUsed sessionsRemaining sessionsUnscheduled
    scheduledAppointments completedAppointments cancelledAppointments noShowAppointments
    packagePurchase {
      id status totalSessions sessionsUsed sessionsRemaining sessionsUnscheduled expiryDate purchaseDate
      package { id nameEn nameAr clinic { id timeZone } }
      patient { id nameEn nameAr mrn }
    }
    appointments { ${APPOINTMENT_ROW} }
  }
}`;

/** AvailablePackagesQuery: the booking screen's choice of package. */
export const AVAILABLE_PACKAGES_QUERY = `query AvailablePackagesQuery($patientId: ID!, $clinicId: ID) {
  availablePackages(patientId: $patientId, clinicId: $clinicId) {
    id totalSessions sessionsRemaining sessionsUnscheduled expiryDate
    package { id nameEn nameAr services { service { id } } }
  }
}`;

/** AppointmentsRouteQuery: the appointments list, one page. */
export const APPOINTMENTS_QUERY = `query AppointmentsRouteQuery($filter: AppointmentFilter, $first: Int, $after: String) {
  appointments(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { endCursor hasNextPage }
    edges { cursor node { ${APPOINTMENT_ROW} } }
  }
}`;

/**
 * The calendar week: the `clinicCalendar` field of CalendarRouteQuery (apps/web/src/calendar),
 * the read model of a clinic's week. (The screen's query also lists the clinic's services, a
 * catalogue read of its own.)
 */
export const CALENDAR_WEEK_QUERY = `query CalendarRouteQuery($clinicId: ID!, $from: Date!, $to: Date!) {
  clinicCalendar(clinicId: $clinicId, from: $from, to: $to) {
    timeZone from to
    providers {
      provider { id name nameAr }
      working { date startsAt endsAt }
      unavailable { date startsAt endsAt kind reason }
    }
    appointments {
      appointmentId providerId startsAt endsAt status patientNameEn patientNameAr
      serviceCode serviceNameEn serviceNameAr sessionNumber sessionTotal inThisClinic canReschedule
    }
  }
}`;
