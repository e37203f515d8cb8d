import type { Message } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { recognizedText } from '../lib/attachment-display';
import { AttachmentList } from './attachment-list';
import { EmailMessageBody } from './email-message';

/** Content kinds that are not plain text or a file get a labelled line of their own. */
const KIND_LABELS: Record<string, { icon: string; key: MessageKey }> = {
  location: { icon: '📍', key: 'content.location' },
  contact: { icon: '👤', key: 'content.contact' },
  sticker: { icon: '🏷', key: 'content.sticker' },
  unsupported: { icon: '❔', key: 'content.unsupported' },
};

export function MessageContent({ message }: { message: Message }) {
  const { t } = useI18n();
  if (message.contentType === 'email') return <EmailMessageBody message={message} />;
  const kind = KIND_LABELS[message.contentType];
  const showKind = kind && !(message.contentType === 'sticker' && message.attachments.some((a) => a.kind === 'sticker'));
  return (
    <div className="msg__body">
      {showKind && (
        <div className={`msg__kind msg__kind--${message.contentType}`} data-content-type={message.contentType}>
          <span aria-hidden="true">{kind.icon}</span> {t(kind.key)}
        </div>
      )}
      {message.content && <div className="msg__text">{message.content}</div>}
      <AttachmentList attachments={message.attachments} messageId={message.id} senderName={message.sender.name ?? undefined} recognition={recognizedText(message.meta)} />
    </div>
  );
}
