import { useCallback, useEffect, useState } from 'react';

/**
 * The home page's views in its URL, so a link, a reload and the phone's back button all work:
 * `/visitor/` service information, `?view=book[&service=ID]` booking, `?view=booking[&code=X]` one
 * booking (check, cancel).
 */
export type HomeView = { name: 'info' } | { name: 'book'; serviceId: string | null } | { name: 'booking'; code: string | null };

export function viewFromSearch(search: string): HomeView {
  const params = new URLSearchParams(search);
  const view = params.get('view');
  if (view === 'book') return { name: 'book', serviceId: params.get('service') || null };
  if (view === 'booking') return { name: 'booking', code: params.get('code') || null };
  return { name: 'info' };
}

export function searchOfView(view: HomeView): string {
  const params = new URLSearchParams();
  if (view.name === 'book') {
    params.set('view', 'book');
    if (view.serviceId) params.set('service', view.serviceId);
  } else if (view.name === 'booking') {
    params.set('view', 'booking');
    if (view.code) params.set('code', view.code);
  }
  const lang = new URLSearchParams(window.location.search).get('lang');
  if (lang) params.set('lang', lang);
  const text = params.toString();
  return text ? `?${text}` : window.location.pathname;
}

/** The current view and a navigate function (a new history entry unless `replace`). */
export function useHomeView(): [HomeView, (view: HomeView, options?: { replace?: boolean }) => void] {
  const [view, setView] = useState<HomeView>(() => viewFromSearch(window.location.search));
  useEffect(() => {
    const back = (): void => setView(viewFromSearch(window.location.search));
    window.addEventListener('popstate', back);
    return () => window.removeEventListener('popstate', back);
  }, []);
  const navigate = useCallback((next: HomeView, options: { replace?: boolean } = {}) => {
    const url = searchOfView(next);
    try {
      if (options.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
    } catch {
      // an opaque or sandboxed origin: the view still changes, the address does not
    }
    setView(next);
    window.scrollTo?.({ top: 0 });
  }, []);
  return [view, navigate];
}
