import { NotAllowed } from '../../components/NotAllowed';
import { canRunServer, isAdmin, isMulti } from '../../lib/access';
import { linkClick, SETTINGS_SECTIONS, type SettingsSection } from '../../lib/router';
import type { Session } from '../../lib/session';
import { MemoriesSettings } from '../memories/MemoriesSettings';
import { ModelsSettings } from '../models/ModelsSettings';
import { ProfileSettings } from '../profile/ProfileSettings';
import { AppearanceSettings } from './AppearanceSettings';
import { SecuritySettings } from './SecuritySettings';
import { SystemSettings } from './SystemSettings';
import './settings.css';

const SECTION_TITLES: Record<SettingsSection, string> = {
  security: 'Security',
  profile: 'Profile',
  memories: 'Memories',
  appearance: 'Appearance',
  models: 'Models',
  system: 'System',
};

/** `/settings/{section}`: the sections' menu and the chosen one. */
export function SettingsScreen({ session, section }: { session: Session; section: SettingsSection }) {
  const admin = isAdmin(session.me);
  // Models and System are admins'.
  const sections = SETTINGS_SECTIONS.filter((s) => (s !== 'system' && s !== 'models') || admin);
  return (
    <section class="screen" aria-labelledby="settings-title">
      <div class="screen-head">
        <h1 id="settings-title">Settings</h1>
      </div>
      <div class="settings">
        <nav class="settings-nav" aria-label="Settings sections">
          {sections.map((s) => (
            <a
              key={s}
              href={`/settings/${s}`}
              onClick={linkClick}
              aria-current={s === section ? 'page' : undefined}
              data-testid={`settings-nav-${s}`}
            >
              {SECTION_TITLES[s]}
            </a>
          ))}
          {canRunServer(session.status, session.me) && (
            <a href="/server" onClick={linkClick} data-testid="settings-nav-sharing">
              Sharing
            </a>
          )}
        </nav>
        <div class="settings-body">
          {section === 'security' && <SecuritySettings session={session} />}
          {section === 'profile' && <ProfileSettings session={session} />}
          {section === 'memories' && <MemoriesSettings session={session} />}
          {section === 'appearance' && <AppearanceSettings session={session} />}
          {section === 'models' &&
            (admin ? (
              <ModelsSettings />
            ) : (
              <NotAllowed title="Models" message="Only an admin adds models and providers. Each workspace’s model is chosen by admins and managers." />
            ))}
          {section === 'system' &&
            (admin ? (
              <SystemSettings multi={isMulti(session.status)} />
            ) : (
              <NotAllowed title="System" message="Only an admin changes how people sign in, the idle time, the queue’s limits and the largest upload." />
            ))}
        </div>
      </div>
    </section>
  );
}
