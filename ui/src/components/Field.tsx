import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface BaseProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: ComponentChildren;
  testId?: string;
  required?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  maxLength?: number;
  /** id of an error element describing this field */
  errorId?: string;
  invalid?: boolean;
}

interface InputProps extends BaseProps {
  type?: 'text' | 'password' | 'date' | 'number';
  autoComplete?: string;
  name?: string;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'url';
  placeholder?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
}

/** A labelled <input>: the <label for> makes it reachable by its text in tests and readers. */
export function Field(props: InputProps) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, props.errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        required={props.required}
        disabled={props.disabled}
        autoFocus={props.autoFocus}
        autoComplete={props.autoComplete ?? 'off'}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        min={props.min}
        max={props.max}
        step={props.step}
        aria-describedby={describedBy}
        aria-invalid={props.invalid ? 'true' : undefined}
        data-testid={props.testId}
        spellcheck={props.type === 'password' ? false : undefined}
      />
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

interface TextAreaProps extends BaseProps {
  rows?: number;
}

export function TextArea(props: TextAreaProps) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, props.errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        rows={props.rows ?? 3}
        value={props.value}
        onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)}
        required={props.required}
        disabled={props.disabled}
        maxLength={props.maxLength}
        aria-describedby={describedBy}
        aria-invalid={props.invalid ? 'true' : undefined}
        data-testid={props.testId}
      />
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

interface SelectProps<V extends string> {
  label: string;
  value: V;
  onChange: (value: V) => void;
  options: { value: V; label: string }[];
  hint?: ComponentChildren;
  testId?: string;
  disabled?: boolean;
}

/** A labelled <select>. */
export function Select<V extends string>(props: SelectProps<V>) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as V)}
        disabled={props.disabled}
        aria-describedby={hintId}
        data-testid={props.testId}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

interface CheckboxProps {
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ComponentChildren;
  testId?: string;
  disabled?: boolean;
  name?: string;
}

/** A checkbox wrapped in its <label>, so the whole line is clickable. */
export function Checkbox(props: CheckboxProps) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div class="check">
      <input
        id={id}
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
        disabled={props.disabled}
        aria-describedby={hintId}
        data-testid={props.testId}
      />
      <div>
        <label for={id}>{props.label}</label>
        {props.hint && (
          <p class="hint" id={hintId}>
            {props.hint}
          </p>
        )}
      </div>
    </div>
  );
}
