import '../shared/base.css';
import './counter.css';
import './counter-serving.css';
import './counter-queue.css';
import './counter-forms.css';
import '../technician/hardware.css';
import { browserStorage, startCounterApp } from './bootstrap.tsx';

const container = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
startCounterApp(container, window.loket, browserStorage());
