import '../shared/base.css';
import '../shared/device-enrollment.css';
import './kiosk.css';
import './kiosk-checkin.css';
import './kiosk-ticket.css';
import './print-ticket.css';
import { startKioskApp } from './bootstrap.tsx';
import { browserDeviceStorage } from '../shared/device-enrollment.tsx';

const container = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
startKioskApp(container, { storage: browserDeviceStorage() });
