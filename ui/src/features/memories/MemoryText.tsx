import { TextArea } from '../../components/Field';
import { formatCount } from '../../lib/format';
import { MEMORY_MAX, memoryLength } from './rules';
import './memories.css';

/** A memory's text box with its character count against the limit (red when over). The count
 * has the test id `${testId}-count`. */
export function MemoryText(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  testId: string;
  rows?: number;
  invalid?: boolean;
}) {
  const n = memoryLength(props.value);
  const over = n > MEMORY_MAX;
  return (
    <TextArea
      label={props.label}
      value={props.value}
      onInput={props.onInput}
      rows={props.rows ?? 3}
      invalid={props.invalid || over}
      testId={props.testId}
      hint={
        <span class={`char-count${over ? ' over' : ''}`} data-testid={`${props.testId}-count`}>
          {formatCount(n)} / {formatCount(MEMORY_MAX)} characters
          {over ? ` (${formatCount(n - MEMORY_MAX)} too many)` : ''}
        </span>
      }
    />
  );
}
