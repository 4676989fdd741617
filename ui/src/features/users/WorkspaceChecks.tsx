import type { Workspace } from '../../api';
import { Checkbox } from '../../components/Field';

/** The workspaces a default user may use, as check boxes. */
export function WorkspaceChecks({
  workspaces,
  selected,
  onChange,
  legend,
  testId,
}: {
  workspaces: Workspace[];
  selected: string[];
  onChange: (ids: string[]) => void;
  legend: string;
  testId?: string;
}) {
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected.filter((x) => x !== id), id] : selected.filter((x) => x !== id));
  return (
    <fieldset class="checks" data-testid={testId}>
      <legend>{legend}</legend>
      {workspaces.length === 0 ? (
        <p class="hint">No workspaces yet. Create them on the Workspaces page.</p>
      ) : (
        workspaces.map((w) => (
          <Checkbox
            key={w.id}
            label={w.name}
            checked={selected.includes(w.id)}
            onChange={(on) => toggle(w.id, on)}
            testId={`ws-check-${w.slug}`}
          />
        ))
      )}
    </fieldset>
  );
}
