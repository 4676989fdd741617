/** "Loading …" while a screen's data is on its way (announced politely). */
export function Loading({ children, center }: { children: string; center?: boolean }) {
  return (
    <p class={center ? 'muted center' : 'muted'} role="status">
      {children}
    </p>
  );
}
