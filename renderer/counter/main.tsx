import '../shared/base.css';
import './counter.css';
import { browserStorage, startCounterApp } from './bootstrap.tsx';

const container = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
startCounterApp(container, window.loket, browserStorage());
