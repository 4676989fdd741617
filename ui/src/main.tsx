// The shared styles first: feature styles (imported by their screens) come after them.
import './styles/theme.css';
import './styles/base.css';
import { render } from 'preact';
import { App } from './features/shell/App';
import { applyTheme, loadTheme } from './lib/theme';

// Apply a stored light/dark choice before the first render (no inline script is allowed by
// the CSP, so this is the earliest point).
applyTheme(loadTheme());

const root = document.getElementById('app');
if (root) render(<App />, root);
