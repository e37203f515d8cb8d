/** @jsxImportSource hono/jsx */
/** Writing forms: a new topic, and the reply box under a topic. Both post multipart (images). */
import type { BoardView } from '../../port.js';
import type { PageContext } from '../context.js';
import { Csrf, FieldError, Layout } from '../layout.js';
import { boardName } from './browse.js';

export type FormErrors = Partial<Record<'title' | 'body' | 'images' | 'form', string>>;

export function ImagesField({ ctx, error, maxFiles, maxSize }: { ctx: PageContext; error?: string; maxFiles: number; maxSize: string }) {
  return (
    <>
      <label for="images">{ctx.t('form.images', { n: maxFiles, size: maxSize })}</label>
      <input id="images" type="file" name="images" accept="image/png,image/jpeg,image/gif,image/webp" multiple />
      <FieldError message={error} />
    </>
  );
}

export function NewTopicPage({
  ctx,
  board,
  values,
  errors,
  upload,
}: {
  ctx: PageContext;
  board: BoardView;
  values: { title: string; body: string };
  errors: FormErrors;
  upload: { maxFiles: number; maxSize: string };
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('board.newTopic')}>
      <p class="meta">
        <a href="/forum">{t('nav.boards')}</a> › <a href={`/forum/b/${board.slug}`}>{boardName(ctx, board)}</a> ›
      </p>
      <h1>{t('board.newTopic')}</h1>
      {board.isService && <p class="notice">{t('board.serviceNote')}</p>}
      {errors.form && <p class="notice error" role="alert">{errors.form}</p>}
      <form method="post" action={`/forum/b/${board.slug}/new`} enctype="multipart/form-data">
        <Csrf ctx={ctx} />
        <label for="title">{t('form.title')}</label>
        <input id="title" type="text" name="title" required maxlength={120} value={values.title} />
        <FieldError message={errors.title} />
        <label for="body">{t('form.body')}</label>
        <p class="hint">{t('form.bodyHint')}</p>
        <textarea id="body" name="body" required maxlength={20000}>
          {values.body}
        </textarea>
        <FieldError message={errors.body} />
        <ImagesField ctx={ctx} error={errors.images} maxFiles={upload.maxFiles} maxSize={upload.maxSize} />
        <div class="row">
          <button type="submit" data-testid="forum-submit">
            {t('form.submit')}
          </button>
          <a href={`/forum/b/${board.slug}`}>{t('form.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}
