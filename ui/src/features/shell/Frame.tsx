import { useEffect, useRef } from 'preact/hooks';
import { useRoute } from '../../lib/router';
import { SessionContext, type Session } from '../../lib/session';
import { ChatScreen } from '../chat/ChatScreen';
import { ChatsScreen } from '../chats/ChatsScreen';
import { EventsScreen } from '../events/EventsScreen';
import { QueueScreen } from '../queue/QueueScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { ServerScreen } from '../share/ServerScreen';
import { ShareScreen } from '../share/ShareScreen';
import { UsageScreen } from '../usage/UsageScreen';
import { UsersScreen } from '../users/UsersScreen';
import { WorkspaceScreen } from '../workspaces/WorkspaceScreen';
import { WorkspacesScreen } from '../workspaces/WorkspacesScreen';
import { Header } from './Header';
import { NotFound } from './NotFound';

/** The signed-in app: header, the current route's screen, footer. */
export function Frame({ session }: { session: Session }) {
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // Move focus to the new screen's heading after in-app navigation (not on first load).
  const routeKey =
    route.name === 'settings'
      ? `settings/${route.section}`
      : route.name === 'workspace'
        ? `workspace/${route.slug}`
        : route.name === 'thread'
          ? `thread/${route.threadId}`
          : route.name;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h1 = mainRef.current?.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus();
    }
  }, [routeKey]);

  let screen;
  let title;
  switch (route.name) {
    case 'workspaces':
      title = 'Workspaces';
      screen = <WorkspacesScreen session={session} />;
      break;
    case 'workspace':
      title = 'Workspace';
      screen = <WorkspaceScreen key={route.slug} session={session} slug={route.slug} tab={route.tab} />;
      break;
    case 'thread':
      title = 'Chat';
      screen = <ChatScreen key={route.threadId} session={session} slug={route.slug} threadId={route.threadId} />;
      break;
    case 'share':
      title = 'Share on your network';
      screen = <ShareScreen session={session} />;
      break;
    case 'server':
      title = 'Sharing';
      screen = <ServerScreen session={session} />;
      break;
    case 'users':
      title = 'Users';
      screen = <UsersScreen session={session} />;
      break;
    case 'events':
      title = 'Event log';
      screen = <EventsScreen session={session} />;
      break;
    case 'chats':
      title = 'Chat history';
      screen = <ChatsScreen session={session} />;
      break;
    case 'usage':
      title = 'Usage';
      screen = <UsageScreen session={session} />;
      break;
    case 'queue':
      title = 'Queue';
      screen = <QueueScreen session={session} />;
      break;
    case 'settings':
      title = 'Settings';
      screen = <SettingsScreen session={session} section={route.section} />;
      break;
    default:
      title = 'Not found';
      screen = <NotFound />;
  }

  useEffect(() => {
    document.title = `${title} · Hearth`;
  }, [title]);

  return (
    <SessionContext.Provider value={session}>
      <div class="app">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <Header session={session} route={route} />
        <main id="main" ref={mainRef} class="main">
          {screen}
        </main>
        <footer class="footer muted">
          Hearth {session.status.version}
          {session.status.mode === 'multi' ? ' · multi-user' : ''}
        </footer>
      </div>
    </SessionContext.Provider>
  );
}
