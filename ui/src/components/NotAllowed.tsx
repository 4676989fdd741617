import { linkClick } from '../lib/router';
import { useSession } from '../lib/session';
import { ErrorNote } from './Notice';

/** A screen the signed-in person may not use: says why (the server's words) and where to go.
 * Only people who are not admins are told to ask one: an admin may be the only one. */
export function NotAllowed({ title, message }: { title: string; message: string }) {
  const session = useSession();
  const admin = session?.me.role === 'admin';
  return (
    <section class="screen" aria-labelledby="not-allowed-title" data-testid="not-allowed">
      <div class="screen-head">
        <h1 id="not-allowed-title">{title}</h1>
      </div>
      <div class="card narrow-wide">
        <ErrorNote message={message} testId="not-allowed-message" />
        <p class="muted" data-testid="not-allowed-next">
          {admin ? 'Meanwhile, go back to ' : 'If you need this, ask an admin of this Hearth. Meanwhile, go back to '}
          <a href="/" onClick={linkClick}>
            your workspaces
          </a>
          .
        </p>
      </div>
    </section>
  );
}
