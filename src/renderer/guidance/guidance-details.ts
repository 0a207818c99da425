import type { Guidance } from '../../shared/guidance/guidance';

const SUPPORT_LABELS: Readonly<Record<keyof Guidance['support'], string>> = {
  correlationId: 'Correlation ID',
  traceId: 'Trace ID',
  requestId: 'Request ID',
  clientRequestId: 'Client request ID',
  timestamp: 'Timestamp',
};

/** The support IDs of a guidance that are present, labelled as Microsoft support names them. */
export const supportIdLines = (guidance: Guidance): readonly { label: string; value: string }[] =>
  (Object.keys(SUPPORT_LABELS) as (keyof Guidance['support'])[]).flatMap((key) => {
    const value = guidance.support[key];
    return value === undefined ? [] : [{ label: SUPPORT_LABELS[key], value }];
  });

/**
 * The text "Copy details" puts on the clipboard: the raw code, Microsoft's own message and every ID support asks
 * for, so the technician can paste it into a ticket or a support case unchanged.
 */
export const guidanceDetailsText = (guidance: Guidance): string =>
  [
    `${guidance.title}`,
    `Code: ${guidance.code}${guidance.httpStatus === null ? '' : ` (HTTP ${guidance.httpStatus})`}`,
    `Source: ${guidance.source}`,
    `Message: ${guidance.rawMessage}`,
    ...supportIdLines(guidance).map((line) => `${line.label}: ${line.value}`),
    ...(guidance.retryAfterSeconds === null ? [] : [`Retry after: ${guidance.retryAfterSeconds} s`]),
    `Catalog entry: ${guidance.catalogKey}`,
  ].join('\n');
