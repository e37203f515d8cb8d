import { useMemo } from 'react';
import { mailDocument, withRemoteImages } from '../lib/email-html';
import { useI18n } from '../i18n/i18n-context';

/**
 * The mail as its sender formatted it, in an iframe sandboxed without scripts or same-origin
 * access; remote images stay blocked (CSP and no src) until the agent allows them.
 */
export function EmailHtmlFrame({ html, allowRemote }: { html: string; allowRemote: boolean }) {
  const { t } = useI18n();
  const doc = useMemo(() => mailDocument(allowRemote ? withRemoteImages(html) : html, allowRemote), [html, allowRemote]);
  return (
    <iframe
      className="email-msg__frame"
      data-testid="email-html"
      title={t('email.htmlTitle')}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={doc}
    />
  );
}
