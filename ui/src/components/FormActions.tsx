import { ErrorNote } from './Notice';

/** The end of a small edit form: its error, a submit button and Cancel. Test ids:
 * `${testId}-error` for the error and `${testId}-save` for the submit button. */
export function FormActions(props: {
  testId: string;
  error: string | null;
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      <ErrorNote message={props.error} testId={`${props.testId}-error`} />
      <div class="actions">
        <button type="submit" class="btn primary small" disabled={props.busy} data-testid={`${props.testId}-save`}>
          {props.submitLabel}
        </button>
        <button type="button" class="btn small" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
