import { memo, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../shared/format.ts';
import { SERIAL_LOG_MAX, type LogLine, type SerialLog as Log } from './useSerialLog.ts';

/** `HH:mm:ss.mmm` in the hall's time zone (Indonesia's zones are whole hours: seconds are UTC's). */
function logTime(at: number, timeZone: string): string {
  const date = new Date(at);
  const ss = String(date.getUTCSeconds()).padStart(2, '0');
  const ms = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${formatTime(at, timeZone)}:${ss}.${ms}`;
}

/**
 * The serial line as text: newest at the bottom, each line marked in or out by an arrow and a
 * word (not colour alone), monospace. Scrollable by keyboard; not a live region (a screen reader
 * reading every PING would drown the rest of the screen).
 */
export function SerialLog({ log, timeZone }: { log: Log; timeZone: string }) {
  const { t } = useTranslation();
  const ids = { title: useId(), hint: useId() };
  const scroller = useRef<HTMLDivElement>(null);
  const { lines, paused } = log;

  useEffect(() => {
    const box = scroller.current;
    if (box && !paused) box.scrollTop = box.scrollHeight;
  }, [lines, paused]);

  return (
    <section className="hw-section hw-log" aria-labelledby={ids.title}>
      <div className="hw-section-head">
        <h2 id={ids.title} className="hw-title">
          {t('hardware.logHeading')}
        </h2>
        <div className="hw-row">
          <button type="button" className="hw-button" aria-pressed={paused} onClick={paused ? log.resume : log.pause}>
            <span aria-hidden="true">{paused ? '▶ ' : '‖ '}</span>
            {paused ? t('hardware.resume') : t('hardware.pause')}
          </button>
          <button type="button" className="hw-button" onClick={log.clear}>
            {t('hardware.clear')}
          </button>
        </div>
      </div>
      <p id={ids.hint} className="field-hint">
        {t('hardware.logHint', { max: SERIAL_LOG_MAX })}
        {log.held > 0 && <strong className="hw-held"> {t('hardware.held', { count: log.held })}</strong>}
      </p>
      <div ref={scroller} className="serial-log" tabIndex={0} aria-labelledby={ids.title} aria-describedby={ids.hint}>
        {lines.length === 0 ? (
          <p className="serial-log-empty">{t('hardware.logEmpty')}</p>
        ) : (
          <ol className="serial-lines">
            {lines.map((line) => (
              <Line key={line.id} line={line} timeZone={timeZone} dir={line.dir === 'in' ? t('hardware.dirIn') : t('hardware.dirOut')} />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

/** One line; memoised, so a new batch renders only its own lines. */
const Line = memo(function Line({ line, timeZone, dir }: { line: LogLine; timeZone: string; dir: string }) {
  return (
    <li className={`serial-line serial-${line.dir}`} data-dir={line.dir}>
      <span className="serial-dir">
        <span aria-hidden="true">{line.dir === 'in' ? '← ' : '→ '}</span>
        {dir}
      </span>{' '}
      <span className="serial-time">{logTime(line.at, timeZone)}</span> <code className="serial-text">{line.text}</code>
    </li>
  );
});
