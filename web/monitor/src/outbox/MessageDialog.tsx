import { useState } from 'react';
import { Dialog } from '../common/Dialog';
import { formatTime } from '../common/format-time';
import text from '../common/text.module.css';
import outbox from './outbox.module.css';
import { KIND_LABELS, type NotificationRecord, STATUS_LABELS } from './outbox-filter';

type View = 'html' | 'text';

/**
 * One outbox record: who, what, why (status) and the message as it was rendered, as HTML (in a sandboxed
 * frame: no scripts, no same-origin access, no navigation of this page) or as plain text.
 */
export function MessageDialog({ record, onClose }: { record: NotificationRecord; onClose: () => void }) {
  const [view, setView] = useState<View>(record.html ? 'html' : 'text');
  return (
    <Dialog title={record.subject} onClose={onClose} wide>
      <dl className={text.kv}>
        <dt>Status</dt>
        <dd>{STATUS_LABELS[record.status]}</dd>
        <dt>To</dt>
        <dd>{record.recipient ?? 'nobody (no recipients configured)'}</dd>
        <dt>Kind</dt>
        <dd>{KIND_LABELS[record.kind] ?? record.kind}</dd>
        <dt>Tenant</dt>
        <dd>{record.tenantId}</dd>
        <dt>At</dt>
        <dd>{formatTime(record.at)}</dd>
        <dt>Alerts</dt>
        <dd>
          {record.alertIds.map((id) => (
            <div key={id}>
              <code>{id}</code>
            </div>
          ))}
        </dd>
        {record.messageId && (
          <>
            <dt>Message id</dt>
            <dd>
              <code>{record.messageId}</code>
            </dd>
          </>
        )}
      </dl>
      {record.html && record.text && (
        <fieldset className={outbox.viewSwitch} aria-label="Show the message as">
          {(['html', 'text'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
              {v === 'html' ? 'HTML' : 'Text'}
            </button>
          ))}
        </fieldset>
      )}
      {record.html && view === 'html' ? (
        <iframe
          className={outbox.html}
          title="E-mail as HTML"
          sandbox=""
          srcDoc={record.html}
          data-testid="message-html"
        />
      ) : record.text ? (
        <pre className={outbox.message} data-testid="message-text">
          {record.text}
        </pre>
      ) : (
        <p className={text.summary}>No message body was rendered for this record (nothing was sent).</p>
      )}
    </Dialog>
  );
}
