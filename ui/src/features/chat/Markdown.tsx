import { useLayoutEffect, useRef } from 'preact/hooks';
import { renderMarkdown } from './markdown';

/** Copies text: the Clipboard API where the page may use it (https, loopback), else the
 * older selection + copy command (a LAN address over plain http). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (window.isSecureContext && navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the older way.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'copy-buffer';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** Wraps each code block with a Copy button (made here, after sanitizing). */
function addCopyButtons(root: HTMLElement) {
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const box = document.createElement('div');
    box.className = 'code-block';
    pre.replaceWith(box);
    box.appendChild(pre);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn small copy-code';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy this code');
    button.dataset.testid = 'copy-code';
    box.appendChild(button);
  }
}

/** An assistant reply's Markdown, rendered safely (markdown.ts), with Copy on code blocks. */
export function Markdown({ text, testId }: { text: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.replaceChildren(renderMarkdown(text));
    addCopyButtons(el);
  }, [text]);

  const onClick = async (e: MouseEvent) => {
    const button = (e.target as Element | null)?.closest?.('button.copy-code');
    if (!(button instanceof HTMLButtonElement)) return;
    const code = button.parentElement?.querySelector('pre')?.textContent ?? '';
    const ok = await copyText(code);
    button.textContent = ok ? 'Copied' : 'Select and copy by hand';
    window.setTimeout(() => {
      if (button.isConnected) button.textContent = 'Copy';
    }, 2000);
  };

  return <div class="md" ref={ref} onClick={onClick} data-testid={testId} />;
}
