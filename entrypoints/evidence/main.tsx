import { render } from 'preact';
import './evidence.css';
import { EvidenceApp } from './app';
import { pickLang } from './strings';

const lang = pickLang(new URLSearchParams(location.search).get('lang'), navigator.language);
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
render(<EvidenceApp lang={lang} />, document.getElementById('app')!);
