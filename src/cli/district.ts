import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadDistrict } from '../config/district.js';
import { renderDistrict } from '../district/render.js';

const EXIT_BAD_INPUT = 2;
/** The alert rules shipped with zoneops (config/prometheus/rules/), copied next to the central config. */
const rulesDir = fileURLToPath(new URL('../../config/prometheus/rules/', import.meta.url));
const ruleFiles = ['zoneops.rules.yml', 'district.rules.yml'];

export interface CliOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `zoneops check-config --district FILE`: the district file's problems, one line each. */
export function checkDistrict(file: string): CliOutput {
  const d = loadDistrict(file);
  if (!d.ok) return { code: EXIT_BAD_INPUT, stdout: '', stderr: `${d.error.join('\n')}\n` };
  const towns = d.value.towns.map(
    (t) => `  ${t.site}（${t.name}）Prometheus ${t.prometheus.host}:${t.prometheus.port}`,
  );
  return {
    code: 0,
    stdout: `${file}: 有效 (valid)\n区 ${d.value.district}：${d.value.towns.length} 个镇\n${towns.join('\n')}\n`,
    stderr: '',
  };
}

/** `zoneops district render FILE --out DIR`: writes the central Prometheus, Alertmanager and bridge configs. */
export function runDistrictRender(file: string, out: string): CliOutput {
  const d = loadDistrict(file);
  if (!d.ok) return { code: EXIT_BAD_INPUT, stdout: '', stderr: `${d.error.join('\n')}\n` };
  const written: string[] = [];
  for (const [name, text] of renderDistrict(d.value)) {
    const path = join(out, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    written.push(path);
  }
  mkdirSync(join(out, 'rules'), { recursive: true });
  for (const r of ruleFiles) {
    copyFileSync(join(rulesDir, r), join(out, 'rules', r));
    written.push(join(out, 'rules', r));
  }
  return { code: 0, stdout: `已生成 (written):\n${written.map((w) => `  ${w}`).join('\n')}\n`, stderr: '' };
}

const emit = (o: CliOutput) => {
  if (o.stderr) process.stderr.write(o.stderr);
  if (o.stdout) process.stdout.write(o.stdout);
  if (o.code !== 0) process.exit(o.code);
};

/** `zoneops district …`: the district office's commands. */
export function registerDistrict(program: Command): void {
  const district = program
    .command('district')
    .description('区级汇总：生成区级 Prometheus、Alertmanager 与 MQTT 桥接配置');
  district
    .command('render')
    .description('从区级配置文件生成配置 (render the central configs from a district file)')
    .argument('<file>', 'district file, e.g. deploy/district/district.example.yaml')
    .requiredOption('-o, --out <dir>', 'output directory')
    .action((file: string, opts: { out: string }) => emit(runDistrictRender(file, opts.out)));
}

export const emitDistrictCheck = (file: string) => emit(checkDistrict(file));
