import type { UserRef } from '../api/types';
import { useI18n } from '../i18n/i18n-context';

/**
 * Who else is in this conversation. When another agent types while this one has a draft, a
 * collision warning (two replies to the same owner) replaces the quiet indicator.
 */
export function CollisionBanner({ viewers, typers, drafting }: { viewers: UserRef[]; typers: UserRef[]; drafting: boolean }) {
  const { t } = useI18n();
  if (viewers.length === 0 && typers.length === 0) return null;
  const typingNames = typers.map((u) => u.name).join('、');
  if (typers.length > 0 && drafting) {
    return (
      <p className="notice notice--warn collision" role="alert" data-testid="collision-warning">
        {t('ws.collision.warning', { names: typingNames })}
      </p>
    );
  }
  return (
    <p className="collision collision--quiet muted" aria-live="polite" data-testid="collision-info">
      {typers.length > 0 ? t('ws.collision.typing', { names: typingNames }) : t('ws.collision.viewing', { names: viewers.map((u) => u.name).join('、') })}
    </p>
  );
}
