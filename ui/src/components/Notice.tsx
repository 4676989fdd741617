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
