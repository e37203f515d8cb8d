/** @jsxImportSource hono/jsx */
/** Sign-up, sign-in, address verification and password reset. */
import type { PageContext } from '../context.js';
import { Csrf, FieldError, Layout } from '../layout.js';

export type AuthErrors = Partial<Record<'email' | 'password' | 'displayName' | 'unit' | 'form', string>>;

function FormError({ errors }: { errors: AuthErrors }) {
  return errors.form ? (
    <p class="notice error" role="alert" data-testid="forum-form-error">
      {errors.form}
    </p>
  ) : null;
}

export function SignupPage({ ctx, values, errors }: { ctx: PageContext; values: { email: string; displayName: string; unit: string }; errors: AuthErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.signupTitle')}>
      <h1>{t('auth.signupTitle')}</h1>
      <FormError errors={errors} />
      <form method="post" action="/forum/signup" class="card">
        <Csrf ctx={ctx} />
        <label for="email">{t('auth.email')}</label>
        <input id="email" type="email" name="email" required maxlength={320} autocomplete="email" value={values.email} />
        <FieldError message={errors.email} />
        <label for="displayName">{t('auth.displayName')}</label>
        <input id="displayName" type="text" name="displayName" required maxlength={40} autocomplete="nickname" value={values.displayName} />
        <FieldError message={errors.displayName} />
        <label for="password">{t('auth.password')}</label>
        <p class="hint">{t('auth.passwordHint')}</p>
        <input id="password" type="password" name="password" required minlength={10} maxlength={1024} autocomplete="new-password" />
        <FieldError message={errors.password} />
        <label for="unit">{t('auth.unit')}</label>
        <p class="hint">{t('auth.unitHint')}</p>
        <input id="unit" type="text" name="unit" maxlength={60} value={values.unit} />
        <FieldError message={errors.unit} />
        <div class="row">
          <button type="submit" data-testid="forum-signup-submit">
            {t('auth.signupSubmit')}
          </button>
          <a href="/forum/login">{t('nav.login')}</a>
        </div>
      </form>
    </Layout>
  );
}

/** The same page whether the address was new or taken: no account enumeration. */
export function CheckEmailPage({ ctx, email }: { ctx: PageContext; email: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.checkEmailTitle')}>
      <h1>{t('auth.checkEmailTitle')}</h1>
      <p class="notice" data-testid="forum-check-email">
        {t('auth.checkEmail', { email })}
      </p>
    </Layout>
  );
}

export function LoginPage({ ctx, email, next, errors }: { ctx: PageContext; email: string; next: string; errors: AuthErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.loginTitle')}>
      <h1>{t('auth.loginTitle')}</h1>
      <FormError errors={errors} />
      <form method="post" action="/forum/login" class="card">
        <Csrf ctx={ctx} />
        <input type="hidden" name="next" value={next} />
        <label for="email">{t('auth.email')}</label>
        <input id="email" type="email" name="email" required autocomplete="email" value={email} />
        <label for="password">{t('auth.password')}</label>
        <input id="password" type="password" name="password" required autocomplete="current-password" />
        <div class="row">
          <button type="submit" data-testid="forum-login-submit">
            {t('auth.loginSubmit')}
          </button>
          <a href="/forum/reset">{t('auth.forgot')}</a>
        </div>
        <p class="meta">
          {t('auth.noAccount')} <a href="/forum/signup">{t('nav.signup')}</a>
        </p>
      </form>
    </Layout>
  );
}

/** A button, not the GET itself, verifies: mail scanners that open links change nothing. */
export function TokenFormPage({
  ctx,
  title,
  intro,
  action,
  token,
  submit,
  withPassword = false,
  errors = {},
}: {
  ctx: PageContext;
  title: string;
  intro: string;
  action: string;
  token: string;
  submit: string;
  withPassword?: boolean;
  errors?: AuthErrors;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <FormError errors={errors} />
      <form method="post" action={action} class="card">
        <p>{intro}</p>
        <Csrf ctx={ctx} />
        <input type="hidden" name="token" value={token} />
        {withPassword && (
          <>
            <label for="password">{t('auth.newPassword')}</label>
            <p class="hint">{t('auth.passwordHint')}</p>
            <input id="password" type="password" name="password" required minlength={10} maxlength={1024} autocomplete="new-password" />
            <FieldError message={errors.password} />
          </>
        )}
        <div class="row">
          <button type="submit" data-testid="forum-token-submit">
            {submit}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function ResetRequestPage({ ctx, errors }: { ctx: PageContext; errors: AuthErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.resetTitle')}>
      <h1>{t('auth.resetTitle')}</h1>
      <FormError errors={errors} />
      <form method="post" action="/forum/reset" class="card">
        <p>{t('auth.resetIntro')}</p>
        <Csrf ctx={ctx} />
        <label for="email">{t('auth.email')}</label>
        <input id="email" type="email" name="email" required autocomplete="email" />
        <FieldError message={errors.email} />
        <div class="row">
          <button type="submit">{t('auth.resetSubmit')}</button>
        </div>
      </form>
    </Layout>
  );
}

/** A one-paragraph page (reset sent, link invalid, unsubscribed, errors). */
export function MessagePage({ ctx, title, message, tone = 'info', status }: { ctx: PageContext; title: string; message: string; tone?: 'info' | 'error'; status?: number }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class={`notice${tone === 'error' ? ' error' : ''}`} data-testid="forum-message" data-status={status ?? 200}>
        {message}
      </p>
      <p>
        <a href="/forum">{ctx.t('error.back')}</a>
      </p>
    </Layout>
  );
}
