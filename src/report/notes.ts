import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { isoDate, text } from '../config/fields.js';
import { describeIssue, formatPath } from '../config/problems.js';
import type { Language } from '../domain/messages.js';
import { type SectionKey, sectionKeys } from '../domain/report-narrative.js';
import { err, ok, type Result } from '../domain/result.js';

/**
 * The technician's notes for one month (`<report.notesDir>/<YYYY-MM>.yaml`, or `--notes FILE`): who
 * prepared and reviewed the report, the date it is filed, and any section's paragraph in their own
 * words instead of the generated one (a blank line starts a new paragraph):
 *
 *   preparedBy: 陈刚
 *   reviewedBy: 张伟
 *   submittedOn: 2027-01-04
 *   narrative:
 *     faults: 本月共发生设备故障 3 起，均已修复……
 *     outlook: |
 *       存在问题：……
 *
 * No file is no notes. A file that is wrong is refused with the file, the field and what to write.
 */
export interface ReportNotes {
  readonly preparedBy?: string;
  readonly reviewedBy?: string;
  readonly submittedOn?: string;
  readonly narrative: Partial<Record<SectionKey, readonly string[]>>;
}

const schema = z.strictObject({
  preparedBy: text().optional(),
  reviewedBy: text().optional(),
  submittedOn: isoDate().optional(),
  narrative: z.partialRecord(z.enum(sectionKeys), text()).optional(),
});

export function notesFile(dir: string, month: string): string {
  return join(dir, `${month}.yaml`);
}

export function readNotes(file: string, lang: Language, required = false): Result<ReportNotes, string> {
  const zh = lang !== 'en';
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !required) return ok({ narrative: {} });
    return err(zh ? `月报说明文件 ${file} 无法读取` : `notes file ${file}: cannot read it`);
  }
  const doc = parseDocument(source, { uniqueKeys: true });
  const bad = (where: string, why: string) =>
    err(zh ? `月报说明文件 ${file}${where}：${why}` : `notes file ${file}${where}: ${why}`);
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    return bad(pos ? ` 第 ${pos.line} 行` : '', zh ? 'YAML 格式错误' : 'YAML syntax error');
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch {
    return bad('', zh ? '别名过多' : 'too many aliases');
  }
  const parsed = schema.safeParse(data, { error: describeIssue });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path =
      issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue?.path ?? []);
    const why =
      issue?.code === 'unrecognized_keys'
        ? zh
          ? `未知字段（可用：preparedBy、reviewedBy、submittedOn、narrative.${sectionKeys.join('/')}）`
          : `unknown field (known: preparedBy, reviewedBy, submittedOn, narrative.${sectionKeys.join('/')})`
        : (issue?.message ?? '');
    return bad(` ${formatPath(path)}`, why);
  }
  const n = parsed.data;
  const narrative: Partial<Record<SectionKey, string[]>> = {};
  for (const [k, v] of Object.entries(n.narrative ?? {}) as Array<[SectionKey, string]>)
    narrative[k] = v
      .split(/\n\s*\n/)
      .map((p) => p.replace(/\s*\n\s*/g, zh ? '' : ' ').trim())
      .filter((p) => p !== '');
  return ok({
    ...(n.preparedBy ? { preparedBy: n.preparedBy } : {}),
    ...(n.reviewedBy ? { reviewedBy: n.reviewedBy } : {}),
    ...(n.submittedOn ? { submittedOn: String(n.submittedOn).slice(0, 10) } : {}),
    narrative,
  });
}
