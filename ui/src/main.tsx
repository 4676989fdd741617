import { render } from 'preact';
import { App } from './app';
import { applyTheme, loadTheme } from './theme';
import './styles.css';

// Apply a stored light/dark choice before the first render (no inline script is allowed by
// the CSP, so this is the earliest point).
applyTheme(loadTheme());

const root = document.getElementById('app');
if (root) render(<App />, root);
