import type { Profile } from '../api/types';

/**
 * The coordination office and the procuratorate by the deployment profile's standing agency codes (the default
 * profile's "sfj" and "jcy"); the profile object carries no agency type, and these codes are what the shipped
 * processes assign the office's and the procuratorate's tasks to.
 */
export const officeAgency = 'sfj';
export const procuratorateAgency = 'jcy';

export function isOffice(profile: Profile): boolean {
  return profile.roles.includes('administrator') || (profile.agency === officeAgency && profile.roles.includes('coordinator'));
}

export function isProcuratorate(profile: Profile): boolean {
  return profile.agency === procuratorateAgency;
}
