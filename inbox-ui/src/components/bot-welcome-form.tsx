/** The Telegram /start welcome text (GET/PUT /api/settings/telegram-welcome), saved on its own. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { botKeys, fetchWelcome, saveWelcome } from '../api/bot-api';
import { useI18n } from '../i18n/i18n-context';
import { BotSaveBar } from './bot-save-bar';

export function BotWelcomeForm() {
  const { t } = useI18n();
  const welcome = useQuery({ queryKey: botKeys.welcome, queryFn: ({ signal }) => fetchWelcome(signal) });
  return (
    <section className="bot-section" data-testid="bot-welcome">
      <h2>{t('bot.welcome.title')}</h2>
      {welcome.isError && <p className="notice notice--error">{t('bot.loadError', { message: welcome.error.message })}</p>}
      {welcome.data && <WelcomeField initial={welcome.data.text} />}
    </section>
  );
}

function WelcomeField({ initial }: { initial: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [text, setText] = useState(initial);
  const save = useMutation({
    mutationFn: () => saveWelcome(text.trim()),
    onSuccess: (saved) => {
      setText(saved.text);
      client.setQueryData(botKeys.welcome, saved);
    },
  });
  return (
    <form
      className="mb-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <p className="muted">{t('bot.welcome.hint')}</p>
      <textarea
        rows={3}
        maxLength={4096}
        value={text}
        aria-label={t('bot.welcome.title')}
        onChange={(e) => {
          if (save.isSuccess || save.isError) save.reset();
          setText(e.target.value);
        }}
        data-testid="bot-welcome-text"
      />
      <BotSaveBar save={save} disabled={!text.trim()} testId="bot-welcome" />
    </form>
  );
}
