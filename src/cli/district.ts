import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadDistrict } from '../config/district.js';
import { renderDistrict } from '../district/render.js';

const EXIT_RUNTIME = 1;
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
  const files = [
    ...[...renderDistrict(d.value)].map(([name, text]) => ({
      path: join(out, name),
      write: (p: string) => writeFileSync(p, text),
    })),
    ...ruleFiles.map((r) => ({
      path: join(out, 'rules', r),
      write: (p: string) => copyFileSync(join(rulesDir, r), p),
    })),
  ];
  for (const f of files) {
    try {
      mkdirSync(dirname(f.path), { recursive: true });
      f.write(f.path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      const done = written.length > 0 ? `；已写入的 ${written.length} 个文件不完整，请修正后重新生成` : '';
      return {
        code: EXIT_RUNTIME,
        stdout: '',
        stderr: `无法写入 ${f.path}（${code}）：请检查 --out 目录是否存在且可写${done} (cannot write the output)\n`,
      };
    }
    written.push(f.path);
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
