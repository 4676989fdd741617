import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Plain text cut to a few lines, with "Show all" / "Show less" when it is longer. Never
 * Markdown: the chat history shows prompts and replies as the text they are. */
export function ClampedText({ text, what, testId }: { text: string; what: string; testId?: string }) {
  const [open, setOpen] = useState(false);
  const [long, setLong] = useState(false);
  const ref = useRef<HTMLParagraphElement>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && !open) setLong(el.scrollHeight > el.clientHeight + 1);
  }, [text, open]);

  if (!text) {
    return (
      <p class="clamp-text muted" data-testid={testId}>
        —
      </p>
    );
  }
  return (
    <div class="clamp">
      <p ref={ref} class={`clamp-text${open ? ' open' : ''}`} data-testid={testId}>
        {text}
      </p>
      {(long || open) && (
        <button
          type="button"
          class="btn link clamp-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="clamp-toggle"
        >
          {open ? 'Show less' : `Show all of the ${what}`}
        </button>
      )}
    </div>
  );
}
