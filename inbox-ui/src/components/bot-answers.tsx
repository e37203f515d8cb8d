/**
 * The instant answers (GET/POST /api/bot/answers, PATCH/DELETE /api/bot/answers/{id}): each
 * with its keywords and how often it was shown and rated helpful or not, and add / edit /
 * switch off / delete.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { botKeys, createAnswer, deleteAnswer, fetchAnswers, updateAnswer, type Answer, type AnswerDraft } from '../api/bot-api';
import { useI18n } from '../i18n/i18n-context';
import { helpfulShare } from '../lib/bot-form';
import { BotAnswerForm } from './bot-answer-form';

export function BotAnswers() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Answer | 'new' | null>(null);
  const list = useQuery({ queryKey: botKeys.answers, queryFn: ({ signal }) => fetchAnswers(signal) });
  const save = useMutation({
    mutationFn: (draft: AnswerDraft) => (editing && editing !== 'new' ? updateAnswer(editing.id, draft) : createAnswer(draft)),
    onSuccess: async () => {
      setEditing(null);
      await client.invalidateQueries({ queryKey: botKeys.answers });
    },
  });

  return (
    <section className="bot-section" data-testid="bot-answers">
      <h2>{t('bot.answers.title')}</h2>
      <p className="muted">{t('bot.answers.hint')}</p>
      {list.isError && <p className="notice notice--error">{t('bot.answers.loadError', { message: list.error.message })}</p>}
      {editing ? (
        <BotAnswerForm
          key={editing === 'new' ? 'new' : editing.id}
          answer={editing === 'new' ? null : editing}
          saving={save.isPending}
          error={save.error?.message ?? null}
          onSave={(draft) => save.mutate(draft)}
          onCancel={() => (save.reset(), setEditing(null))}
        />
      ) : (
        <>
          <ul className="mb-list">
            {(list.data ?? []).map((a) => (
              <AnswerCard key={a.id} answer={a} onEdit={() => (save.reset(), setEditing(a))} />
            ))}
          </ul>
          {list.data?.length === 0 && <p className="muted">{t('bot.answers.empty')}</p>}
          <button type="button" className="button button--primary" onClick={() => (save.reset(), setEditing('new'))} disabled={list.isError} data-testid="bot-answer-add">
            {t('bot.answers.add')}
          </button>
        </>
      )}
    </section>
  );
}

function AnswerCard({ answer, onEdit }: { answer: Answer; onEdit(): void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: botKeys.answers });
  const toggle = useMutation({ mutationFn: () => updateAnswer(answer.id, { enabled: !answer.enabled }), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => deleteAnswer(answer.id), onSuccess: refresh });
  const share = helpfulShare(answer.helpful, answer.unhelpful);
  const error = toggle.error ?? remove.error;

  return (
    <li className="mb-card" data-testid="bot-answer-card" data-answer-id={answer.id} data-enabled={answer.enabled}>
      <div className="mb-card__head">
        <strong data-testid="bot-answer-card-question">{answer.question}</strong>
        <span className="msg__tag">{t(`bot.locale.${answer.locale}`)}</span>
        {!answer.enabled && <span className="muted">· {t('bot.answers.off')}</span>}
      </div>
      <div className="bot-answer__text">{answer.answer}</div>
      {answer.keywords.length > 0 && (
        <div className="mb-card__row">
          <span className="muted">{t('bot.answer.keywords')}:</span>
          {answer.keywords.map((k) => (
            <span key={k} className="bot-chip">
              {k}
            </span>
          ))}
        </div>
      )}
      {answer.phrasings.length > 0 && <div className="mb-card__row muted">{t('bot.answers.phrasingCount', { count: answer.phrasings.length })}</div>}
      <div className="mb-card__row">
        <span data-testid="bot-answer-counts" data-shown={answer.shown} data-helpful={answer.helpful} data-unhelpful={answer.unhelpful}>
          {t('bot.answers.counts', { shown: answer.shown, helpful: answer.helpful, unhelpful: answer.unhelpful })}
          {share !== null && <> · {t('bot.answers.share', { percent: Math.round(share * 100) })}</>}
        </span>
        <span className="app-header__spacer" />
        {confirming ? (
          <>
            <span>{t('bot.answers.confirmDelete')}</span>
            <button type="button" className="button button--small bot-danger" onClick={() => remove.mutate()} disabled={remove.isPending} data-testid="bot-answer-delete-confirm">
              {t('bot.answers.delete')}
            </button>
            <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(false)}>
              {t('bot.cancel')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button button--small" onClick={() => toggle.mutate()} disabled={toggle.isPending} data-testid="bot-answer-toggle">
              {answer.enabled ? t('bot.answers.switchOff') : t('bot.answers.switchOn')}
            </button>
            <button type="button" className="button button--small" onClick={onEdit} data-testid="bot-answer-edit">
              {t('bot.answers.edit')}
            </button>
            <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(true)} data-testid="bot-answer-delete">
              {t('bot.answers.delete')}
            </button>
          </>
        )}
      </div>
      {error && <p className="notice notice--error">{t('bot.saveError', { message: error.message })}</p>}
    </li>
  );
}
