import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

/** An error the user must act on. Announced by screen readers (role=alert). */
export function ErrorNote(props: { message: string | null; id?: string; testId?: string }) {
  if (!props.message) return null;
  return (
    <p class="note note-error" role="alert" id={props.id} data-testid={props.testId ?? 'error'}>
      <span class="note-icon" aria-hidden="true">
        !
      </span>
      <span>{props.message}</span>
    </p>
  );
}

/** A confirmation that something worked. */
export function SuccessNote(props: { children: ComponentChildren; testId?: string }) {
  return (
    <div class="note note-success" role="status" data-testid={props.testId ?? 'success'}>
      <span class="note-icon" aria-hidden="true">
        ✓
      </span>
      <div>{props.children}</div>
    </div>
  );
}

/** Something to know before going on (why a session ended, what a password now is). */
export function InfoNote(props: { children: ComponentChildren; testId?: string; id?: string }) {
  return (
    <div class="note note-info" role="status" id={props.id} data-testid={props.testId ?? 'info'}>
      <span class="note-icon" aria-hidden="true">
        i
      </span>
      <div>{props.children}</div>
    </div>
  );
}

/**
 * A throttle's wait, counting down: the one message while it lasts (never beside a fixed
 * "wait 15 seconds"). Screen readers hear it once, when it starts; the seconds that follow
 * are not announced every second.
 */
export function RetryNote(props: { secs: number; testId?: string; id?: string }) {
  const [first] = useState(props.secs);
  return (
    <p class="note note-error" id={props.id} data-testid={props.testId ?? 'retry-wait'}>
      <span class="note-icon" aria-hidden="true">
        !
      </span>
      <span>
        <span class="sr-only" role="alert">
          Too many attempts. You can try again in {first} seconds.
        </span>
        <span aria-hidden="true" data-testid={`${props.testId ?? 'retry-wait'}-text`}>
          Too many attempts. You can try again in {props.secs} s.
        </span>
      </span>
    </p>
  );
}

/** A form action's refusal: its countdown while throttled (one live line), else its error. */
export function ActionError(props: { action: { error: string | null; waitSecs: number }; testId: string; id?: string }) {
  return props.action.waitSecs > 0 ? (
    <RetryNote secs={props.action.waitSecs} testId={`${props.testId}-wait`} id={props.id} />
  ) : (
    <ErrorNote message={props.action.error} testId={props.testId} id={props.id} />
  );
}
