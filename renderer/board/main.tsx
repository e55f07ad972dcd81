import '../shared/base.css';
import '../shared/device-enrollment.css';
import './board.css';
import './motion.css';
import './sound.css';
import { browserDeviceStorage } from '../shared/device-enrollment.tsx';
import { hallStreamUrl } from '../shared/hall-stream.ts';
import { isLanguage } from '../shared/i18n.ts';
import { browserBoardAudio } from './board-audio.ts';
import { startBoardApp } from './bootstrap.tsx';

// The board is set up by its URL, as kiosk-mode browsers are: /board/?lang=en&pesan=Teks%20berjalan
const params = new URLSearchParams(window.location.search);
const language = params.get('lang');
const container = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
startBoardApp(container, {
  storage: browserDeviceStorage(),
  streamUrl: hallStreamUrl(window.location),
  message: params.get('pesan') ?? params.get('message'),
  language: isLanguage(language) ? language : undefined,
  audio: browserBoardAudio(window),
});
