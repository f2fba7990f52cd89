/**
 * A button that uploads one chosen file and hands the server's answer on; when the server refuses
 * the file (415: its content is not an accepted type, 413: too large) it says why, beside the button.
 * `send` posts the form data: a person's upload (POST /api/my/files) or a staff member's (POST /api/files).
 */
import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useRef, useState } from 'react';
import type { ApiError } from '../api.ts';
import { ProblemAlert } from '../ui/feedback.tsx';
import { toApiError } from '../useApi.ts';
import './cases.css';

export function UploadButton<T>({
  accept,
  text,
  label,
  send,
  onUploaded,
}: {
  accept: string;
  /** The button's text. */
  text: string;
  /** The button's accessible name, when the text alone does not say what for ("Upload a file: …"). */
  label?: string;
  send: (body: FormData) => Promise<T>;
  onUploaded: (uploaded: T) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      onUploaded(await send(body));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <>
      {/* display:none, not the hidden attribute: antd's reset shows inputs that only carry `hidden`. */}
      <input
        ref={input}
        type="file"
        accept={accept}
        style={{ display: 'none' }}
        tabIndex={-1}
        aria-label={label ?? text}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
      />
      <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()} aria-label={label}>
        {text}
      </Button>
      {error && (
        <div className="upload-error">
          <ProblemAlert error={error} />
          {error.problem.errors?.map((e) => (
            <p key={e.field + e.rule} className="upload-error__detail">
              {e.message}
            </p>
          ))}
        </div>
      )}
    </>
  );
}
