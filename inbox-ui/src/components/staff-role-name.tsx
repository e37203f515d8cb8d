/** A role's name in the reader's language; a custom role (data, not code) shows its key. */
import { useI18n } from '../i18n/i18n-context';
import { isBuiltinRole } from '../lib/staff-rules';

export function useRoleName(): (role: string) => string {
  const { t } = useI18n();
  return (role) => (isBuiltinRole(role) ? t(`staff.role.${role}`) : role);
}
