import type { MessageKey } from '../i18n/messages';

/**
 * The settings area's sections, in the order of its sub-navigation. Each names the permission
 * (as the server lists it in `viewer.permissions`) that lets a person act in it; `null`: everyone.
 * A section appears only to those holding its permission. Other areas append their own entries.
 */
export interface SettingsSection {
  /** The path under /settings, e.g. "staff". */
  path: string;
  /** The sub-navigation's words for it. */
  label: MessageKey;
  permission: string | null;
}

export const settingsSections: SettingsSection[] = [
  { path: 'account', label: 'settingsMyAccount', permission: null },
  { path: 'staff', label: 'settingsStaff', permission: 'manageStaff' },
  { path: 'tokens', label: 'settingsApiTokens', permission: 'manageApiTokens' },
  { path: 'policy', label: 'settingsCancellationPolicy', permission: 'managePolicy' },
  { path: 'audit', label: 'settingsAuditLog', permission: 'readAuditLog' },
  // The desk reads closures (to move what is inside); only those who manage clinics change them.
  { path: 'closures', label: 'settingsClosures', permission: 'bookAppointment' },
  { path: 'webhooks', label: 'settingsWebhooks', permission: 'manageWebhooks' },
  { path: 'providers', label: 'settingsProviders', permission: 'manageProviders' },
  { path: 'clinics', label: 'settingsClinics', permission: 'manageClinics' },
  { path: 'services', label: 'settingsServices', permission: 'manageClinics' },
  { path: 'packages', label: 'settingsPackages', permission: 'manageCatalogue' },
];

/** The sections a person with these permissions sees. */
export function sectionsFor(permissions: readonly string[]): SettingsSection[] {
  return settingsSections.filter((section) => section.permission === null || permissions.includes(section.permission));
}
