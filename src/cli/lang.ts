import { Option } from 'commander';
import { declaredLanguageOf } from '../config/load.js';
import type { Language } from '../domain/messages.js';

/**
 * The language of a command's output: `--lang`, else the config's own `language:` line, else the
 * locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: en_* is English, zh_* Chinese), else Chinese — the config's own
 * default (`language: zh-CN`), so a technician on a box with `LANG=C` still reads Chinese. JSON output is
 * never translated.
 */
export function cliLanguage(
  flag: string | undefined,
  configFile?: string,
  env: NodeJS.ProcessEnv = process.env,
): Language {
  if (flag === 'zh-CN' || flag === 'en') return flag;
  const declared = configFile ? declaredLanguageOf(configFile) : undefined;
  if (declared) return declared;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(locale) ? 'en' : 'zh-CN';
}

export const langOption = () =>
  new Option(
    '--lang <lang>',
    'language of the output: zh-CN or en (default: the config’s language:, else the locale, else zh-CN)',
  ).choices(['zh-CN', 'en']);

/** `label: value` in English, `标签：值` in Chinese. */
export const colonOf = (lang: Language) => (lang === 'en' ? ': ' : '：');
