import { Command, CommanderError, Option } from 'commander';
import { createApp } from '../app.js';
import { loadScheduleContext } from '../calendar/schedule.js';
import { systemClock } from '../clock.js';
import { checkDuty } from '../config/duty-checks.js';
import { defaultConfigPath, loadConfig } from '../config/load.js';
import { inLanguage } from '../config/problems.js';
import type { Config } from '../config/schema.js';
import type { Language } from '../domain/messages.js';
import { createLogger, type LogLevel, logLevels } from '../log.js';
import { missingCredentials } from '../mqtt/acl.js';
import { version } from '../version.js';
import { registerBaseline } from './baseline.js';
import { registerCalendar } from './calendar.js';
import { registerDemo } from './demo.js';
import { emitDistrictCheck, registerDistrict } from './district.js';
import { registerHygiene } from './hygiene.js';
import { cliLanguage, langOption } from './lang.js';
import { registerMqtt } from './mqtt.js';
import { registerProbeIpp } from './probe-ipp.js';
import { registerProbeMqtt } from './probe-mqtt.js';
import { registerProbeSnmp } from './probe-snmp.js';
import { registerReport } from './report.js';
import { configWarnings, summarizeConfig } from './summary.js';

/** Exit codes: 0 ok, 1 runtime failure, 2 bad configuration or usage. */
const EXIT_BAD_CONFIG = 2;

function calendarProblems(config: Config): string[] {
  const loaded = loadScheduleContext(config);
  return loaded.ok ? [] : loaded.error;
}

/**
 * The config, or exit 2 listing its problems in `lang` (with `forRun`, also MQTT clients the broker would
 * refuse and a calendar file that is not one).
 */
function configOrExit(file: string, lang: Language = cliLanguage(undefined, file), forRun = true): Config {
  const result = loadConfig(file, {}, { language: lang });
  const sep = lang === 'en' ? ': ' : '：';
  const problems = result.ok
    ? forRun
      ? inLanguage(lang, () => [
          ...missingCredentials(result.value).map((p) => `${file}${sep}${p.replace('<this file>', file)}`),
          // The calendar file the config names (power.calendarFile) must be a calendar file too.
          ...calendarProblems(result.value).map((p) => `${file}${sep}power.calendarFile${sep}${p}`),
        ])
      : []
    : result.error;
  if (!result.ok || problems.length > 0) {
    for (const line of problems) process.stderr.write(`${line}\n`);
    process.exit(EXIT_BAD_CONFIG);
  }
  return result.value;
}

async function run(opts: { config: string; logLevel: LogLevel }): Promise<void> {
  const config = configOrExit(opts.config);
  const logger = createLogger(opts.logLevel);
  const app = createApp({ config, clock: systemClock, logger });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Whatever happens, the process is gone within 5 s of the signal.
    setTimeout(() => {
      logger.error('shutdown took longer than 5 s; exiting');
      process.exit(1);
    }, 4500).unref();
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  try {
    await app.start();
  } catch (err) {
    logger.fatal({ err: err instanceof Error ? err.message : String(err) }, 'could not start');
    await app.stop();
    process.exit(1);
  }
}

function buildProgram(): Command {
  const program = new Command('zoneops')
    .description("Runs the equipment of a town's government information disclosure zone (政务公开专区).")
    .version(version)
    .showHelpAfterError()
    // Set before any sub-command is added, so every sub-command inherits it: usage errors exit 2.
    .exitOverride();
  const configOption = () =>
    new Option('-c, --config <file>', 'configuration file').default(defaultConfigPath);

  program
    .command('run')
    .description('run the daemon')
    .addOption(configOption())
    .addOption(new Option('--log-level <level>', 'log level').choices(logLevels).default('info'))
    .action(run);

  program
    .command('check-config')
    .description('validate a configuration file and print a summary (exit 2 when invalid)')
    .addOption(configOption())
    .option('--district <file>', 'check a district file instead (deploy/district/): towns, sites, receivers')
    .addOption(langOption())
    .action((opts: { config: string; district?: string; lang?: string }) => {
      if (opts.district !== undefined) return emitDistrictCheck(opts.district);
      const lang = cliLanguage(opts.lang, opts.config);
      const config = configOrExit(opts.config, lang);
      // Beyond the schema: can the zone's people answer its alerts (config/duty-checks.ts)?
      const { problems, warnings } = checkDuty(config);
      // The duty checks speak Chinese only (config/duty-checks.ts), in their own `file: path: message` form.
      const line = (c: { path: string; message: string }) => `${opts.config}: ${c.path}: ${c.message}\n`;
      const warning = (c: { path: string; message: string }) =>
        `${opts.config}: 提醒 ${c.path}: ${c.message}\n`;
      if (problems.length > 0) {
        process.stderr.write(problems.map(line).join('') + warnings.map(warning).join(''));
        process.exit(EXIT_BAD_CONFIG);
      }
      const valid = lang === 'en' ? `${opts.config}: valid` : `${opts.config}：配置正确`;
      const lines = [valid, ...summarizeConfig(config, lang), ...configWarnings(config, lang)];
      process.stdout.write(`${lines.join('\n')}\n${warnings.map(warning).join('')}`);
    });

  const probe = program.command('probe').description('one-shot check of one device, for the technician');
  // Feature sub-commands register below, one line each (e.g. registerProbeSnmp(probe), registerCalendar(program)).
  registerHygiene(program);
  registerDemo(program);
  registerProbeMqtt(probe);
  registerProbeIpp(probe);
  registerProbeSnmp(probe);
  registerBaseline(program);
  registerCalendar(program);
  registerReport(program);
  registerDistrict(program);
  registerMqtt(program);
  void probe;

  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exit(err.exitCode === 0 ? 0 : EXIT_BAD_CONFIG);
    }
    process.stderr.write(`zoneops: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
