// The event log names people and workspaces as people know them: an event stores ids (the
// actor's `userId`, `details.target`, `details.workspace`…); the users and workspaces lists
// (which admins may read) turn them into names, the id staying as a tooltip. An id that no
// longer resolves (a deleted account) falls back to what the event itself recorded.
import type { User, Workspace } from '../../api';

export interface Names {
  users: Map<string, User>;
  workspaces: Map<string, Workspace>;
}

export const NO_NAMES: Names = { users: new Map(), workspaces: new Map() };

export function namesFrom(users: User[], workspaces: Workspace[]): Names {
  return { users: new Map(users.map((u) => [u.id, u])), workspaces: new Map(workspaces.map((w) => [w.id, w])) };
}

/** A person as shown: `name` (display name, else username), `username` beside it when it
 * differs, `title` (the tooltip: the id). */
export interface PersonLabel {
  name: string;
  username: string | null;
  title: string;
}

/**
 * The person with this id. `atEvent`: the username the event recorded, null when it had none
 * (the owner before the first switch to multi-user mode: shown as "Owner", or the owner's
 * display name, whatever the owner is called today), undefined when the event does not say.
 * `named`: the name the engine gave the event (its `userName` / `targetName`), used when the
 * users list does not have the id.
 */
export function person(names: Names, id: string, atEvent?: string | null, named?: string | null): PersonLabel {
  const u = names.users.get(id);
  if (u) {
    if (u.isOwner && atEvent === null) {
      return { name: u.displayName || 'Owner', username: null, title: `The owner (before Hearth was shared) · id ${id}` };
    }
    const name = u.displayName || u.username || (u.isOwner ? 'Owner' : id);
    return { name, username: u.username && u.username !== name ? u.username : null, title: `id ${id}` };
  }
  if (named) return { name: named, username: atEvent && atEvent !== named ? atEvent : null, title: `id ${id}` };
  if (atEvent) return { name: atEvent, username: null, title: `id ${id} (no longer an account)` };
  return { name: id.slice(0, 8), username: null, title: `id ${id}` };
}

/** A workspace's name (from the list, else the engine's `workspaceName`), else the slug the
 * event recorded, else its id. */
export function workspaceName(names: Names, id: string, slug?: unknown, named?: string | null): { name: string; title: string } {
  const w = names.workspaces.get(id);
  if (w) return { name: w.name, title: `/${w.slug} · id ${id}` };
  if (named) return { name: named, title: `id ${id}` };
  if (typeof slug === 'string' && slug) return { name: `/${slug}`, title: `id ${id} (no longer a workspace)` };
  return { name: id, title: 'No longer a workspace' };
}
