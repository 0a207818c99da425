import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import log from 'electron-log/node';
import { rotateLogFilesSync } from './log-rotation';
import { redact } from './redact';

/** Where and how much the app logs. */
export interface AppLogOptions {
  /** The logs folder (`app.getPath('logs')` in the desktop app). */
  readonly directory: string;
  readonly fileName?: string;
  /** Size in bytes after which the file is rotated; 1 MiB by default. */
  readonly maxFileBytes?: number;
  /** How many rotated files to keep beside the current one; 5 by default. */
  readonly keepFiles?: number;
  /** Also print to the console (development); off by default. */
  readonly console?: boolean;
  readonly level?: 'error' | 'warn' | 'info' | 'debug';
}

/** The app's log: every argument is redacted before it reaches the file or the console. */
export interface AppLog {
  error(message: string, ...detail: unknown[]): void;
  warn(message: string, ...detail: unknown[]): void;
  info(message: string, ...detail: unknown[]): void;
  debug(message: string, ...detail: unknown[]): void;
  /** The current log file. */
  readonly filePath: string;
  /** The folder holding the current and rotated log files ("Open logs folder"). */
  readonly directory: string;
}

let instances = 0;

/** Creates the rotating, redacting log file of the main process. Runs under plain Node and in Electron. */
export const createAppLog = (options: AppLogOptions): AppLog => {
  const fileName = options.fileName ?? 'main.log';
  const filePath = join(options.directory, fileName);
  const keep = options.keepFiles ?? 5;
  mkdirSync(options.directory, { recursive: true });

  instances += 1;
  const logger = log.create({ logId: `pia-${instances}` });
  // Redaction is a hook, so it runs once per message before any transport formats it.
  logger.hooks.push((message) => ({ ...message, data: message.data.map((item) => redact(item)) }));

  const file = logger.transports.file;
  file.resolvePathFn = () => filePath;
  file.maxSize = options.maxFileBytes ?? 1024 * 1024;
  file.level = options.level ?? 'info';
  // Logs may name tenants and technicians: readable by the signed-in user only.
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  file.archiveLogFn = (oldFile) => rotateLogFilesSync(oldFile.path, keep);
  logger.transports.console.level = options.console === true ? (options.level ?? 'info') : false;

  return {
    error: (message, ...detail) => logger.error(message, ...detail),
    warn: (message, ...detail) => logger.warn(message, ...detail),
    info: (message, ...detail) => logger.info(message, ...detail),
    debug: (message, ...detail) => logger.debug(message, ...detail),
    filePath,
    directory: options.directory,
  };
};
