/**
 * The materials step: exactly the materials that apply to the answers, each required; those the
 * platform holds (an e-license, shared data) marked "免提交" and never asked for; the others with
 * their template and sample, an upload and "my materials".
 */
import { Tag } from 'antd';
import { ApiError } from '../../api.ts';
import { useDictionaries } from '../../catalog/dictionaries.ts';
import { FileBase, FileLink } from '../../catalog/GuideView.tsx';
import type { Applicable } from '../../catalog/types.ts';
import { usePrefs } from '../../prefs.tsx';
import { Loading, ProblemAlert } from '../../ui/feedback.tsx';
import { MaterialFiles, type AttachedFile } from '../MaterialFiles.tsx';

export function MaterialsStep({
  code,
  applicable,
  files,
  errors,
  onChange,
}: {
  code: string;
  applicable: Applicable | ApiError | null;
  files: Record<string, AttachedFile[]>;
  errors: Record<string, string>;
  onChange: (materialId: string, files: AttachedFile[]) => void;
}) {
  const { t } = usePrefs();
  const { label } = useDictionaries();
  if (applicable instanceof ApiError) return <ProblemAlert error={applicable} />;
  if (!applicable) return <Loading />;
  return (
    <FileBase.Provider value={`/api/portal/items/${encodeURIComponent(code)}/files`}>
      <p className="page-lead">{t('apply.materialsLead', { count: applicable.materials.length })}</p>
      <ol className="apply-materials" data-testid="apply-materials">
        {applicable.materials.map((m) => {
          const held = m.source !== 'applicant';
          return (
            <li key={m.id} className="apply-material" data-testid="apply-material" data-material-id={m.id}>
              <div className="apply-material__head">
                <h3 className="apply-material__name">{m.name}</h3>
                {held ? (
                  <Tag className="tag-ok" data-testid="held">
                    {t('apply.held')}
                  </Tag>
                ) : (
                  <Tag className="tag-required">{t('apply.required')}</Tag>
                )}
              </div>
              {held ? (
                <p className="muted">{t('apply.heldDetail', { source: label('materialSources', m.source), ref: m.sourceRef ?? m.name })}</p>
              ) : (
                <>
                  {(m.notes || m.conditionNote) && <p className="muted">{[m.conditionNote, m.notes].filter(Boolean).join(t('guide.sep'))}</p>}
                  {(m.template || m.sample) && (
                    <p className="text-links">
                      {m.template && <FileLink file={m.template} label={t('guide.material.template')} />}
                      {m.sample && <FileLink file={m.sample} label={t('guide.material.sample')} />}
                    </p>
                  )}
                  <MaterialFiles name={m.name} files={files[m.id] ?? []} onChange={(list) => onChange(m.id, list)} error={errors[m.id]} />
                </>
              )}
            </li>
          );
        })}
      </ol>
    </FileBase.Provider>
  );
}
