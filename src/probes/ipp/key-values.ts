/**
 * printer-alert, printer-supply, printer-input-tray and printer-output-tray values are
 * `key=value;key=value;` strings (PWG 5100.13 / RFC 3805 textual conventions), where a `\` escapes
 * the next character (`name=Sheet\ feeder\ bin\ 1;`). Unknown keys are kept.
 */
export function parseKeyValues(text: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  let key = '';
  let value = '';
  let inValue = false;
  const flush = () => {
    const k = key.trim();
    if (k !== '' && !out.has(k)) out.set(k, value);
    key = '';
    value = '';
    inValue = false;
  };
  for (let i = 0; i < text.length; i++) {
    let ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      ch = text[++i] as string;
    } else if (ch === ';') {
      flush();
      continue;
    } else if (ch === '=' && !inValue) {
      inValue = true;
      continue;
    }
    if (inValue) value += ch;
    else key += ch;
  }
  flush();
  return out;
}

/** An integer field of a key=value string, or null when absent or not an integer. */
export function intField(kv: ReadonlyMap<string, string>, key: string): number | null {
  const raw = kv.get(key);
  if (raw === undefined || !/^-?\d+$/.test(raw.trim())) return null;
  return Number(raw.trim());
}
