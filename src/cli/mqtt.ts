import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { defaultConfigPath, loadConfig } from '../config/load.js';
import {
  type MqttCredentials,
  newMqttPassword,
  readCredentials,
  renderCredentials,
} from '../config/mqtt-credentials.js';
import type { Config } from '../config/schema.js';
import { zoneopsMqttIdentity } from '../config/sections/mqtt.js';
import { accessRules, aclInputOf } from '../mqtt/acl.js';
import { aclFile, mosquittoConfLines, passwordFile } from '../mqtt/mosquitto-files.js';

type Out = (line: string) => void;

function load(file: string, err: Out, credentialsFileMayBeMissing = false): Config | undefined {
  const loaded = loadConfig(file, { credentialsFileMayBeMissing });
  if (!loaded.ok) {
    for (const line of loaded.error) err(line);
    return undefined;
  }
  return loaded.value;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * `zoneops mqtt credentials`: a password for zoneops and for every MQTT device and button of the register
 * that has none in the config, written to the credentials file (mode 0600). Existing passwords are kept
 * unless `rotate`; passwords are never printed (they are in the file, for the technician to type into
 * each device's MQTT settings).
 */
export function writeCredentials(
  opts: { config: string; out?: string | undefined; rotate?: boolean | undefined },
  out: Out,
  err: Out,
): number {
  const config = load(opts.config, err, true);
  if (!config) return 2;
  const zh = config.language === 'zh-CN';
  const target = opts.out ?? config.mqtt.credentialsFile;
  if (target === undefined) {
    err(
      zh
        ? 'zoneops mqtt credentials：请用 --out 文件 指定写到哪里，并在配置中加上 mqtt.credentialsFile: 该文件'
        : 'zoneops mqtt credentials: say where with --out FILE, and set mqtt.credentialsFile: FILE in the config',
    );
    return 2;
  }
  let existing: MqttCredentials = { clients: new Map() };
  if (existsSync(target) && !opts.rotate) {
    const read = readCredentials(target, (p) => readFileSync(p, 'utf8'));
    if (!read.ok) {
      err(`${opts.config}: mqtt.credentialsFile: ${read.error}`);
      return 2;
    }
    existing = read.value;
  }
  const clients = new Map(existing.clients);
  const added: string[] = [];
  const rules = accessRules(aclInputOf(config));
  for (const p of rules.byUsername.values()) {
    if (p.kind === 'zoneops') continue;
    // A password given in the config itself wins; the file is not consulted for it.
    const fromConfig = p.password !== undefined && !p.password.source.startsWith('file:');
    if (fromConfig || clients.has(p.username)) continue;
    clients.set(p.username, newMqttPassword());
    added.push(
      `${p.username} (${p.kind === 'device' ? (zh ? '设备' : 'device') : zh ? '清洁按钮' : 'button'} ${p.id})`,
    );
  }
  const zoneops = existing.zoneops ?? newMqttPassword();
  const text = renderCredentials({ zoneops, clients }, `written by zoneops mqtt credentials on ${today()}`);
  writeFileSync(target, text, { mode: 0o600 });
  chmodSync(target, 0o600);
  const { username } = zoneopsMqttIdentity(config.mqtt, config.site);
  if (zh) {
    out(
      `已写入 ${target}（权限 600）：新增 ${added.length} 个设备账号，共 ${clients.size} 个；zoneops 自己的用户名 ${username}。`,
    );
    for (const a of added) out(`  新账号：${a}，密码见文件 clients 一节，请填入该设备的 MQTT 设置`);
    if (config.mqtt.credentialsFile === undefined)
      out(`请在配置中加上：mqtt: { credentialsFile: ${target} }`);
  } else {
    out(
      `wrote ${target} (mode 600): ${added.length} new device accounts, ${clients.size} in all; zoneops' own username ${username}.`,
    );
    for (const a of added)
      out(
        `  new account: ${a}; its password is under clients: in the file — type it into the device's MQTT settings`,
      );
    if (config.mqtt.credentialsFile === undefined)
      out(`add to the config: mqtt: { credentialsFile: ${target} }`);
  }
  return 0;
}

/**
 * `zoneops mqtt acl`: the embedded broker's rules as a Mosquitto `password_file` and `acl_file` in `dir`,
 * and the mosquitto.conf lines that use them. Every client (zoneops too) needs a password first.
 */
export function writeMosquittoFiles(opts: { config: string; outDir: string }, out: Out, err: Out): number {
  const config = load(opts.config, err);
  if (!config) return 2;
  const zh = config.language === 'zh-CN';
  const rules = accessRules(aclInputOf(config));
  const missing = [...rules.byUsername.values()].filter((p) => p.password === undefined);
  for (const p of rules.problems) err(`${opts.config}: ${p}`);
  for (const p of missing) {
    err(
      zh
        ? `${opts.config}: ${p.configPath}：${p.id} 没有 MQTT 密码（先运行 zoneops mqtt credentials，或在配置中写上）`
        : `${opts.config}: ${p.configPath}: ${p.id} has no MQTT password (run zoneops mqtt credentials first, or set it)`,
    );
  }
  if (missing.length > 0 || rules.problems.length > 0) return 2;
  mkdirSync(opts.outDir, { recursive: true });
  const passwd = resolve(join(opts.outDir, 'zoneops.passwd'));
  const acl = resolve(join(opts.outDir, 'zoneops.acl'));
  writeFileSync(passwd, passwordFile(rules), { mode: 0o600 });
  chmodSync(passwd, 0o600);
  writeFileSync(acl, aclFile(rules, `written by zoneops mqtt acl on ${today()} from ${opts.config}`), {
    mode: 0o644,
  });
  out(
    zh
      ? `已写入 ${passwd}（${rules.byUsername.size} 个账号）和 ${acl}。`
      : `wrote ${passwd} (${rules.byUsername.size} accounts) and ${acl}.`,
  );
  out(
    zh
      ? '在 mosquitto.conf 中加入以下几行，然后重启 Mosquitto：'
      : 'add these lines to mosquitto.conf and restart Mosquitto:',
  );
  for (const line of mosquittoConfLines(passwd, acl, config.mqtt.embedded.maxPacketBytes)) out(`  ${line}`);
  return 0;
}

export function registerMqtt(program: Command): void {
  const mqtt = program.command('mqtt').description('MQTT credentials and access rules of the zone');
  const configOption = () =>
    new Option('-c, --config <file>', 'configuration file').default(defaultConfigPath);
  const out: Out = (l) => process.stdout.write(`${l}\n`);
  const err: Out = (l) => process.stderr.write(`${l}\n`);
  mqtt
    .command('credentials')
    .description(
      'give zoneops and every MQTT device and button its own password (written to mqtt.credentialsFile)',
    )
    .addOption(configOption())
    .option('--out <file>', 'where to write (default: mqtt.credentialsFile of the config)')
    .option('--rotate', 'make new passwords for everyone (devices must then be given theirs again)')
    .action((opts: { config: string; out?: string; rotate?: boolean }) => {
      process.exitCode = writeCredentials(opts, out, err);
    });
  mqtt
    .command('acl')
    .description(
      'write a Mosquitto password_file and acl_file with the same access rules as the embedded broker',
    )
    .addOption(configOption())
    .requiredOption('--out-dir <dir>', 'folder for zoneops.passwd and zoneops.acl')
    .action((opts: { config: string; outDir: string }) => {
      process.exitCode = writeMosquittoFiles(opts, out, err);
    });
}
