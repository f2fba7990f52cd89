/**
 * 请评价本次服务: after serving an applicant, the clerk opens a window visit (POST
 * /api/window/visits) and shows its rating link as a large QR code, with the link beside it, for the
 * applicant's phone or the window's rating pad (no login, one rating per visit). The clerk's window
 * number is remembered on this computer. On screen only: it is not printed with the receipt.
 */
import { QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, Select } from 'antd';
import { useState } from 'react';
import { post, type ApiError } from '../api.ts';
import { storage, usePrefs } from '../prefs.tsx';
import type { Hall } from '../types.ts';
import { ProblemAlert } from '../ui/feedback.tsx';
import { toApiError } from '../useApi.ts';
import { useQr } from './qr.ts';

const WINDOW_KEY = 'hb.window.number';
const QR_SIZE = 280;

/** What POST /api/window/visits answers. */
interface Visit {
  id: string;
  token: string;
  ratingUrl: string;
  windowNumber: number;
  departmentName: string;
  itemName: string | null;
  openedAt: string;
}

export function RateVisit({ hall, caseId, personId }: { hall: Hall | null; caseId?: string; personId?: string }) {
  const { t } = usePrefs();
  const windows = (hall?.windows ?? []).filter((w) => w.active);
  const [chosen, setChosen] = useState(() => Number(storage.read(WINDOW_KEY)));
  const windowNumber = (windows.find((w) => w.number === chosen) ?? windows[0])?.number;
  const [visit, setVisit] = useState<Visit | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const url = visit ? `${window.location.origin}${visit.ratingUrl}` : null;
  const qr = useQr(url, QR_SIZE);

  const open = async () => {
    if (!hall || windowNumber === undefined) return;
    setBusy(true);
    setError(null);
    try {
      setVisit(await post<Visit>('/api/window/visits', { hallId: hall.id, windowNumber, ...(caseId ? { caseId } : {}), ...(personId ? { personId } : {}) }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="no-print win-rate" title={<h2 className="card-title">{t('eval.qr.title')}</h2>} data-testid="rate-visit">
      {!visit && (
        <>
          <p className="muted">{t('eval.qr.lead')}</p>
          {hall && windows.length > 0 ? (
            <div className="toolbar">
              <label htmlFor="win-rate-window">{t('eval.qr.window')}</label>
              <Select
                id="win-rate-window"
                value={windowNumber}
                onChange={(n: number) => {
                  storage.write(WINDOW_KEY, String(n));
                  setChosen(n);
                }}
                options={windows.map((w) => ({ value: w.number, label: w.name }))}
                className="win-rate__window"
                data-testid="rate-window"
              />
              <Button type="primary" size="large" icon={<QrcodeOutlined aria-hidden />} loading={busy} onClick={() => void open()} data-testid="open-visit">
                {t('eval.qr.open')}
              </Button>
            </div>
          ) : (
            <p data-testid="rate-no-hall">{t('eval.qr.noHall')}</p>
          )}
          {error && <ProblemAlert error={error} />}
        </>
      )}
      {visit && url && (
        <div className="win-rate__body">
          {qr ? <img src={qr} width={QR_SIZE} height={QR_SIZE} alt={t('eval.qr.alt')} className="win-rate__qr" data-testid="rating-qr" /> : <div className="win-rate__qr" />}
          <div className="win-rate__text">
            <p className="win-rate__scan">{t('eval.qr.scan', { window: visit.windowNumber })}</p>
            <a href={url} target="_blank" rel="noopener noreferrer" className="win-rate__link" data-testid="rating-link">
              {url}
            </a>
            <p className="muted">{t('eval.qr.once')}</p>
          </div>
        </div>
      )}
    </Card>
  );
}
