import { conditionName, kindName } from '../domain/condition-names.js';
import type { Language } from '../domain/messages.js';
import { type CommonStrings, common } from './text/common.js';
import { type DeviceStrings, devices } from './text/devices.js';
import { type FaultStrings, faults } from './text/faults.js';
import { type HygieneStrings, hygiene } from './text/hygiene.js';
import { type PowerStrings, power } from './text/power.js';
import { type ReportStrings, reports } from './text/reports.js';

/**
 * Every word of the pages, in the reader's language (zh-CN default, English selectable): one file per
 * part in text/, put together here. Condition and fault-kind names are the domain's one list.
 */
export type Strings = CommonStrings &
  FaultStrings &
  DeviceStrings &
  PowerStrings &
  HygieneStrings &
  ReportStrings & {
    readonly lang: Language;
    condition(name: string): string;
    kindName(kind: string): string;
  };

const built = new Map<Language, Strings>();

export function strings(language: Language): Strings {
  let s = built.get(language);
  if (!s) {
    s = {
      ...common[language],
      ...faults[language],
      ...devices[language],
      ...power[language],
      ...hygiene[language],
      ...reports[language],
      lang: language,
      condition: (name: string) => conditionName(name, language),
      kindName: (kind: string) => kindName(kind, language),
    };
    built.set(language, s);
  }
  return s;
}
