import { render } from 'preact';
import '../../src/ui/theme.css';
import { OptionsApp } from '../../src/ui/options-app';

render(<OptionsApp />, document.getElementById('app')!);
