// A tiny History-API router. The server answers every non-/api path with index.html, so deep
// links such as /settings/security work on reload.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'workspaces' }
  | { name: 'workspace'; slug: string; tab: WorkspaceTab }
  | { name: 'thread'; slug: string; threadId: string }
  | { name: 'share' }
  | { name: 'server' }
  | { name: 'users' }
  | { name: 'events' }
  | { name: 'chats' }
  | { name: 'usage' }
  | { name: 'queue' }
  | { name: 'settings'; section: SettingsSection }
  | { name: 'not-found'; path: string };

/** A workspace's page: its chats (`/workspaces/{slug}`) or its documents (`…/documents`). */
export type WorkspaceTab = 'chats' | 'documents';

export type SettingsSection = 'security' | 'profile' | 'memories' | 'appearance' | 'models' | 'system';
export const SETTINGS_SECTIONS: SettingsSection[] = ['security', 'profile', 'memories', 'appearance', 'models', 'system'];

/** A path segment decoded (as typed when it is not valid percent-encoding). */
function segment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseRoute(path: string): Route {
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/' || clean === '/workspaces') return { name: 'workspaces' };
  const ws = /^\/workspaces\/([^/]+)$/.exec(clean);
  if (ws) return { name: 'workspace', slug: segment(ws[1]), tab: 'chats' };
  const docs = /^\/workspaces\/([^/]+)\/documents$/.exec(clean);
  if (docs) return { name: 'workspace', slug: segment(docs[1]), tab: 'documents' };
  const th = /^\/workspaces\/([^/]+)\/threads\/([^/]+)$/.exec(clean);
  if (th) return { name: 'thread', slug: segment(th[1]), threadId: segment(th[2]) };
  if (clean === '/share') return { name: 'share' };
  if (clean === '/server' || clean === '/settings/sharing') return { name: 'server' };
  if (clean === '/admin/users' || clean === '/users') return { name: 'users' };
  if (clean === '/admin/events' || clean === '/events') return { name: 'events' };
  if (clean === '/admin/chats' || clean === '/chats') return { name: 'chats' };
  if (clean === '/admin/usage' || clean === '/usage') return { name: 'usage' };
  if (clean === '/queue') return { name: 'queue' };
  if (clean === '/settings') return { name: 'settings', section: 'security' };
  // The system settings were first only the sign-in ones.
  if (clean === '/settings/sign-in') return { name: 'settings', section: 'system' };
  const m = /^\/settings\/([a-z-]+)$/.exec(clean);
  if (m && (SETTINGS_SECTIONS as string[]).includes(m[1])) {
    return { name: 'settings', section: m[1] as SettingsSection };
  }
  return { name: 'not-found', path };
}

const EVENT = 'hearth:navigate';

export function navigate(to: string, replace = false): void {
  if (to === location.pathname) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(EVENT));
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    window.addEventListener('popstate', update);
    window.addEventListener(EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return parseRoute(path);
}

/** onClick for in-app <a href> links: plain clicks navigate without a reload. */
export function linkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.currentTarget as HTMLAnchorElement;
  if (a.target && a.target !== '_self') return;
  e.preventDefault();
  navigate(a.pathname);
}
