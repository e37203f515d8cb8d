import { useAuth } from './auth/auth-context';
import { CenteredMessage } from './components/centered-message';
import { WorkspaceScreen } from './components/workspace-screen';
import { LoginScreen } from './components/login-screen';
import { TicketsLayer } from './components/tickets-layer';
import { ForumLayer } from './components/forum-layer';
import { StaffLayer } from './components/staff-layer';
import { useI18n } from './i18n/i18n-context';

export function App() {
  const { t } = useI18n();
  const auth = useAuth();

  if (!auth.token) return <LoginScreen />;
  if (auth.user) {
    return (
      <>
        <WorkspaceScreen token={auth.token} />
        <TicketsLayer />
        <ForumLayer />
        <StaffLayer />
      </>
    );
  }
  if (auth.checkError) {
    return (
      <CenteredMessage
        action={
          <button type="button" className="button button--primary" onClick={auth.retryCheck}>
            {t('app.retry')}
          </button>
        }
      >
        {t('app.serverError', { message: auth.checkError.message })}
      </CenteredMessage>
    );
  }
  return <CenteredMessage>{t('app.loading')}</CenteredMessage>;
}
