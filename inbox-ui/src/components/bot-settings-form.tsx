/**
 * The bot's settings (GET/PUT /api/bot/settings): on or off, the emergency words and number,
 * the calendar whose closed hours get the out-of-hours notice, the notice itself with its
 * placeholders explained and previewed, and the instant-answer threshold when the server has one.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { botKeys, fetchBotSettings, fetchCalendars, saveBotSettings, type BotSettings } from '../api/bot-api';
import { useI18n } from '../i18n/i18n-context';
import { BotSaveBar } from './bot-save-bar';
import { exampleOpensAt, formatList, parseThreshold, parseWordList, previewNotice, unknownPlaceholders } from '../lib/bot-form';

export function BotSettingsForm() {
  const { t } = useI18n();
  const settings = useQuery({ queryKey: botKeys.settings, queryFn: ({ signal }) => fetchBotSettings(signal) });
  return (
    <section className="bot-section" data-testid="bot-settings">
      <h2>{t('bot.settings.title')}</h2>
      {settings.isError && <p className="notice notice--error">{t('bot.loadError', { message: settings.error.message })}</p>}
      {settings.isPending && <p className="muted">{t('app.loading')}</p>}
      {/* Mounted once per loaded value, so a background refetch never overwrites what is being typed. */}
      {settings.data && <SettingsFields initial={settings.data} />}
    </section>
  );
}

interface Fields {
  enabled: boolean;
  words: string;
  phone: string;
  notice: string;
  calendarId: string;
  threshold: string;
}

const fieldsOf = (s: BotSettings): Fields => ({
  enabled: s.enabled,
  words: formatList(s.emergencyWords),
  phone: s.emergencyPhone,
  notice: s.offHoursNotice,
  calendarId: s.calendarId,
  threshold: s.answerThreshold === undefined ? '' : String(s.answerThreshold),
});

function SettingsFields({ initial }: { initial: BotSettings }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(initial));
  const calendars = useQuery({ queryKey: botKeys.calendars, queryFn: ({ signal }) => fetchCalendars(signal), staleTime: 60_000 });
  const hasThreshold = initial.answerThreshold !== undefined;
  const threshold = hasThreshold ? parseThreshold(fields.threshold) : null;
  const save = useMutation({
    mutationFn: () =>
      saveBotSettings({
        enabled: fields.enabled,
        emergencyWords: parseWordList(fields.words),
        emergencyPhone: fields.phone.trim(),
        offHoursNotice: fields.notice.trim(),
        calendarId: fields.calendarId,
        ...(threshold !== null ? { answerThreshold: threshold } : {}),
      }),
    onSuccess: (saved) => {
      setFields(fieldsOf(saved));
      client.setQueryData(botKeys.settings, saved);
    },
  });
  const change = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    if (save.isSuccess || save.isError) save.reset();
    setFields((f) => ({ ...f, [key]: value }));
  };
  const unknown = unknownPlaceholders(fields.notice);
  const calendarOptions = calendars.data ?? [];
  const knownCalendar = calendarOptions.some((c) => c.id === fields.calendarId);
  const thresholdInvalid = hasThreshold && threshold === null;

  return (
    <form
      className="mb-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label className="bot-switch">
        <input type="checkbox" checked={fields.enabled} onChange={(e) => change('enabled', e.target.checked)} data-testid="bot-enabled" /> {t('bot.settings.enabled')}
      </label>
      <p className="muted">{t('bot.settings.enabledHint')}</p>

      <div className="bot-grid">
        <label>
          {t('bot.settings.phone')}
          <input type="text" value={fields.phone} maxLength={40} onChange={(e) => change('phone', e.target.value)} data-testid="bot-emergency-phone" />
        </label>
        <label>
          {t('bot.settings.calendar')}
          <select value={fields.calendarId} onChange={(e) => change('calendarId', e.target.value)} data-testid="bot-calendar">
            {!knownCalendar && <option value={fields.calendarId}>{fields.calendarId}</option>}
            {calendarOptions.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {hasThreshold && (
          <label>
            {t('bot.settings.threshold')}
            <input
              type="number"
              min={0}
              max={1}
              step={0.05}
              value={fields.threshold}
              onChange={(e) => change('threshold', e.target.value)}
              aria-invalid={thresholdInvalid}
              data-testid="bot-threshold"
            />
            <span className="muted bot-hint">{t('bot.settings.thresholdHint')}</span>
          </label>
        )}
      </div>

      <label htmlFor="bot-emergency-words">{t('bot.settings.words')}</label>
      <textarea id="bot-emergency-words" rows={4} value={fields.words} onChange={(e) => change('words', e.target.value)} data-testid="bot-emergency-words" />
      <p className="muted">{t('bot.settings.wordsHint', { count: parseWordList(fields.words).length })}</p>

      <label htmlFor="bot-notice">{t('bot.settings.notice')}</label>
      <textarea id="bot-notice" rows={4} maxLength={2000} value={fields.notice} onChange={(e) => change('notice', e.target.value)} data-testid="bot-notice" />
      <p className="muted">{t('bot.settings.noticeHint')}</p>
      {unknown.length > 0 && (
        <p className="notice notice--error" data-testid="bot-notice-unknown">
          {t('bot.settings.noticeUnknown', { names: unknown.map((n) => `{${n}}`).join(' ') })}
        </p>
      )}
      <div className="bot-preview" data-testid="bot-notice-preview">
        <span className="muted">{t('bot.settings.noticePreview')}</span>
        <div className="msg__text">{previewNotice(fields.notice, { opensAt: exampleOpensAt(new Date()), phone: fields.phone.trim() || '—' })}</div>
      </div>

      <BotSaveBar save={save} disabled={thresholdInvalid} testId="bot-settings" />
    </form>
  );
}
