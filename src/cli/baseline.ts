import { type Command, Option } from 'commander';
import { defaultConfigPath, loadConfig } from '../config/load.js';
import type { Language } from '../domain/messages.js';
import { areaAssets, assetFromConfig } from '../inventory/assets.js';
import { SqliteBaselineStore } from '../probes/snmp/baseline-store.js';
import { snmpDevicesFromConfig } from '../probes/snmp/poll.js';
import { readDevice } from '../probes/snmp/read-device.js';
import { baselineOf } from '../probes/snmp/software-policy.js';
import { openStore } from '../store/store.js';
import { cliLanguage, colonOf, langOption } from './lang.js';
import { unreachableLine } from './probe-text.js';

/** A space between a Latin id and the Chinese that follows it (`pc-01 没有…`), none after `（pc-01）`. */
const gap = (who: string) => (/[!-~]$/.test(who) ? ' ' : '');

/** What `zoneops baseline accept` says, in Chinese (the default) or English. */
const text = {
  'zh-CN': {
    noDevice: (id: string, file: string) => `配置文件 ${file} 中没有编号为 "${id}" 且配置了 SNMP 的设备`,
    nothing: (who: string) =>
      `${who}${gap(who)}没有报告已安装的软件和硬件（主机资源信息，HOST-RESOURCES-MIB），未登记基线`,
    accepted: (who: string, installed: number, hardware: number) =>
      `${who}：已将当前的软件和硬件登记为基线（已安装软件 ${installed} 个，硬件 ${hardware} 项）`,
  },
  en: {
    noDevice: (id: string, file: string) => `no device "${id}" with an snmp section in ${file}`,
    nothing: (id: string) => `${id} reports no installed software or hardware (HOST-RESOURCES-MIB)`,
    accepted: (id: string, installed: number, hardware: number) =>
      `${id}: baseline accepted (${installed} installed, ${hardware} hardware)`,
  },
} satisfies Record<Language, unknown>;

/**
 * `zoneops baseline accept DEVICE`: reads the PC now and makes its installed software and hardware
 * the accepted baseline, so software-changed / hardware-changed clear at the next poll.
 */
async function acceptBaseline(configFile: string, deviceId: string, flag?: string): Promise<number> {
  const lang = cliLanguage(flag, configFile);
  const t = text[lang];
  const refuse = (message: string) =>
    process.stderr.write(`zoneops baseline accept${colonOf(lang)}${message}\n`);
  const loaded = loadConfig(configFile, {}, { language: lang });
  if (!loaded.ok) {
    for (const line of loaded.error) process.stderr.write(`${line}\n`);
    return 2;
  }
  const device = snmpDevicesFromConfig(loaded.value).find((d) => d.id === deviceId);
  if (!device) {
    refuse(t.noDevice(deviceId, configFile));
    return 2;
  }
  // In Chinese the PC by the name the zone gives it, with its id: `电脑 1（pc-01）`.
  const name = loaded.value.devices.find((d) => d.id === deviceId)?.name;
  const who = lang === 'en' || !name || name === deviceId ? deviceId : `${name}（${deviceId}）`;
  const reading = await readDevice(device.target, { deviceId, kindHint: 'pc', now: Date.now });
  const obs = reading.observation;
  if (!obs.reachable) {
    refuse(`${who}${lang === 'en' ? ' ' : gap(who)}${unreachableLine(obs.problem, lang)}`);
    return 1;
  }
  if (!obs.host || (obs.host.installed.length === 0 && obs.host.hardware.length === 0)) {
    refuse(t.nothing(who));
    return 1;
  }
  const store = await openStore(loaded.value.store.path, Date.now());
  try {
    // A baseline belongs to a registered device: register the config's devices as the daemon does at
    // start, so the command works on a database the daemon has not opened yet.
    const config = loaded.value;
    const assets = [
      ...config.devices.map(assetFromConfig),
      ...areaAssets(config.hygiene.targets, config.siteName),
    ];
    await store.devices.sync(assets, Date.now());
    const baseline = baselineOf(obs.host, obs.at);
    await new SqliteBaselineStore(store.db).put(deviceId, baseline, 'cli');
    process.stdout.write(`${t.accepted(who, baseline.installed.length, baseline.hardware.length)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

export function registerBaseline(program: Command): void {
  const baseline = program.command('baseline').description('software/hardware baselines of the public PCs');
  baseline
    .command('accept')
    .description("take the device's current installed software and hardware as its accepted baseline")
    .argument('<device>', 'device id')
    .addOption(new Option('-c, --config <file>', 'configuration file').default(defaultConfigPath))
    .addOption(langOption())
    .action(async (device: string, opts: { config: string; lang?: string }) => {
      process.exitCode = await acceptBaseline(opts.config, device, opts.lang);
    });
}
