import { useEffect, useState } from 'preact/hooks';
import { api, qrUrl, type ServerStatus } from '../../api';
import { ErrorNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';

/** The address the QR code shows by default: the pinned one, else the best one. */
const defaultQr = (s: ServerStatus) => ((s.pinned && s.urls.includes(s.pinned) ? s.pinned : s.urls[0]) ?? null);

/** Every URL colleagues can use: copy, pin, and a QR code for the chosen one. */
export function ServerAddresses({ server, onChanged }: { server: ServerStatus; onChanged: (s: ServerStatus) => void }) {
  const [chosen, setChosen] = useState<string | null>(() => defaultQr(server));
  const [copied, setCopied] = useState<string | null>(null);
  const pin = useAction();
  // The chosen address stays while the server lists it; when it goes (or before there is
  // one), the default of that moment is kept, so pinning another one does not move the QR code.
  const keep = (s: ServerStatus) => (prev: string | null) => (prev && s.urls.includes(prev) ? prev : defaultQr(s));
  useEffect(() => setChosen(keep(server)), [server]);
  const qrFor = keep(server)(chosen);

  const pinUrl = async (url: string | null) => {
    const r = await pin.run(() => api.server.act(url ? { action: 'pin', url } : { action: 'unpin' }));
    if (r.ok) onChanged(r.result);
  };
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(url);
      window.setTimeout(() => setCopied((c) => (c === url ? null : c)), 2500);
    } catch {
      setCopied(null);
    }
  };

  const running = server.running;
  return (
    <div class="card" data-testid="server-urls">
      <h2>Addresses</h2>
      {server.urls.length === 0 ? (
        <p class="muted">This computer has no network address right now. Connect it to a network, then reload.</p>
      ) : (
        <>
          <p class="muted">
            {running
              ? 'Open one on a phone or another computer, or scan its QR code. The pinned one is shown first, in the tray too.'
              : 'These are the addresses the server will use once started.'}
          </p>
          <ErrorNote message={pin.error} testId="pin-error" />
          <div class="url-layout">
            <ul class="url-list">
              {server.urls.map((url) => (
                <li key={url} class={`url-item${qrFor === url ? ' selected' : ''}`} data-testid="server-url">
                  <span class="mono url-text" data-testid="server-url-text">
                    {url}
                  </span>
                  {server.pinned === url && (
                    <span class="pill pill-on" data-testid="server-url-pinned">
                      Pinned
                    </span>
                  )}
                  <div class="url-actions">
                    {running && (
                      <button
                        type="button"
                        class="btn small"
                        onClick={() => setChosen(url)}
                        aria-pressed={qrFor === url}
                        aria-label={`Show the QR code for ${url}`}
                        data-testid="server-url-qr"
                      >
                        QR
                      </button>
                    )}
                    <button type="button" class="btn small" onClick={() => copy(url)} aria-label={`Copy ${url}`} data-testid="server-url-copy">
                      {copied === url ? 'Copied' : 'Copy'}
                    </button>
                    {server.pinned !== url ? (
                      <button
                        type="button"
                        class="btn small"
                        onClick={() => pinUrl(url)}
                        disabled={pin.busy}
                        aria-label={`Pin ${url} as the main address`}
                        data-testid="server-url-pin"
                      >
                        Pin
                      </button>
                    ) : (
                      <button
                        type="button"
                        class="btn small"
                        onClick={() => pinUrl(null)}
                        disabled={pin.busy}
                        aria-label={`Unpin ${url}`}
                        data-testid="server-url-unpin"
                      >
                        Unpin
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
            {running && qrFor && (
              <figure class="qr" data-testid="server-qr">
                <img src={qrUrl(qrFor)} alt={`QR code for ${qrFor}`} width={200} height={200} />
                <figcaption class="mono">{qrFor}</figcaption>
              </figure>
            )}
          </div>
        </>
      )}
    </div>
  );
}
