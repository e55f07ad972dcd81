import '../../shared/base.css';
import '../visitor.css';
import '../visitor-track.css';
import { browserPageOptions, pageRoot } from '../page-options.ts';
import { startTrackPage } from './start-track.tsx';

startTrackPage(pageRoot(), browserPageOptions());
