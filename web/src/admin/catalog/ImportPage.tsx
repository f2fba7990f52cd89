/**
 * 事项导入 (/admin/catalog/import): Excel templates to download; an uploaded .xlsx becomes an import
 * job whose progress is polled. Every row is checked first; with a bad row nothing is imported,
 * unless the user chooses to import the valid rows. The report names row, column and problem.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Progress, Radio, Space, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { get, post, type ApiError } from '../../api.ts';
import { usePrefs } from '../../prefs.tsx';
import { useRegions } from '../../regionContext.tsx';
import type { Text } from '../../types.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { ProblemAlert } from '../../ui/feedback.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { toApiError } from '../../useApi.ts';
import { useAdmin } from '../adminContext.tsx';
import { RegionPicker } from '../pickers.tsx';
import { useProvinceCode } from './province.ts';

type Kind = 'base' | 'local' | 'materials';
type JobState = 'queued' | 'reading' | 'checking' | 'importing' | 'done' | 'rejected' | 'failed';
const KINDS: Kind[] = ['base', 'local', 'materials'];
const RUNNING: JobState[] = ['queued', 'reading', 'checking', 'importing'];
const POLL_MS = 800;

interface RowProblem {
  row: number;
  column: string | null;
  field: string | null;
  problem: Text;
}

interface ImportJob {
  id: string;
  kind: Kind;
  regionCode: string;
  state: JobState;
  done: number;
  total: number;
  imported: number;
  invalidRows: number;
  problemCount: number;
  report: RowProblem[];
  importValid: boolean;
  fileName: string;
}

interface ImportValues {
  kind: Kind;
  regionCode: string;
  importValid: boolean;
}

export function ImportPage() {
  const { t, lang } = usePrefs();
  const { message } = App.useApp();
  const { regionRoots } = useAdmin();
  const province = useProvinceCode();
  const { nameOf } = useRegions();
  const [form] = Form.useForm<ImportValues>();
  const kind = Form.useWatch('kind', form);
  const [file, setFile] = useState<{ sha256: string; name: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const running = job !== null && RUNNING.includes(job.state);

  useEffect(() => {
    if (!job || !RUNNING.includes(job.state)) return;
    let live = true;
    const timer = window.setTimeout(() => {
      get<ImportJob>(`/api/catalog/imports/${job.id}`).then(
        (next) => live && setJob(next),
        (e: unknown) => live && setError(toApiError(e)),
      );
    }, POLL_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [job]);

  const start = async (importValid: boolean) => {
    if (!file) return;
    const { kind: k, regionCode } = form.getFieldsValue();
    setError(null);
    try {
      setJob(await post<ImportJob>('/api/catalog/imports', { kind: k, regionCode: k === 'base' ? province : regionCode, file: file.sha256, fileName: file.name, importValid }));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const percent = job && job.total ? Math.round((job.done / job.total) * 100) : 0;
  const retryValid = job?.state === 'rejected' && !job.importValid && job.invalidRows > 0 && job.invalidRows < job.total;

  return (
    <>
      <PageHeader title={t('import.title')} lead={t('import.lead')} />
      <div className="stack">
        <Card title={<h2 className="card-title">{t('import.templates')}</h2>}>
          <p>{t('import.templatesLead')}</p>
          <Space wrap>
            {KINDS.map((k) => (
              <a key={k} href={`/api/catalog/templates/${k}`} download className="file-link" data-testid={`template-${k}`}>
                <DownloadOutlined aria-hidden /> {t(`import.template.${k}`)}
              </a>
            ))}
          </Space>
        </Card>

        <Card title={<h2 className="card-title">{t('import.upload')}</h2>}>
          <Form<ImportValues>
            form={form}
            layout="vertical"
            initialValues={{ kind: 'local', regionCode: regionRoots('catalog:edit')[0], importValid: false }}
            onFinish={(v) => void start(v.importValid)}
            data-testid="import-form"
          >
            <Form.Item name="kind" label={t('import.kind')}>
              <Radio.Group options={KINDS.map((k) => ({ value: k, label: t(`import.kind.${k}`) }))} />
            </Form.Item>
            {kind === 'base' ? (
              <p className="muted">{t('import.baseRegion', { region: nameOf(province) })}</p>
            ) : (
              <Form.Item name="regionCode" label={t('import.region')} rules={[{ required: true, message: t('common.required') }]}>
                <RegionPicker permission="catalog:edit" />
              </Form.Item>
            )}
            <Form.Item label={t('import.file')} required>
              <Space wrap>
                <Upload
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  showUploadList={false}
                  customRequest={({ file: chosen, onSuccess, onError }) => {
                    const body = new FormData();
                    body.append('file', chosen);
                    setUploading(true);
                    post<{ sha256: string; fileName: string }>('/api/files', body)
                      .then(
                        (f) => {
                          setFile({ sha256: f.sha256, name: f.fileName });
                          setJob(null);
                          onSuccess?.(f);
                        },
                        (e: unknown) => {
                          const err = toApiError(e);
                          onError?.(err);
                          message.error(err.message);
                        },
                      )
                      .finally(() => setUploading(false));
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={uploading} data-testid="import-file">
                    {file ? t('import.otherFile') : t('import.chooseFile')}
                  </Button>
                </Upload>
                {file && <span data-testid="import-file-name">{file.name}</span>}
              </Space>
            </Form.Item>
            <Form.Item name="importValid" valuePropName="checked" extra={t('import.importValidHint')}>
              <Checkbox>{t('import.importValid')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" disabled={!file || running} loading={running} data-testid="import-start">
              {t('import.start')}
            </Button>
          </Form>
        </Card>

        {error && <ProblemAlert error={error} />}

        {job && (
          <Card title={<h2 className="card-title">{t('import.job', { file: job.fileName || job.id })}</h2>} data-testid="import-job">
            <p role="status">{t(`import.state.${job.state}`)}</p>
            <Progress
              percent={job.state === 'done' ? 100 : percent}
              status={job.state === 'failed' || job.state === 'rejected' ? 'exception' : job.state === 'done' ? 'success' : 'active'}
              aria-label={t('import.progress')}
            />
            <p>{t('import.counts', { total: job.total, invalid: job.invalidRows, imported: job.imported, problems: job.problemCount })}</p>
            {retryValid && (
              <Alert
                type="warning"
                showIcon
                className="form-alert"
                title={t('import.rejected', { invalid: job.invalidRows })}
                action={
                  <Button onClick={() => void start(true)} data-testid="import-valid-rows">
                    {t('import.importValidNow')}
                  </Button>
                }
              />
            )}
            {job.report.length > 0 && (
              <DataTable<RowProblem & { key: number }>
                label={t('import.report')}
                size="small"
                data-testid="import-report"
                dataSource={job.report.map((p, key) => ({ ...p, key }))}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: t('import.row'), dataIndex: 'row' },
                  { title: t('import.column'), dataIndex: 'column', render: (c: string | null) => c ?? t('common.none') },
                  { title: t('import.problem'), dataIndex: 'problem', render: (p: Text) => p[lang] },
                ]}
              />
            )}
          </Card>
        )}
      </div>
    </>
  );
}
