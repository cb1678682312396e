// Homework files in the lesson panel: the list (download, remove), the attach button, and what
// in a file's name looks personal (issue 9).
import { useRef, useState } from 'react';
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { downloadBase64, fileSize, mimeOf, readBase64 } from './files';
import { PrivacyWarning } from './PrivacyWarning';
import type { JournalState, Notify } from './useJournal';

interface Props {
  id: string;
  col: string;
  lesson: LessonView;
  maxFileBytes: JournalView['maxFileBytes'];
  readOnly: boolean;
  journal: Pick<JournalState, 'attachFile' | 'removeFile'>;
  notify: Notify;
}

export function LessonFiles({ id, col, lesson, maxFileBytes, readOnly, journal, notify }: Props) {
  const { t, locale } = useI18n();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const mb = Math.round(maxFileBytes / 1024 / 1024);

  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    try {
      for (const f of Array.from(files)) {
        if (f.size > maxFileBytes) {
          notify('error', t('journal.panel.fileTooBig', { name: f.name, mb }));
          continue;
        }
        if (f.size === 0) {
          notify('error', t('journal.panel.fileEmpty', { name: f.name }));
          continue;
        }
        const data = await readBase64(f);
        await journal.attachFile(col, { name: f.name, mime: mimeOf(f), data });
      }
    } finally {
      setBusy(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const download = async (fileId: number) => {
    try {
      const f = await invoke('journal.getFile', { fileId });
      downloadBase64(f.name, f.mime, f.data);
    } catch (e) {
      notify('error', (e as Error).message);
    }
  };

  return (
    <div className="jp-field">
      <span className="jp-label" id={`${id}-files`}>
        {t('journal.panel.files')}
      </span>
      {lesson.files.length > 0 ? (
        <ul className="jp-files" aria-labelledby={`${id}-files`} data-testid="file-list">
          {lesson.files.map((f) => (
            <li key={f.id} data-testid="file-item">
              <button type="button" className="link" onClick={() => void download(f.id)} title={t('journal.panel.download')}>
                {f.name}
              </button>
              <span className="muted"> {fileSize(f.size, locale)}</span>
              {!readOnly && (
                <button
                  type="button"
                  className="jp-x"
                  aria-label={t('journal.panel.removeFile', { name: f.name })}
                  title={t('journal.panel.removeFile', { name: f.name })}
                  onClick={() => void journal.removeFile(col, f.id)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <div className="muted jp-none">{t('journal.panel.noFiles')}</div>
      )}
      {!readOnly && (
        <>
          {/* The browser's own file button speaks the browser's language, not the school's. */}
          <input
            ref={fileRef}
            type="file"
            multiple
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => void onFiles(e.target.files)}
            data-testid="file-input"
          />
          <button type="button" className="btn small" disabled={busy} onClick={() => fileRef.current?.click()} data-testid="attach-button">
            {busy ? t('journal.panel.attaching') : t('journal.panel.attach')}
          </button>
          <div className="jp-hint">{t('journal.panel.fileLimits', { mb })}</div>
          <PrivacyWarning findings={lesson.privacy} field="file" files={lesson.files} />
        </>
      )}
    </div>
  );
}
