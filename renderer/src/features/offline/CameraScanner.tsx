import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { decodeCanvas, isUrPart } from './qrDecode.ts';

type CameraProblem = 'unsupported' | 'denied' | 'noCamera' | 'failed';

/** Reading several frames a second is enough for a code that changes four times a second. */
const READ_EVERY_MS = 120;

function problemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return 'noCamera';
  return 'failed';
}

/**
 * The camera, asked for only once the person pressed "Scan with the camera": every few frames the
 * picture goes through a canvas into jsQR, and each BC-UR part found is handed on.
 */
export function CameraScanner({ onPart, onStop }: { onPart(part: string): void; onStop(): void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [problem, setProblem] = useState<{ kind: CameraProblem; detail?: string } | null>(null);
  const [live, setLive] = useState(false);
  const onPartRef = useRef(onPart);
  onPartRef.current = onPart;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setProblem({ kind: 'unsupported' });
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch (error) {
        setProblem({ kind: problemOf(error), ...(error instanceof Error ? { detail: error.message } : {}) });
        return;
      }
      if (stopped || !video.current) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      setLive(true);
      timer = setInterval(() => {
        const source = video.current;
        const target = canvas.current;
        if (!source || !target || source.videoWidth === 0) return;
        target.width = source.videoWidth;
        target.height = source.videoHeight;
        target.getContext('2d', { willReadFrequently: true })?.drawImage(source, 0, 0);
        void decodeCanvas(target).then((text) => {
          if (text && isUrPart(text)) onPartRef.current(text);
        });
      }, READ_EVERY_MS);
    };
    void start();
    return () => {
      stopped = true;
      clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div className="camera">
      {problem ? (
        <div className="notice notice-error" role="alert" data-code={problem.kind}>
          <p className="notice-title">{t(`offline.camera.${problem.kind}.title`)}</p>
          <p>{t(`offline.camera.${problem.kind}.step`)}</p>
          {problem.detail && (
            <p className="notice-detail" lang="en">
              {problem.detail}
            </p>
          )}
        </div>
      ) : (
        <p className="muted" role="status">
          {live ? t('offline.camera.live') : t('offline.camera.asking')}
        </p>
      )}
      <video
        ref={video}
        className={live ? 'camera-view' : 'camera-view hidden'}
        muted
        playsInline
        aria-label={t('offline.camera.view')}
      />
      <canvas ref={canvas} hidden />
      <div className="actions">
        <button type="button" onClick={onStop}>
          {t('offline.camera.stop')}
        </button>
      </div>
    </div>
  );
}
