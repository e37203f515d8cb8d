/** @jsxImportSource hono/jsx */
/**
 * Sign-up, verification, sign-in, sign-out, password reset and unsubscribe. Sign-up and reset
 * show the same page whatever the address, and are rate limited per client address; sign-in
 * per address and per account email.
 */
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { ForumContext, ForumEnv, ForumWebConfig } from './context.js';
import { emailSchema, passwordSchema, text } from './forms.js';
import { CheckEmailPage, LoginPage, MessagePage, ResetRequestPage, SignupPage, TokenFormPage, type AuthErrors } from './pages/auth.js';
import { errorPage, pageContext, render } from './render.js';

type CookieBase = { path: string; httpOnly: boolean; sameSite: 'Lax'; secure: boolean };

export function baseUrl(c: ForumContext, config: ForumWebConfig): string {
  return (config.publicUrl ?? new URL(c.req.url).origin).replace(/\/$/, '');
}

/** Only a path inside the forum is a valid place to return to after sign-in. */
export function safeNext(next: string | undefined): string {
  return next && /^\/forum(\/[^\s\\]*)?$/.test(next) && !next.startsWith('//') ? next : '/forum';
}

export function authRoutes(config: ForumWebConfig, sessionCookie: string, cookieBase: CookieBase) {
  const app = new Hono<ForumEnv>();
  const { port } = config;
  const ctxOf = (c: ForumContext) => pageContext(c, config.timeZone);
  const limited = (c: ForumContext) => errorPage(c, config.timeZone, 429, 'error.rateLimited');

  app.get('/signup', (c) => render(c, <SignupPage ctx={ctxOf(c)} values={{ email: '', displayName: '', unit: '' }} errors={{}} />));

  app.post('/signup', async (c) => {
    if (!(await port.hitRateLimit(`signup:${config.clientIp(c)}`, config.limits.signupsPerHour, 3600))) return limited(c);
    const body = await c.req.parseBody({ all: true });
    const ctx = ctxOf(c);
    const { t } = ctx;
    const values = { email: text(body, 'email').trim(), displayName: text(body, 'displayName').trim(), unit: text(body, 'unit').trim() };
    const errors: AuthErrors = {};
    const email = emailSchema.safeParse(values.email);
    if (!email.success) errors.email = t('auth.invalidEmail');
    const password = text(body, 'password');
    if (!passwordSchema.safeParse(password).success) errors.password = t('auth.passwordShort');
    if (!values.displayName) errors.displayName = t('form.required', { field: t('auth.displayName') });
    else if (values.displayName.length > 40) errors.displayName = t('form.tooLong', { field: t('auth.displayName'), max: 40 });
    if (values.unit.length > 60) errors.unit = t('form.tooLong', { field: t('auth.unit'), max: 60 });
    if (Object.keys(errors).length > 0 || !email.success) {
      return render(c, <SignupPage ctx={ctx} values={values} errors={{ ...errors, form: t('form.fixErrors') }} />, 400);
    }
    await port.signUp({ email: email.data, password, displayName: values.displayName, unit: values.unit || null, baseUrl: baseUrl(c, config) });
    return render(c, <CheckEmailPage ctx={ctx} email={email.data} />);
  });

  app.get('/verify', (c) => {
    const ctx = ctxOf(c);
    return render(c, <TokenFormPage ctx={ctx} title={ctx.t('auth.verifyTitle')} intro={ctx.t('auth.verifyIntro')} action="/forum/verify" token={c.req.query('token') ?? ''} submit={ctx.t('auth.verifySubmit')} />);
  });

  app.post('/verify', async (c) => {
    const body = await c.req.parseBody();
    const token = text(body, 'token');
    if (token && (await port.verifyEmail(token))) return c.redirect('/forum/login?n=verified', 303);
    const ctx = ctxOf(c);
    return render(c, <MessagePage ctx={ctx} title={ctx.t('auth.verifyTitle')} message={ctx.t('auth.linkInvalid')} tone="error" status={400} />, 400);
  });

  app.get('/login', (c) => {
    if (c.get('viewer')) return c.redirect(safeNext(c.req.query('next')), 303);
    return render(c, <LoginPage ctx={ctxOf(c)} email="" next={safeNext(c.req.query('next'))} errors={{}} />);
  });

  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const ctx = ctxOf(c);
    const email = text(body, 'email').trim().toLowerCase().slice(0, 320);
    const next = safeNext(text(body, 'next'));
    // Failures are counted per account and per address with growing waits (the port decides).
    const result = await port.login(email, text(body, 'password'), baseUrl(c, config), config.clientIp(c));
    if (!result.ok && result.reason === 'throttled') {
      c.header('Retry-After', String(result.retryAfterSeconds));
      return limited(c);
    }
    if (!result.ok) {
      const status = result.reason === 'unverified' ? 403 : 401;
      const form = result.reason === 'unverified' ? ctx.t('auth.unverified') : ctx.t('auth.loginFailed');
      return render(c, <LoginPage ctx={ctx} email={email} next={next} errors={{ form }} />, status);
    }
    setCookie(c, sessionCookie, result.token, { ...cookieBase, expires: result.expiresAt });
    return c.redirect(next, 303);
  });

  app.post('/logout', async (c) => {
    const token = c.get('sessionToken');
    if (token) await port.logout(token);
    deleteCookie(c, sessionCookie, { path: cookieBase.path });
    return c.redirect('/forum?n=loggedOut', 303);
  });

  app.get('/reset', (c) => render(c, <ResetRequestPage ctx={ctxOf(c)} errors={{}} />));

  app.post('/reset', async (c) => {
    const body = await c.req.parseBody();
    const ctx = ctxOf(c);
    const email = emailSchema.safeParse(text(body, 'email'));
    if (!email.success) return render(c, <ResetRequestPage ctx={ctx} errors={{ email: ctx.t('auth.invalidEmail') }} />, 400);
    if (!(await port.hitRateLimit(`reset:${config.clientIp(c)}`, config.limits.signupsPerHour, 3600))) return limited(c);
    // Not awaited: a known address does more work than an unknown one, and the answer must
    // not take measurably longer for it.
    port.requestPasswordReset(email.data, baseUrl(c, config)).catch((err: unknown) => config.onError(err, c.req.path));
    return render(c, <MessagePage ctx={ctx} title={ctx.t('auth.resetTitle')} message={ctx.t('auth.resetSent')} />);
  });

  const resetForm = (c: ForumContext, token: string, errors: AuthErrors, status: 200 | 400 = 200) => {
    const ctx = ctxOf(c);
    return render(
      c,
      <TokenFormPage ctx={ctx} title={ctx.t('auth.resetTitle')} intro="" action="/forum/reset/confirm" token={token} submit={ctx.t('auth.resetConfirmSubmit')} withPassword errors={errors} />,
      status,
    );
  };

  app.get('/reset/confirm', (c) => resetForm(c, c.req.query('token') ?? '', {}));

  app.post('/reset/confirm', async (c) => {
    const body = await c.req.parseBody();
    const token = text(body, 'token');
    const password = text(body, 'password');
    if (!passwordSchema.safeParse(password).success) return resetForm(c, token, { password: ctxOf(c).t('auth.passwordShort') }, 400);
    if (token && (await port.resetPassword(token, password))) return c.redirect('/forum/login?n=passwordReset', 303);
    const ctx = ctxOf(c);
    return render(c, <MessagePage ctx={ctx} title={ctx.t('auth.resetTitle')} message={ctx.t('auth.linkInvalid')} tone="error" status={400} />, 400);
  });

  app.get('/unsubscribe', (c) => {
    const ctx = ctxOf(c);
    const token = c.req.query('token') ?? '';
    return render(
      c,
      <TokenFormPage ctx={ctx} title={ctx.t('unsubscribe.title')} intro={ctx.t('unsubscribe.intro')} action={`/forum/unsubscribe?token=${encodeURIComponent(token)}`} token={token} submit={ctx.t('unsubscribe.submit')} />,
    );
  });

  // Also the RFC 8058 one-click target: the signed token in the URL is the authorization.
  app.post('/unsubscribe', async (c) => {
    const ctx = ctxOf(c);
    const token = c.req.query('token') ?? '';
    if (token && (await port.unsubscribe(token))) return render(c, <MessagePage ctx={ctx} title={ctx.t('unsubscribe.title')} message={ctx.t('unsubscribe.done')} />);
    return render(c, <MessagePage ctx={ctx} title={ctx.t('unsubscribe.title')} message={ctx.t('auth.linkInvalid')} tone="error" status={400} />, 400);
  });

  return app;
}
