#!/usr/bin/env node
/**
 * shop-sentinel CLI: the extension's engine in Node, for rule authors, QA and CI.
 *   scan FILE.html|DIR [--url URL] [--json] [--lang zh|en]
 *   domain HOST... | domain --stdin
 *   verify BUNDLE.zip
 * Exit codes: 0 ok, 1 findings of a failed verification, 2 bad input (one clear line, no stack trace).
 */
import { processIo, UsageError, type CliIo } from './io';

const USAGE = `usage:
  shop-sentinel scan FILE.html|DIR [--url URL] [--json] [--lang zh|en]
  shop-sentinel domain HOST... | --stdin
  shop-sentinel verify BUNDLE.zip`;

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'scan':
        return await (await import('./scan-command')).runScanCommand(args, io);
      case 'domain':
        return await (await import('./domain-command')).runDomainCommand(args, io);
      case 'verify':
        return await (await import('./verify-command')).runVerifyCommand(args, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`unknown command "${command}"\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    io.stderr(e instanceof UsageError ? `error: ${e.message}` : `error: ${(e as Error).message ?? String(e)}`);
    return 2;
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`error: ${(e as Error).message}\n`);
      process.exit(2);
    },
  );
}
