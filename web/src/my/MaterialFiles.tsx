/**
 * The files an applicant hands in for one material: upload (PDF, JPEG, PNG or OFD, judged by the
 * server from the content) or pick one handed in before ("my materials"), each removable.
 */
import { DeleteOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Modal } from 'antd';
import { useState } from 'react';
import { useCaseFormat } from '../cases/format.ts';
import type { MyMaterial, UploadedFile } from '../cases/types.ts';
import { UploadButton } from '../cases/UploadButton.tsx';
import { usePrefs } from '../prefs.tsx';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { useApi } from '../useApi.ts';
import { usePerson } from './personContext.tsx';

/** A file attached to a material: what the upload answered. */
export type AttachedFile = UploadedFile;

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd';

function MyMaterialsPicker({ onPick, onClose }: { onPick: (f: AttachedFile) => void; onClose: () => void }) {
  const { t } = usePrefs();
  const { time, size } = useCaseFormat();
  const list = useApi<{ items: MyMaterial[] }>('/api/my/materials');
  let body;
  if (list.loading) body = <Loading />;
  else if (list.error) body = <ProblemAlert error={list.error} />;
  else if (!list.data?.items.length) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myMaterials.none')} />;
  else
    body = (
      <ul className="plain-list" data-testid="my-materials">
        {list.data.items.map((f) => (
          <li key={f.sha256} className="plain-list__item">
            <div>
              <strong>{f.fileName}</strong>
              <p className="muted">
                {size(f.size)} · {t('myMaterials.uploadedAt', { time: time(f.uploadedAt) })}
              </p>
              {f.usedFor.length > 0 && <p className="muted">{t('myMaterials.usedFor', { list: f.usedFor.map((u) => `${u.material}（${u.caseNumber}）`).join('、') })}</p>}
            </div>
            <Button onClick={() => onPick(f)} aria-label={t('myMaterials.pickName', { name: f.fileName })}>
              {t('myMaterials.pick')}
            </Button>
          </li>
        ))}
      </ul>
    );
  return (
    <Modal open title={t('myMaterials.title')} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>}>
      {body}
    </Modal>
  );
}

export function MaterialFiles({
  name,
  files,
  onChange,
  error,
}: {
  /** The material's name, for labels. */
  name: string;
  files: AttachedFile[];
  onChange: (files: AttachedFile[]) => void;
  /** What the server said about this material (it is missing, a file is gone). */
  error?: string | null;
}) {
  const { t } = usePrefs();
  const { size } = useCaseFormat();
  const { post } = usePerson();
  const [picking, setPicking] = useState(false);
  const add = (f: AttachedFile) => onChange([...files.filter((x) => x.sha256 !== f.sha256), f]);

  return (
    <div className="material-files" data-testid="material-files" data-material={name}>
      {files.length > 0 && (
        <ul className="material-files__list">
          {files.map((f) => (
            <li key={f.sha256}>
              <span className="material-files__name">
                {f.fileName} <span className="muted">({size(f.size)})</span>
              </span>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('apply.removeFile', { name: f.fileName })}
                onClick={() => onChange(files.filter((x) => x.sha256 !== f.sha256))}
              />
            </li>
          ))}
        </ul>
      )}
      <div className="material-files__actions">
        <UploadButton<AttachedFile>
          accept={ACCEPT}
          text={t('apply.upload')}
          label={t('apply.uploadFor', { name })}
          send={(body) => post<AttachedFile>('/api/my/files', body)}
          onUploaded={add}
        />
        <Button icon={<FolderOpenOutlined />} onClick={() => setPicking(true)} aria-label={t('apply.pickFor', { name })}>
          {t('apply.pick')}
        </Button>
      </div>
      <p className="muted">{t('apply.fileTypes')}</p>
      {error && <Alert type="error" showIcon title={error} className="material-files__server-error" />}
      {picking && (
        <MyMaterialsPicker
          onClose={() => setPicking(false)}
          onPick={(f) => {
            add({ sha256: f.sha256, size: f.size, mediaType: f.mediaType, fileName: f.fileName });
            setPicking(false);
          }}
        />
      )}
    </div>
  );
}
