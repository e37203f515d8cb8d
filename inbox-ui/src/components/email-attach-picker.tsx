/**
 * Files attached to an email reply in the composer: chosen here, sent base64 with the reply
 * (POST /api/conversations/{id}/messages `attachments`), delivered by the mailbox's SMTP.
 */
import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api/client';
import type { Message } from '../api/types';
import { applyMessage } from '../cache/apply-to-cache';
import { useI18n } from '../i18n/i18n-context';
import { formatSize } from '../lib/format-size';
import { readFileBase64 } from '../lib/read-file-base64';

export function useEmailAttachments(conversationId: string) {
  const client = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const send = useMutation({
    mutationFn: async (content: string) => {
      const attachments = await Promise.all(
        files.map(async (f) => ({ fileName: f.name, mimeType: f.type || 'application/octet-stream', data: await readFileBase64(f) })),
      );
      return apiRequest<Message>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
        method: 'POST',
        body: { content, private: false, attachments },
      });
    },
    onSuccess: (message) => applyMessage(client, conversationId, message, { keepExisting: true }),
  });
  return { files, setFiles, clear: () => setFiles([]), send };
}

export function EmailAttachPicker({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t, locale } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className="email-attach">
      <button type="button" className="button button--ghost button--small" onClick={() => input.current?.click()} data-testid="composer-attach">
        {t('email.attach')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="composer-attach-input"
        onChange={(event) => {
          onChange([...files, ...Array.from(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
      {files.map((file, index) => (
        <span key={`${file.name}-${index}`} className="email-attach__file" data-testid="composer-attachment">
          {file.name} · {formatSize(file.size, locale)}
          <button type="button" className="button button--ghost button--small" aria-label={t('email.attachRemove', { name: file.name })} onClick={() => onChange(files.filter((_, i) => i !== index))}>
            ×
          </button>
        </span>
      ))}
    </span>
  );
}
