import { linkClick } from '../../lib/router';

export function NotFound() {
  return (
    <section class="screen">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. Go back to{' '}
        <a href="/" onClick={linkClick}>
          your workspaces
        </a>
        .
      </p>
    </section>
  );
}
