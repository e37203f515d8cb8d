/** One instant answer's form: the question, its keywords and example phrasings, the answer, its language. */
import { useState } from 'react';
import type { Answer, AnswerDraft, AnswerLocale } from '../api/bot-api';
import { useI18n } from '../i18n/i18n-context';
import { formatList, parseLineList, parseWordList } from '../lib/bot-form';

export function BotAnswerForm({
  answer,
  saving,
  error,
  onSave,
  onCancel,
}: {
  answer: Answer | null;
  saving: boolean;
  error: string | null;
  onSave(draft: AnswerDraft): void;
  onCancel(): void;
}) {
  const { t, locale: uiLocale } = useI18n();
  const [question, setQuestion] = useState(answer?.question ?? '');
  const [keywords, setKeywords] = useState(formatList(answer?.keywords ?? []));
  const [phrasings, setPhrasings] = useState(formatList(answer?.phrasings ?? []));
  const [text, setText] = useState(answer?.answer ?? '');
  const [locale, setLocale] = useState<AnswerLocale>(answer?.locale ?? uiLocale);
  const [enabled, setEnabled] = useState(answer?.enabled ?? true);
  const ready = question.trim() !== '' && text.trim() !== '';

  return (
    <form
      className="mb-form bot-answer-form"
      data-testid="bot-answer-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        onSave({ question: question.trim(), keywords: parseWordList(keywords), phrasings: parseLineList(phrasings), answer: text.trim(), locale, enabled });
      }}
    >
      <h3>{answer ? t('bot.answer.editTitle') : t('bot.answer.newTitle')}</h3>
      <div className="bot-grid">
        <label>
          {t('bot.answer.question')}
          <input type="text" value={question} maxLength={500} onChange={(e) => setQuestion(e.target.value)} data-testid="bot-answer-question" />
        </label>
        <label>
          {t('bot.answer.locale')}
          <select value={locale} onChange={(e) => setLocale(e.target.value as AnswerLocale)} data-testid="bot-answer-locale">
            <option value="zh-CN">{t('bot.locale.zh-CN')}</option>
            <option value="en">{t('bot.locale.en')}</option>
          </select>
        </label>
        <label className="bot-switch">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="bot-answer-enabled" /> {t('bot.answer.enabled')}
        </label>
      </div>
      <label>
        {t('bot.answer.keywords')}
        <textarea rows={3} value={keywords} onChange={(e) => setKeywords(e.target.value)} data-testid="bot-answer-keywords" />
        <span className="muted bot-hint">{t('bot.answer.keywordsHint', { count: parseWordList(keywords).length })}</span>
      </label>
      <label>
        {t('bot.answer.phrasings')}
        <textarea rows={3} value={phrasings} onChange={(e) => setPhrasings(e.target.value)} data-testid="bot-answer-phrasings" />
        <span className="muted bot-hint">{t('bot.answer.phrasingsHint', { count: parseLineList(phrasings).length })}</span>
      </label>
      <label>
        {t('bot.answer.answer')}
        <textarea rows={4} value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} data-testid="bot-answer-text" />
      </label>
      {error && (
        <p className="notice notice--error" role="alert" data-testid="bot-answer-error">
          {t('bot.saveError', { message: error })}
        </p>
      )}
      <div className="mb-form__bar">
        <button type="button" className="button" onClick={onCancel} data-testid="bot-answer-cancel">
          {t('bot.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={!ready || saving} data-testid="bot-answer-save">
          {saving ? t('bot.saving') : t('bot.save')}
        </button>
      </div>
    </form>
  );
}
