import '../shared/base.css';
import './visitor.css';
import './visitor-info.css';
import './visitor-booking.css';
import { startVisitorHome } from './home/start-home.tsx';
import { browserPageOptions, pageRoot } from './page-options.ts';

startVisitorHome(pageRoot(), browserPageOptions());
