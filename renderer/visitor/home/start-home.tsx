import type { Root } from 'react-dom/client';
import { mountVisitorPage, type VisitorPageOptions } from '../visitor-page.tsx';
import { VisitorHome } from './VisitorHome.tsx';

/** Mounts `/visitor/`: service information, online booking, check and cancel a booking. */
export function startVisitorHome(container: Element, options: VisitorPageOptions = {}): Root {
  return mountVisitorPage(container, options, (api) => <VisitorHome api={api} />);
}
