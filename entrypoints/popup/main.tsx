import { render } from 'preact';
import '../../src/ui/theme.css';
import { PopupApp } from '../../src/ui/popup-app';

// Opened as a tab (popup.html?tabId=N) the page is wider than the toolbar popup.
const wide = new URLSearchParams(location.search).has('tabId') && window.innerWidth > 500;
render(<PopupApp wide={wide} />, document.getElementById('app')!);
