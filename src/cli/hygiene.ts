import { type Command, Option } from 'commander';
import { systemClock } from '../clock.js';
import { defaultConfigPath, loadConfig } from '../config/load.js';
import { ServiceError } from '../domain/errors.js';
import { hygieneTasks } from '../domain/hygiene-plan.js';
import { PhotoStore } from '../hygiene/photos.js';
import { photoDirFor, planFromConfig } from '../hygiene/plan.js';
import { HygieneRepo } from '../hygiene/repo.js';
import { createHygieneService, type RecordInput } from '../hygiene/service.js';
import { openStore } from '../store/store.js';
import { recordedLine, refusalLine, refusals, serviceRefusal } from './hygiene-text.js';
import { cliLanguage, langOption } from './lang.js';

interface HygieneRecordOptions {
  config: string;
  target: string;
  task: (typeof hygieneTasks)[number];
  by: string;
  method?: string;
  agent?: string;
  note?: string;
  at?: string;
  corrects?: string;
  json?: boolean;
  lang?: string;
}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** `zoneops hygiene record …`: the attendant (or a script) writes a record straight into the config's database. */
export function registerHygiene(program: Command): void {
  const hygiene = program.command('hygiene').description('cleaning and disinfection log (清洁消毒登记)');
  hygiene
    .command('record')
    .description('record a cleaning or disinfection (登记一次清洁或消毒)')
    .addOption(new Option('-c, --config <file>', 'configuration file').default(defaultConfigPath))
    .requiredOption('--target <ids>', 'target id from hygiene.targets (several: comma-separated)')
    .addOption(new Option('--task <task>', 'what was done').choices(hygieneTasks).makeOptionMandatory())
    .requiredOption('--by <name>', 'who did it (执行人)')
    .option('--method <text>', 'method, e.g. "75% 酒精擦拭"')
    .option('--agent <text>', 'agent, e.g. "含氯消毒液 500 mg/L"')
    .option('--note <text>', 'note (备注)')
    .option('--at <time>', 'when it was done, ISO 8601 with offset (an earlier time is flagged back-dated)')
    .option('--corrects <id>', 'the id of the record this one corrects')
    .option('--json', 'print the stored records as JSON')
    .addOption(langOption())
    // Usage errors reach main(), which exits 2 for them like for a bad config.
    .exitOverride()
    .action(async (opts: HygieneRecordOptions) => {
      process.exitCode = await runHygieneRecord(opts, { stdout: process.stdout, stderr: process.stderr });
    });
}

/** Exit codes: 0 recorded, 1 runtime failure, 2 bad configuration or input. */
async function runHygieneRecord(opts: HygieneRecordOptions, io: Io): Promise<number> {
  const lang = cliLanguage(opts.lang, opts.config);
  const fail = (message: string): number => {
    io.stderr.write(refusalLine(message, lang));
    return 2;
  };
  const loaded = loadConfig(opts.config, {}, { language: lang });
  if (!loaded.ok) {
    for (const line of loaded.error) io.stderr.write(`${line}\n`);
    return 2;
  }
  const config = loaded.value;
  const input: RecordInput = {
    targets: opts.target.split(',').map((t) => t.trim()),
    task: opts.task,
    by: opts.by.trim(),
    source: 'cli',
    ...(opts.method !== undefined ? { method: opts.method } : {}),
    ...(opts.agent !== undefined ? { agent: opts.agent } : {}),
    ...(opts.note !== undefined ? { note: opts.note } : {}),
  };
  if (input.by === '') return fail(refusals.emptyBy(lang));
  if (opts.at !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(opts.at)) {
      return fail(refusals.badAt(opts.at, lang));
    }
    input.doneAt = Date.parse(opts.at);
  }
  if (opts.corrects !== undefined) {
    if (!/^[1-9]\d{0,14}$/.test(opts.corrects)) return fail(refusals.badCorrects(opts.corrects, lang));
    input.correctsId = Number(opts.corrects);
  }
  const plan = planFromConfig(config.hygiene);
  const store = await openStore(config.store.path, systemClock.now());
  try {
    const service = createHygieneService({
      repo: new HygieneRepo(store.db),
      audit: store.audit,
      clock: systemClock,
      plan,
      photos: new PhotoStore(photoDirFor(config.hygiene, config.store.path)),
      photoMaxBytes: config.hygiene.photoMaxBytes,
      backdateToleranceMinutes: config.hygiene.backdateToleranceMinutes,
    });
    const records = await service.record(input, {
      name: input.by,
      role: 'cli',
      remoteAddr: 'cli',
      via: 'cli',
    });
    if (opts.json) {
      io.stdout.write(`${JSON.stringify({ records }, null, 2)}\n`);
    } else {
      for (const r of records) io.stdout.write(`${recordedLine(r, plan.targets, lang)}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof ServiceError) return fail(serviceRefusal(err.message, plan.targets, lang));
    throw err;
  } finally {
    await store.close();
  }
}
