import '../../shared/base.css';
import '../visitor.css';
import '../visitor-survey.css';
import { browserPageOptions, pageRoot } from '../page-options.ts';
import { startSurveyPage } from './start-survey.tsx';
import { surveyAddress } from './SurveyPage.tsx';

// A tablet shared at the counter starts every visitor in Bahasa Indonesia; a visitor's own phone remembers their choice.
startSurveyPage(pageRoot(), browserPageOptions({ rememberLanguage: !surveyAddress(window.location.search).atCounter }));
