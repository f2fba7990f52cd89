/** Staff uploads (POST /api/files, the type judged by content), and the result document's form control: its value is the uploaded PDF's sha256. */
import { useState } from 'react';
import { post } from '../api.ts';
import { UploadButton } from '../cases/UploadButton.tsx';
import { usePrefs } from '../prefs.tsx';

/** What POST /api/files answers. */
export interface StoredFile {
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
}

export const staffUpload = (body: FormData) => post<StoredFile>('/api/files', body);

export function PdfUpload({ value, onChange, id }: { value?: string; onChange?: (sha256: string) => void; id?: string }) {
  const { t } = usePrefs();
  const [file, setFile] = useState<StoredFile | null>(null);
  return (
    <div id={id} className="wb-upload" data-testid="pdf-upload">
      {value && file && (
        <p data-testid="uploaded-document">
          {file.fileName} <span className="muted">{t('wb.pdfReady')}</span>
        </p>
      )}
      <UploadButton<StoredFile>
        accept=".pdf,application/pdf"
        text={t('wb.upload')}
        label={t('wb.uploadPdf')}
        send={staffUpload}
        onUploaded={(f) => {
          setFile(f);
          onChange?.(f.sha256);
        }}
      />
    </div>
  );
}
