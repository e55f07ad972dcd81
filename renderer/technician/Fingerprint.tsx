import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerProbe } from '../../core/ipc.ts';
import { fingerprintRows } from './server-address.ts';

/**
 * What the probe found: the certificate's SHA-256 fingerprint, big and in groups, with what to
 * compare it with; or, for a server on this PC over plain http, that there is no certificate.
 */
export function Fingerprint({ probe }: { probe: ServerProbe }) {
  const { t } = useTranslation();
  const titleId = useId();
  const helpId = useId();
  return (
    <section className="fingerprint" aria-labelledby={titleId} aria-describedby={helpId}>
      <p className="fingerprint-found">{t('technician.serverFound', { url: probe.url, version: probe.version })}</p>
      {probe.fingerprint256 === null ? (
        <>
          <h3 id={titleId} className="fingerprint-title">
            {t('technician.plainHttp')}
          </h3>
          <p id={helpId} className="field-hint">
            {t('technician.plainHttpHelp')}
          </p>
        </>
      ) : (
        <>
          <h3 id={titleId} className="fingerprint-title">
            {t('technician.fingerprintTitle')}
          </h3>
          <p id={helpId} className="fingerprint-help">
            {t('technician.fingerprintHelp')}
          </p>
          <div className="fingerprint-value" data-fingerprint={probe.fingerprint256}>
            {fingerprintRows(probe.fingerprint256).map((row, r) => (
              <p key={r} className="fingerprint-row">
                {row.map((pair, i) => (
                  <span key={i} className="fingerprint-pair">
                    {pair}
                  </span>
                ))}
              </p>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
