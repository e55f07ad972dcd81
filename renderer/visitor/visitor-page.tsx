import { StrictMode, useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { VISITOR_HOME_PATH, trackingPagePath } from '../../core/visitor-pages.ts';
import { currentLanguage, type Language, type LanguageStorage } from '../shared/languages.ts';
import { LanguageSwitch, useDocumentLanguage } from '../shared/language.tsx';
import { createPublicApi, type PublicApi } from './public-api.ts';
import { createVisitorI18n } from './visitor-i18n.ts';

export interface VisitorPageOptions {
  /** The hall server's fetch (a fake in tests). */
  fetch?: typeof fetch;
  /** '' = the page's own origin, which serves the API. */
  baseUrl?: string;
  /** Remembers the visitor's language (localStorage); none on a shared tablet, so each visitor starts in Bahasa Indonesia. */
  storage?: LanguageStorage | undefined;
  /** Start in this language (e.g. `?lang=en` in a link). */
  language?: Language | undefined;
}

/** Mounts one visitor page: i18n (Bahasa Indonesia by default) and the public API, no device enrollment. */
export function mountVisitorPage(container: Element, options: VisitorPageOptions, page: (api: PublicApi) => ReactNode): Root {
  const i18n = createVisitorI18n(options.storage);
  if (options.language) void i18n.changeLanguage(options.language);
  document.documentElement.lang = currentLanguage(i18n);
  const api = createPublicApi({ baseUrl: options.baseUrl, fetch: options.fetch, language: () => currentLanguage(i18n) });
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>{page(api)}</I18nextProvider>
    </StrictMode>,
  );
  return root;
}

export type VisitorSection = 'info' | 'book' | 'booking' | 'track' | 'skm';

/** The links of the menu; the home page's own views (info, book, booking) are switched without a reload. */
export const SECTION_HREF: Record<Exclude<VisitorSection, 'skm'>, string> = {
  info: VISITOR_HOME_PATH,
  book: `${VISITOR_HOME_PATH}?view=book`,
  booking: `${VISITOR_HOME_PATH}?view=booking`,
  track: trackingPagePath('').replace(/\?.*$/, ''),
};

interface VisitorShellProps {
  current: VisitorSection;
  /** What the browser tab says (the page's own title; the site name is added). */
  title: string;
  hallName?: string | null | undefined;
  /** Switches a home-page view in place; other links load their page. */
  onNavigate?: ((section: 'info' | 'book' | 'booking') => void) | undefined;
  /** The tablet at the counter: no menu, nothing to wander off to. */
  bare?: boolean;
  children: ReactNode;
}

/** Header (site, hall, language), the menu, the page, and where to get help. Mobile first. */
export function VisitorShell({ current, title, hallName, onNavigate, bare = false, children }: VisitorShellProps) {
  const { t } = useTranslation();
  useDocumentLanguage();
  const site = t('visitorPages.site');
  useEffect(() => {
    document.title = `${title} – ${hallName || site}`;
  }, [title, hallName, site]);

  const link = (section: Exclude<VisitorSection, 'skm'>, label: string) => {
    const click =
      onNavigate && section !== 'track'
        ? (event: MouseEvent<HTMLAnchorElement>) => {
            if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            onNavigate(section);
          }
        : undefined;
    return (
      <li>
        <a href={SECTION_HREF[section]} className="v-nav-link" aria-current={current === section ? 'page' : undefined} onClick={click}>
          {label}
        </a>
      </li>
    );
  };

  return (
    <div className="v-page">
      <a className="v-skip" href="#v-main">
        {t('visitorPages.skip')}
      </a>
      <header className="v-header">
        <div className="v-header-text">
          <p className="v-site">{site}</p>
          {hallName ? <p className="v-hall">{hallName}</p> : null}
        </div>
        <LanguageSwitch className="v-lang" compact />
      </header>
      {bare ? null : (
        <nav className="v-nav" aria-label={t('visitorPages.nav')}>
          <ul className="v-nav-list">
            {link('info', t('visitorPages.navInfo'))}
            {link('book', t('visitorPages.navBook'))}
            {link('track', t('visitorPages.navTrack'))}
            {link('booking', t('visitorPages.navBooking'))}
          </ul>
        </nav>
      )}
      <main id="v-main" className="v-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="v-footer">{t('visitorPages.footer')}</footer>
    </div>
  );
}

/** A problem box: what happened and what to do, with an optional retry. Announced as an alert. */
export function Problem({ text, onRetry, busy = false }: { text: string; onRetry?: (() => void) | undefined; busy?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="v-problem" role="alert">
      <p className="v-problem-text">{text}</p>
      {onRetry ? (
        <button type="button" className="v-button" onClick={onRetry} disabled={busy}>
          {t('visitorPages.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** The heading of a page or step: focused when it appears, so keyboard and screen-reader users start there. */
export function StepHeading({ children, level = 2, focus = true }: { children: ReactNode; level?: 1 | 2; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  const Tag = level === 1 ? 'h1' : 'h2';
  return (
    <Tag className="v-heading" tabIndex={-1} ref={ref}>
      {children}
    </Tag>
  );
}
