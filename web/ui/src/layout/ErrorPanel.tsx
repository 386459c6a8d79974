import { ApiError } from '../api/api-error';
import styles from './Feedback.module.css';

export interface ErrorPanelProps {
  /** Heading; defaults to "Something went wrong". */
  title?: string;
  /** An error to show; an ApiError contributes its code and request id. */
  error?: Error;
  /** Stable error code, when not taken from `error`. */
  code?: string;
  /** Message, when not taken from `error`. */
  message?: string;
  /** Request id to quote to support, when not taken from `error`. */
  requestId?: string;
  /** One recovery action, e.g. retry. */
  action?: { label: string; onClick: () => void };
  /** Centre on the whole page. */
  fullPage?: boolean;
}

/** An error with its stable code, message and request id, announced to screen readers. */
export function ErrorPanel(props: ErrorPanelProps) {
  const apiError = props.error instanceof ApiError ? props.error : undefined;
  const code = props.code ?? apiError?.code ?? (props.error as { code?: string } | undefined)?.code;
  const message = props.message ?? props.error?.message ?? 'An unexpected error occurred.';
  const requestId = props.requestId ?? apiError?.requestId;
  const body = (
    <section className={`${styles.panel} ${styles.error}`} role="alert">
      <h2>{props.title ?? 'Something went wrong'}</h2>
      <p>{message}</p>
      {(code || requestId) && (
        <dl className={styles.meta}>
          {code && (
            <>
              <dt>Code</dt>
              <dd data-testid="error-code">{code}</dd>
            </>
          )}
          {requestId && (
            <>
              <dt>Request id</dt>
              <dd data-testid="error-request-id">{requestId}</dd>
            </>
          )}
        </dl>
      )}
      {props.action && (
        <div className={styles.actions}>
          <button type="button" className="kpi-button" onClick={props.action.onClick}>
            {props.action.label}
          </button>
        </div>
      )}
    </section>
  );
  return props.fullPage ? <div className={styles.fullPage}>{body}</div> : body;
}
