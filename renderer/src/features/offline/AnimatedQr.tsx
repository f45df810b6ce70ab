import { useEffect, useMemo, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract/ipc.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

type Envelope = MethodOutput<'offline.createRequest'>;

/** Four frames a second: slow enough for a phone or webcam to catch each one, fast enough to finish soon. */
const FRAME_MS = 250;

/** The envelope as an animated QR code (fountain-coded frames in a loop, with pause and stepping) and as a file to save. */
export function AnimatedQr({ envelope }: { envelope: Envelope }) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(true);
  const count = envelope.frames.length;
  useEffect(() => {
    if (!playing || count < 2) return undefined;
    const timer = setInterval(() => setIndex((current) => (current + 1) % count), FRAME_MS);
    return () => clearInterval(timer);
  }, [playing, count]);
  // A data: link downloads without a navigation and needs nothing revoked; the text is at most 200 kB.
  const fileUrl = useMemo(
    () => `data:application/json;charset=utf-8,${encodeURIComponent(envelope.fileText)}`,
    [envelope.fileText],
  );
  const frame = envelope.frames[index % Math.max(1, count)];
  const step = (by: number) => {
    setPlaying(false);
    setIndex((current) => (current + by + count) % count);
  };
  return (
    <div className="animated-qr">
      {frame && (
        <img
          className="qr-frame"
          src={frame.image}
          alt={t('offline.qr.alt', { n: index + 1, count })}
          data-testid="qr-frame"
          data-part={frame.part}
          width={320}
          height={320}
        />
      )}
      <p className="qr-counter" aria-live="off" data-testid="qr-counter">
        {t('offline.qr.counter', { n: index + 1, count })}
      </p>
      <div className="qr-controls">
        <button type="button" onClick={() => step(-1)} disabled={count < 2} aria-label={t('offline.qr.previous')}>
          ‹
        </button>
        <button type="button" onClick={() => setPlaying(!playing)} disabled={count < 2} aria-pressed={!playing}>
          {playing ? t('offline.qr.pause') : t('offline.qr.play')}
        </button>
        <button type="button" onClick={() => step(1)} disabled={count < 2} aria-label={t('offline.qr.next')}>
          ›
        </button>
        <a className="button-link" href={fileUrl} download={envelope.fileName}>
          {t('offline.qr.save')}
        </a>
      </div>
      <p className="hint">
        {t('offline.qr.hint')}{' '}
        <span className="mono" translate="no">
          {envelope.fileName}
        </span>
      </p>
    </div>
  );
}
