import type { ComponentChildren } from 'preact';

/** The buttons under a filter form: apply, reset (when something is filtered), the CSV of
 * what the filters select, and any more (`children`). Test ids `<testPrefix>-apply`, `-reset`,
 * `-csv`. */
export function FilterActions(props: {
  testPrefix: string;
  applyLabel?: string;
  resetLabel?: string;
  showReset: boolean;
  onReset: () => void;
  csvHref: string;
  csvName: string;
  children?: ComponentChildren;
}) {
  const t = props.testPrefix;
  return (
    <div class="actions">
      <button type="submit" class="btn primary" data-testid={`${t}-apply`}>
        {props.applyLabel ?? 'Filter'}
      </button>
      {props.showReset && (
        <button type="button" class="btn" onClick={props.onReset} data-testid={`${t}-reset`}>
          {props.resetLabel ?? 'Show all'}
        </button>
      )}
      <a class="btn" href={props.csvHref} download={props.csvName} data-testid={`${t}-csv`}>
        Download CSV
      </a>
      {props.children}
    </div>
  );
}
