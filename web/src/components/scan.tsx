/**
 * A scan field for the floor: a keyboard-wedge scanner (or a person) types a code and Enter;
 * where the browser has BarcodeDetector, "Camera" reads codes from the back camera instead.
 * Each code read goes to `onCode`; the field says what the last scan did.
 */
import { useEffect, useRef, useState } from 'react';
import { barcodeDetector } from '../lib/scan.ts';
import { useI18n } from '../i18n.tsx';

export function ScanBox(props: { onCode: (code: string) => string }) {
  const m = useI18n().t.scan;
  const [code, setCode] = useState('');
  const [said, setSaid] = useState('');
  const [camera, setCamera] = useState(false);
  const canCamera = typeof window !== 'undefined' && barcodeDetector() !== null;
  const take = (c: string) => {
    if (c.trim()) setSaid(props.onCode(c.trim()));
  };
  return (
    <div className="scan" data-testid="scan">
      {/* Not a form: the field also sits inside dialogs' forms, where Enter must not submit them. */}
      <div className="scan-row">
        <label className="field grow">
          <span className="field-label">{m.label}</span>
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            enterKeyHint="done"
            data-testid="scan-input"
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              take(code);
              setCode('');
            }}
          />
        </label>
        {canCamera ? (
          <button type="button" className="btn" aria-pressed={camera} onClick={() => setCamera((c) => !c)}>
            {m.camera}
          </button>
        ) : null}
      </div>
      {camera ? <CameraScan onCode={take} /> : null}
      <p className="small" role="status" aria-live="polite" data-testid="scan-status">
        {said}
      </p>
    </div>
  );
}

/** The back camera, read a few times a second; the same code is taken once per 1.5 s. */
function CameraScan(props: { onCode: (code: string) => void }) {
  const m = useI18n().t.scan;
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const onCode = useRef(props.onCode);
  onCode.current = props.onCode;
  useEffect(() => {
    const detector = barcodeDetector();
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let last = { code: '', at: 0 };
    let stopped = false;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (stopped || !video.current || !detector) return;
        video.current.srcObject = stream;
        await video.current.play();
        timer = setInterval(async () => {
          if (!video.current) return;
          const found = await detector.detect(video.current).catch(() => []);
          const code = found[0]?.rawValue;
          const now = Date.now();
          if (code && (code !== last.code || now - last.at > 1500)) {
            last = { code, at: now };
            onCode.current(code);
          }
        }, 250);
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      stopped = true;
      clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return error ? (
    <p className="neg small" role="alert">
      {m.noCamera(error)}
    </p>
  ) : (
    <video ref={video} className="scan-video" muted playsInline aria-label={m.cameraView} />
  );
}
