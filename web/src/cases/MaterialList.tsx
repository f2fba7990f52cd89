/**
 * The files handed in for a case, each with "view" and "download". Images and PDFs open in a
 * dialog through the browser's own viewers; other types (OFD) download. A PDF is fetched and shown
 * from a blob: the server forbids framing its answers (X-Frame-Options), and a blob is the page's own.
 */
import { EyeOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Empty, Modal, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../prefs.tsx';
import { ProblemAlert, Loading } from '../ui/feedback.tsx';
import { toApiError } from '../useApi.ts';
import { ApiError } from '../api.ts';
import { useCaseFormat } from './format.ts';
import type { MaterialOut } from './types.ts';
import './cases.css';

const viewable = (mediaType: string) => mediaType.startsWith('image/') || mediaType === 'application/pdf';

/** The file at `url` as a blob URL, revoked when the viewer closes. */
function useBlobUrl(url: string | null) {
  const [state, setState] = useState<{ url: string | null; blob?: string; error?: ApiError }>({ url: null });
  useEffect(() => {
    if (!url) return;
    let live = true;
    let made: string | undefined;
    fetch(url, { credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) throw new ApiError({ type: '/problems/http', title: res.statusText || String(res.status), status: res.status });
        made = URL.createObjectURL(await res.blob());
        if (live) setState({ url, blob: made });
      })
      .catch((e: unknown) => live && setState({ url, error: toApiError(e) }));
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [url]);
  return state.url === url ? state : { url };
}

function Viewer({ material, url, onClose }: { material: MaterialOut; url: string; onClose: () => void }) {
  const t = useT();
  const pdf = material.mediaType === 'application/pdf';
  const loaded = useBlobUrl(pdf ? url : null);
  const title = t('case.materials.viewer', { name: material.name });
  let body;
  if (!pdf) body = <img className="material-viewer__image" src={url} alt={`${material.name}（${material.fileName}）`} />;
  else if (loaded.error) body = <ProblemAlert error={loaded.error} />;
  else if (!loaded.blob) body = <Loading />;
  else body = <iframe className="material-viewer__frame" src={loaded.blob} title={title} />;
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width={960}
      data-testid="material-viewer"
      footer={[
        <Button key="download" href={url} download={material.fileName} icon={<DownloadOutlined />}>
          {t('case.materials.download')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>,
      ]}
    >
      {body}
    </Modal>
  );
}

export function MaterialList({ materials, fileUrl }: { materials: MaterialOut[]; fileUrl: (sha256: string) => string }) {
  const t = useT();
  const { time, size } = useCaseFormat();
  const [open, setOpen] = useState<MaterialOut | null>(null);
  if (!materials.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.materials.empty')} />;
  return (
    <>
      <ul className="material-list" data-testid="material-list">
        {materials.map((m) => (
          <li key={`${m.materialId}-${m.sha256}-${m.round}`} className="material-list__item">
            <div className="material-list__name">
              <strong>{m.name}</strong>{' '}
              {m.round > 0 && <Tag>{t('case.materials.round', { round: m.round })}</Tag>}
              <div className="muted">
                {m.fileName} · {size(m.size)} · {t(m.source === 'scan' ? 'case.materials.source.scan' : 'case.materials.source.upload')} · {time(m.addedAt)}
              </div>
            </div>
            <div className="material-list__actions">
              {viewable(m.mediaType) && (
                <Button icon={<EyeOutlined />} onClick={() => setOpen(m)} aria-label={t('case.materials.viewName', { name: m.name })}>
                  {t('case.materials.view')}
                </Button>
              )}
              <Button icon={<DownloadOutlined />} href={fileUrl(m.sha256)} download={m.fileName} aria-label={t('case.materials.downloadName', { name: m.name })}>
                {t('case.materials.download')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {open && <Viewer material={open} url={fileUrl(open.sha256)} onClose={() => setOpen(null)} />}
    </>
  );
}
