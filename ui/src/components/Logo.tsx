/** Hearth's mark: a flame over the hearth. Decorative. */
export function Logo() {
  return (
    <svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path
        class="logo-flame"
        d="M16 3c1.2 4.4 6.8 7.2 6.8 13.4A6.8 6.8 0 0 1 16 23.2a6.8 6.8 0 0 1-6.8-6.8c0-3 1.6-4.9 3.1-6.4.3 2 1.3 3.4 2.6 3.9C14 9.9 14.6 6.1 16 3Z"
      />
      <rect class="logo-hearth" x="5" y="25" width="22" height="3.2" rx="1.6" />
    </svg>
  );
}

/** The mark and the name, above the card of the lock, login and signed-out screens. */
export function Brand() {
  return (
    <div class="lock-brand">
      <Logo />
      <span>Hearth</span>
    </div>
  );
}
