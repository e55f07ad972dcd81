import type { Root } from 'react-dom/client';
import { mountVisitorPage, type VisitorPageOptions } from '../visitor-page.tsx';
import { SurveyPage, surveyAddress } from './SurveyPage.tsx';

/** Mounts `/visitor/skm/`: the SKM survey of a finished ticket (`?code=`; `&source=counter` on the counter's tablet). */
export function startSurveyPage(container: Element, options: VisitorPageOptions & { search?: string; resetAfterMs?: number } = {}): Root {
  const { code, atCounter } = surveyAddress(options.search ?? window.location.search);
  return mountVisitorPage(container, options, (api) => <SurveyPage api={api} initialCode={code} atCounter={atCounter} resetAfterMs={options.resetAfterMs} />);
}
