import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Reads the MQTT messages quoted in ../shared/fixtures/mqtt/*.md (read-only, never copied into the
 * repo) so that tests replay exactly what the documentation shows.
 */
export const fixtureDir = fileURLToPath(new URL('../../../../shared/fixtures/mqtt/', import.meta.url));

export interface FixtureMessage {
  readonly file: string;
  readonly line: number;
  readonly topic: string;
  readonly payload: string;
  readonly retained: boolean;
}

export function readFixture(file: string): string {
  return readFileSync(`${fixtureDir}${file}`, 'utf8');
}

/** tasmota.md: code-block log lines, `topic payload` spans in the text, the mosquitto_sub block. */
export function tasmotaMessages(): FixtureMessage[] {
  const file = 'tasmota.md';
  const out: FixtureMessage[] = [];
  let inBlock = false;
  let subTopic: string | undefined;
  readFixture(file)
    .split('\n')
    .forEach((text, i) => {
      const line = i + 1;
      if (text.startsWith('```')) {
        inBlock = !inBlock;
        subTopic = undefined;
        return;
      }
      if (inBlock) {
        const sub = /^\$ mosquitto_sub -t "([^"]+)"$/.exec(text);
        if (sub) {
          subTopic = sub[1];
          return;
        }
        if (subTopic !== undefined) {
          out.push({ file, line, topic: subTopic, payload: text.trim(), retained: false });
          return;
        }
        const m =
          /^\s*(?:↳\s*)?(?:[\d:.]+\s+)?(?:MQT:\s+)?((?:tele|stat)\/\S+)\s+(?:=|→)\s+(.*?)(\s+\(retained\))?$/.exec(
            text,
          );
        if (m?.[1] && m[2] !== undefined) {
          out.push({ file, line, topic: m[1], payload: m[2], retained: m[3] !== undefined });
        }
        return;
      }
      for (const span of text.matchAll(/`([^`]+)`/g)) {
        const m = /^(?:MQT:\s+)?((?:tele|stat)\/[^\s<]+?)(?:\s+=\s+|\s+)(.+)$/.exec(span[1] ?? '');
        if (m?.[1] && m[2] !== undefined) {
          out.push({ file, line, topic: m[1], payload: m[2], retained: false });
        }
      }
    });
  return out;
}

/** hass-agent.md: the "Example replay sequence" block. */
export function hassAgentMessages(): FixtureMessage[] {
  const file = 'hass-agent.md';
  const out: FixtureMessage[] = [];
  readFixture(file)
    .split('\n')
    .forEach((text, i) => {
      const m = /^(homeassistant\/\S+)\s+(\S+)(\s+\((retain|last will)\))?\s*$/.exec(text);
      if (m?.[1] && m[2] !== undefined) {
        out.push({ file, line: i + 1, topic: m[1], payload: m[2], retained: m[4] === 'retain' });
      }
    });
  return out;
}

/** shelly.md: the `key: 'value'` lines of the Gen1 Home Assistant config (pastebin zWaNqRer). */
export function shellyGen1Config(): Record<string, string> {
  const text = readFixture('shelly.md');
  const block = /pastebin\.com\/zWaNqRer[\s\S]*?```\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  const out: Record<string, string> = {};
  for (const m of block.matchAll(/^(\w+): '([^']*)'$/gm)) {
    if (m[1] && m[2] !== undefined) out[m[1]] = m[2];
  }
  return out;
}

/** shelly.md: the Gen2 Home Assistant config (gist lordneon), values unquoted. */
export function shellyGen2Config(): Record<string, string> {
  const text = readFixture('shelly.md');
  const block = /gist lordneon[\s\S]*?```\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  const out: Record<string, string> = {};
  for (const m of block.matchAll(/^(\w+): (["'])(.*)\2$/gm)) {
    if (m[1] && m[3] !== undefined) out[m[1]] = m[3];
  }
  return out;
}
