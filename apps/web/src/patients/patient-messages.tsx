import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { PatientMessagesQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { DataTable } from '../layout/data-table';
import { EmptyState, ErrorNotice, Loading } from '../layout/states';
import '../appointments/appointments.css';
import './patient-messages.css';

/** Times in the reader's own zone: a patient's messages belong to no single clinic. */
const READER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The reminders sent to the patient by e-mail and SMS, newest first, with what became of each
 * (sent, failed and why, not sent and why) and the words sent. What the server shows is the
 * read policy's: staff who may see the patient.
 */
export function PatientMessages({ patientId }: { patientId: string }) {
  const { t, formatDateTime } = useLocale();
  const headingId = useId();
  const { data, loading, error, refetch } = useQuery(PatientMessagesQueryDocument, { variables: { id: patientId } });
  const patient = data?.node?.__typename === 'Patient' ? data.node : null;
  const messages = patient?.messages;
  return (
    <section className="patient-messages" aria-labelledby={headingId} aria-busy={loading}>
      <h2 id={headingId}>{t('patientMessagesTitle')}</h2>
      {error ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {messages && messages.length === 0 ? <EmptyState>{t('patientNoMessages')}</EmptyState> : null}
      {messages && messages.length > 0 ? (
        <>
          <p>{t('messageCount', { count: messages.length })}</p>
          <DataTable
            rows={messages}
            rowKey={(message) => message.id}
            className="appointment-table message-table"
            columns={[
              { key: 'when', header: t('messageWhen'), rowHeader: true, cellClassName: 'nowrap', cell: (message) => formatDateTime(message.sentAt ?? message.createdAt, READER_ZONE) },
              {
                key: 'status',
                header: t('messageStatus'),
                cell: (message) => (
                  <>
                    <span className={`badge message-${message.status.toLowerCase()}`}>{t(`messageStatus_${message.status}`)}</span>
                    {message.skipReason ? <span className="message-why">{t(`messageSkip_${message.skipReason}`)}</span> : null}
                    {message.status === 'FAILED' && message.error ? <span className="message-why">{t('messageFailed', { error: message.error })}</span> : null}
                  </>
                ),
              },
              {
                key: 'template',
                header: t('messageTemplate'),
                cellClassName: 'message-cell',
                cell: (message) => (
                  <>
                    {t(`messageTemplate_${message.template}`)}
                    {message.body ? (
                      <details>
                        <summary>{t('messageShowText')}</summary>
                        <div lang={message.language.toLowerCase()} dir={message.language === 'AR' ? 'rtl' : 'ltr'}>
                          {message.subject ? <strong>{message.subject}</strong> : null}
                          <p className="message-text">{message.body}</p>
                        </div>
                      </details>
                    ) : null}
                  </>
                ),
              },
              { key: 'channel', header: t('messageChannel'), cellClassName: 'nowrap', cell: (message) => t(`messageChannel_${message.channel}`) },
              { key: 'to', header: t('messageTo'), dir: 'ltr', cell: (message) => message.recipient ?? '—' },
            ]}
          />
        </>
      ) : null}
    </section>
  );
}
