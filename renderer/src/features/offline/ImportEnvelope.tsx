import { useState, type ChangeEvent } from 'react';
import { ContractFailure } from '../../data/contract.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CameraScanner } from './CameraScanner.tsx';
import { decodeImageFile, isUrPart } from './qrDecode.ts';
import type { EnvelopeImport } from './useEnvelopeImport.ts';

/** Three ways in for a request or a reply: the camera, pictures of its QR frames, or its file. */
export function ImportEnvelope({ importer, what }: { importer: EnvelopeImport; what: 'request' | 'reply' }) {
  const { t } = useI18n();
  const [camera, setCamera] = useState(false);
  const [unreadable, setUnreadable] = useState(0);
  const [reading, setReading] = useState(false);

  const readImages = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    setReading(true);
    let missed = 0;
    for (const file of files) {
      const text = await decodeImageFile(file).catch(() => null);
      if (text && isUrPart(text)) await importer.scanPart(text);
      else missed += 1;
    }
    setUnreadable(missed);
    setReading(false);
  };

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > 200_000) {
      importer.fail(
        new ContractFailure({ code: 'VALIDATION', message: `${file.name} is too large to be a signing ${what}.` }),
      );
      return;
    }
    await importer.importFile(await file.text());
  };

  const started = importer.parts > 0 && !importer.result;
  return (
    <div className="import-envelope">
      <div className="import-ways">
        <button type="button" onClick={() => setCamera(true)} disabled={camera}>
          {t('offline.import.camera')}
        </button>
        <label className="button-link file-button">
          {t('offline.import.images')}
          <input
            type="file"
            accept="image/*"
            multiple
            onChange={(event) => void readImages(event)}
            className="visually-hidden"
            data-testid={`${what}-images`}
          />
        </label>
        <label className="button-link file-button">
          {t(what === 'request' ? 'offline.import.requestFile' : 'offline.import.replyFile')}
          <input
            type="file"
            accept=".json,application/json,text/plain"
            onChange={(event) => void readFile(event)}
            className="visually-hidden"
            data-testid={`${what}-file`}
          />
        </label>
      </div>
      {camera && <CameraScanner onPart={(part) => void importer.scanPart(part)} onStop={() => setCamera(false)} />}
      {(started || reading) && (
        <div className="scan-progress">
          <label htmlFor={`${what}-progress`}>
            {t('offline.import.progress', { percent: Math.round(importer.progress * 100) })}
          </label>
          <progress id={`${what}-progress`} max={1} value={importer.progress} />
        </div>
      )}
      {unreadable > 0 && !importer.result && (
        <p className="hint field-error">{t('offline.import.unreadable', { count: unreadable })}</p>
      )}
      {importer.error !== null && <ErrorNotice error={importer.error} />}
    </div>
  );
}
