// The Temporal SDK's Logger interface over pino: the worker's own lines, the workflow and activity loggers
// (`log` from @temporalio/workflow and @temporalio/activity) and the forwarded native (core) lines all become JSON
// lines of the process logger, with its redaction.
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common'
import type { Logger } from 'pino'

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
}

export function temporalLogger(logger: Logger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const method = LEVELS[level] ?? 'info'
    if (!logger.isLevelEnabled(method)) return
    logger[method]({ ...meta }, message)
  }
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  }
}
