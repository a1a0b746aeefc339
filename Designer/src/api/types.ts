/** Types the server's API shares across areas. Area-specific types live with their area. */

/** "文本" or {zh, en} in the server's JSON. */
export type LocalizedText = string | { zh: string; en?: string | null };

export type Role = 'staff' | 'contact' | 'leader' | 'legal' | 'coordinator' | 'administrator';

export const allRoles: Role[] = ['coordinator', 'leader', 'legal', 'contact', 'staff', 'administrator'];

/** GET /api/auth/me. */
export interface Profile {
  id: string;
  userName: string;
  displayName: string;
  agency: string;
  agencyName?: LocalizedText | null;
  roles: Role[];
  mustChangePassword: boolean;
  apiClient: boolean;
}

export type TrafficLight = 'green' | 'yellow' | 'red';

/** GET /api/agencies (filter: ?type=publicSecurity …). */
export interface Agency {
  code: string;
  name: LocalizedText;
  type: string;
  region?: string | null;
  parentCode?: string | null;
}
