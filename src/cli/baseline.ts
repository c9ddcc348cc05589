import { type Command, Option } from 'commander';
import { defaultConfigPath, loadConfig } from '../config/load.js';
import { SqliteBaselineStore } from '../probes/snmp/baseline-store.js';
import { snmpDevicesFromConfig } from '../probes/snmp/poll.js';
import { readDevice } from '../probes/snmp/read-device.js';
import { baselineOf } from '../probes/snmp/software-policy.js';
import { openStore } from '../store/store.js';

/**
 * `zoneops baseline accept DEVICE`: reads the PC now and makes its installed software and hardware
 * the accepted baseline, so software-changed / hardware-changed clear at the next poll.
 */
async function acceptBaseline(configFile: string, deviceId: string): Promise<number> {
  const loaded = loadConfig(configFile);
  if (!loaded.ok) {
    for (const line of loaded.error) process.stderr.write(`${line}\n`);
    return 2;
  }
  const device = snmpDevicesFromConfig(loaded.value).find((d) => d.id === deviceId);
  if (!device) {
    process.stderr.write(`zoneops baseline: no device "${deviceId}" with an snmp section in ${configFile}\n`);
    return 2;
  }
  const reading = await readDevice(device.target, { deviceId, kindHint: 'pc', now: Date.now });
  const obs = reading.observation;
  if (!obs.reachable) {
    process.stderr.write(
      `zoneops baseline: ${deviceId} unreachable (${obs.problem?.reason}): ${obs.problem?.message}\n`,
    );
    return 1;
  }
  if (!obs.host || (obs.host.installed.length === 0 && obs.host.hardware.length === 0)) {
    process.stderr.write(
      `zoneops baseline: ${deviceId} reports no installed software or hardware (HOST-RESOURCES-MIB)\n`,
    );
    return 1;
  }
  const store = await openStore(loaded.value.store.path, Date.now());
  try {
    const baseline = baselineOf(obs.host, obs.at);
    await new SqliteBaselineStore(store.db).put(deviceId, baseline, 'cli');
    process.stdout.write(
      `${deviceId}: baseline accepted (${baseline.installed.length} installed, ${baseline.hardware.length} hardware)\n`,
    );
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
    .action(async (device: string, opts: { config: string }) => {
      process.exitCode = await acceptBaseline(opts.config, device);
    });
}
