import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitch } from './language-switch';

export function LoginScreen() {
  const { t } = useI18n();
  const { login, expired } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (!email.trim() || !password) {
      setError(t('login.missing'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (caught) {
      if (caught instanceof ApiError && (caught.status === 401 || caught.status === 400 || caught.status === 403)) {
        setError(t('login.invalid'));
      } else {
        setError(t('login.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
      }
      setPending(false);
    }
  }

  return (
    <div className="login">
      <div className="login__lang">
        <LanguageSwitch />
      </div>
      <form className="login__card" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <h1 className="login__brand">{t('app.name')}</h1>
        <p className="login__subtitle">{t('login.subtitle')}</p>
        <h2 id="login-title" className="login__title">
          {t('login.title')}
        </h2>
        {expired && !error && (
          <p className="notice notice--info" role="status">
            {t('login.sessionExpired')}
          </p>
        )}
        {error && (
          <p className="notice notice--error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <label className="field">
          <span className="field__label">{t('login.email')}</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            autoFocus
            data-testid="login-email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('login.password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            data-testid="login-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <button type="submit" className="button button--primary" data-testid="login-submit" disabled={pending}>
          {pending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}
