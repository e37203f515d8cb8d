/**
 * "Try a question" (试一试): runs an owner's wording through the instant-answer matcher
 * (POST /api/bot/answers/try) and shows each candidate's score against the threshold, and
 * whether the bot would answer or hand the owner to a person.
 */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { tryQuestion, type AnswerLocale } from '../api/bot-api';
import { useI18n } from '../i18n/i18n-context';
import { formatScore } from '../lib/bot-form';

export function BotTryBox() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [locale, setLocale] = useState<AnswerLocale | ''>('');
  const probe = useMutation({ mutationFn: () => tryQuestion(text.trim(), locale || undefined) });
  const result = probe.data;

  return (
    <section className="bot-section" data-testid="bot-try">
      <h2>{t('bot.try.title')}</h2>
      <p className="muted">{t('bot.try.hint')}</p>
      <form
        className="bot-try__bar"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) probe.mutate();
        }}
      >
        <input type="text" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('bot.try.placeholder')} aria-label={t('bot.try.placeholder')} maxLength={2000} data-testid="bot-try-text" />
        <select value={locale} onChange={(e) => setLocale(e.target.value as AnswerLocale | '')} aria-label={t('bot.answer.locale')} data-testid="bot-try-locale">
          <option value="">{t('bot.try.anyLocale')}</option>
          <option value="zh-CN">{t('bot.locale.zh-CN')}</option>
          <option value="en">{t('bot.locale.en')}</option>
        </select>
        <button type="submit" className="button button--primary button--small" disabled={!text.trim() || probe.isPending} data-testid="bot-try-submit">
          {t('bot.try.submit')}
        </button>
      </form>
      {probe.isError && <p className="notice notice--error">{t('bot.try.error', { message: probe.error.message })}</p>}
      {result && (
        <div className="bot-try__result" data-testid="bot-try-result" data-answers={result.answers}>
          <p className={result.answers ? 'bot-verdict bot-verdict--yes' : 'bot-verdict bot-verdict--no'} data-testid="bot-try-verdict">
            {result.answers && result.best
              ? t('bot.try.answers', { question: result.best.question, score: formatScore(result.best.score), threshold: formatScore(result.threshold) })
              : t('bot.try.handoff', { threshold: formatScore(result.threshold) })}
          </p>
          {result.candidates.length === 0 ? (
            <p className="muted">{t('bot.try.none')}</p>
          ) : (
            <ol className="bot-candidates">
              {result.candidates.map((c) => (
                <li key={c.id} className="bot-candidate" data-testid="bot-try-candidate" data-answer-id={c.id} data-score={c.score}>
                  <span className="bot-candidate__question">{c.question}</span>
                  <span className="bot-score" aria-hidden="true">
                    <span className={c.score >= result.threshold ? 'bot-score__bar bot-score__bar--over' : 'bot-score__bar'} style={{ width: formatScore(c.score) }} />
                    <span className="bot-score__threshold" style={{ left: formatScore(result.threshold) }} />
                  </span>
                  <strong data-testid="bot-try-score">{formatScore(c.score)}</strong>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
