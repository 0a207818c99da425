import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Select,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, Copy20Regular } from '@fluentui/react-icons';
import { type ReactElement, useState } from 'react';
import type { z } from 'zod';
import type { BridgeApi, CurrentReport, ReportFormatSchema } from '../../shared/bridge/contract';
import { AnnouncedText } from '../announce/announced-text';
import { localDateTime } from '../app/local-time';
import { useBridgeLoad } from '../bridge/use-bridge-load';
import { copyText } from '../guidance/copy-text';
import { refusalMessage } from '../run/run-session';
import { base64Bytes, downloadFile } from './download';
import { lastExportedDigest, noteExport } from './exported-digests';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  digest: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  pageSize: { minWidth: '8rem' },
});

type ReportFormat = z.infer<typeof ReportFormatSchema>;

/** The export formats, in the order the buttons show them. */
const FORMATS: readonly { readonly format: ReportFormat; readonly label: string }[] = [
  { format: 'pdf', label: 'PDF' },
  { format: 'html', label: 'HTML' },
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
  { format: 'md', label: 'Markdown' },
];

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly what: string }
  | { readonly kind: 'done'; readonly message: string }
  /** Nothing happened, by the technician's choice (the save dialog closed). */
  | { readonly kind: 'not-saved' }
  | { readonly kind: 'failed'; readonly what: string; readonly message: string }
  | { readonly kind: 'copy-by-hand'; readonly text: string };

/**
 * Exports a run's report in every format, and "Copy summary" for a ticket or a chat. In the desktop app the main
 * process asks where to save; in the browser preview the file arrives here and the browser downloads it.
 *
 * It shows the report of the run's current state (its verdict and digest, which every format carries) and says so
 * when the run changed after an export: Verify again or Finish makes a new report with a digest of its own.
 */
export const ReportExport = ({
  bridge,
  runId,
  runState,
}: {
  readonly bridge: BridgeApi;
  readonly runId: string;
  /** Changes whenever the run does (its last journal entry, whether it is live): the report is read again. */
  readonly runState: string;
}): ReactElement => {
  const styles = useStyles();
  const [pageSize, setPageSize] = useState<'A4' | 'Letter'>('A4');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [current, setCurrent] = useState<CurrentReport | null>(null);
  const [currentError, setCurrentError] = useState<string | null>(null);
  // The digest of the report this run's latest export came from, also when it was made on an earlier visit. Read at
  // each render: an export notes it, then sets the status, which renders again.
  const exported = lastExportedDigest(runId);

  // runState is the reason to read the report again.
  useBridgeLoad(
    () => bridge.reports.current({ runId }),
    (report) => {
      setCurrent(report);
      setCurrentError(null);
    },
    (error) => setCurrentError(refusalMessage(error)),
    [bridge, runId, runState],
  );

  const exportAs = async (format: ReportFormat, label: string): Promise<void> => {
    setStatus({ kind: 'busy', what: `Preparing the ${label} report…` });
    try {
      const { file: result, digest } = await bridge.reports.export({ runId, format, pageSize });
      if (result.kind !== 'cancelled') noteExport(runId, digest);
      switch (result.kind) {
        case 'download':
          downloadFile(result.fileName, result.mimeType, base64Bytes(result.base64));
          setStatus({ kind: 'done', message: `${result.fileName} downloaded.` });
          return;
        case 'saved':
          setStatus({ kind: 'done', message: `Saved to ${result.path}` });
          return;
        case 'cancelled':
          setStatus({ kind: 'not-saved' });
          return;
      }
    } catch (error) {
      setStatus({ kind: 'failed', what: 'The report could not be exported', message: refusalMessage(error) });
    }
  };

  const copySummary = async (): Promise<void> => {
    setStatus({ kind: 'busy', what: 'Preparing the summary…' });
    try {
      const { text } = await bridge.reports.summary({ runId });
      setStatus(
        (await copyText(text))
          ? { kind: 'done', message: 'Summary copied.' }
          : { kind: 'copy-by-hand', text },
      );
    } catch (error) {
      setStatus({ kind: 'failed', what: 'The summary could not be copied', message: refusalMessage(error) });
    }
  };

  const busy = status.kind === 'busy';
  const changed = current !== null && exported !== null && exported !== current.digest;
  return (
    <div className={styles.root}>
      {current !== null && (
        <div data-report-digest={current.digest} data-verdict={current.verdict.kind}>
          <Text block weight="semibold">
            Verdict: {current.verdict.text}
          </Text>
          <Text block>{current.verdict.detail}</Text>
          <Text block size={200}>
            Every format of this report carries the SHA-256 digest{' '}
            <span className={styles.digest}>{current.digest}</span> (made {localDateTime(current.generatedAt)}
            ). Computing it again shows whether a copy was changed since; it does not prove who made the
            report.
          </Text>
        </div>
      )}
      {currentError !== null && (
        <MessageBar intent="error">
          <MessageBarBody>The report could not be prepared: {currentError}</MessageBarBody>
        </MessageBar>
      )}
      {changed && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The run changed after your last export</MessageBarTitle>
            This is a new report with a digest of its own; the files exported before carry the earlier one.
            Export again to keep the report of the run as it is now.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        {FORMATS.map(({ format, label }) => (
          <Button
            key={format}
            icon={<ArrowDownload20Regular />}
            disabled={busy}
            onClick={() => void exportAs(format, label)}
          >
            {label}
          </Button>
        ))}
        <Field label="PDF page size" className={styles.pageSize}>
          <Select value={pageSize} onChange={(_, data) => setPageSize(data.value as 'A4' | 'Letter')}>
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </Select>
        </Field>
        <Button icon={<Copy20Regular />} disabled={busy} onClick={() => void copySummary()}>
          Copy summary
        </Button>
      </div>
      <div>
        {status.kind === 'busy' && <AnnouncedText>{status.what}</AnnouncedText>}
        {status.kind === 'done' && (
          <MessageBar intent="success" data-status="done">
            <MessageBarBody>{status.message}</MessageBarBody>
          </MessageBar>
        )}
        {status.kind === 'not-saved' && (
          <MessageBar intent="info" data-status="not-saved">
            <MessageBarBody>Not saved: the save dialog was closed.</MessageBarBody>
          </MessageBar>
        )}
        {status.kind === 'failed' && (
          <MessageBar intent="error" data-status="failed">
            <MessageBarBody>
              {status.what}: {status.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      {status.kind === 'copy-by-hand' && (
        <Field label="Summary (the clipboard refused it: select and copy it here)">
          <Textarea readOnly value={status.text} resize="vertical" rows={8} />
        </Field>
      )}
    </div>
  );
};
