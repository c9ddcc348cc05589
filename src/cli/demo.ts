import type { Command } from 'commander';
import { Option } from 'commander';
import { startDemo } from '../demo/run.js';
import { type LogLevel, logLevels } from '../log.js';
import { hashPin, minPinLength } from '../web/pin-hash.js';

/**
 * `zoneops demo`: a simulated zone on 127.0.0.1 for newcomers (no printer needed).
 * `zoneops web-pin-hash`: reads a PIN from stdin and prints the scrypt hash for `web.accounts[].pinHash`
 * (from stdin, so the PIN never lands in the shell history or the process list).
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'start a simulated zone on 127.0.0.1 (SNMP PCs and printers, MQTT plugs, demo inbox) and zoneops',
    )
    .addOption(
      new Option('--port <port>', 'HTTP port for zoneops (default: any free port)').argParser(Number),
    )
    .addOption(new Option('--log-level <level>', 'zoneops log level').choices(logLevels).default('warn'))
    .action(async (opts: { port?: number; logLevel: LogLevel }) => {
      const demo = await startDemo({
        ...(opts.port !== undefined ? { port: opts.port } : {}),
        logLevel: opts.logLevel,
        out: (line) => process.stdout.write(`${line}\n`),
      });
      let stopping = false;
      const shutdown = () => {
        if (stopping) process.exit(1);
        stopping = true;
        process.stdout.write('Stopping the demo…\n');
        setTimeout(() => process.exit(1), 8000).unref();
        demo.stop().then(
          () => {
            process.stdout.write('Demo stopped.\n');
            process.exit(0);
          },
          () => process.exit(1),
        );
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    });

  program
    .command('web-pin-hash')
    .description(
      'read a staff PIN or password from stdin and print its scrypt hash for web.accounts[].pinHash',
    )
    .action(async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      const pin = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, '');
      if (pin.length < minPinLength) {
        process.stderr.write(
          `PIN 至少 ${minPinLength} 位 / a PIN needs at least ${minPinLength} characters\n`,
        );
        process.exit(2);
      }
      process.stdout.write(`${await hashPin(pin)}\n`);
    });
}
