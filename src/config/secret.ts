import { inspect } from 'node:util';
import { err, ok, type Result } from '../domain/result.js';
import { say } from './problems.js';

/**
 * A secret value from the config (SNMP community, v3 key, webhook key, SMTP password, PIN).
 * It can only be read through `reveal()`; every way of printing it — string conversion,
 * JSON, util.inspect, pino logs — shows "[redacted]", so a secret cannot leak by accident
 * into logs, API responses, metrics or error messages.
 */
export class Secret {
  readonly #value: string;
  /** Where the value came from, e.g. `env:WECOM_KEY`, `file:/etc/zoneops/key`, `inline`. Safe to show. */
  readonly source: string;

  constructor(value: string, source: string) {
    this.#value = value;
    this.source = source;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return `Secret(${this.source})`;
  }
}

export interface SecretSources {
  env: NodeJS.ProcessEnv;
  readFile: (path: string) => string;
  /** `zoneops mqtt credentials` writes mqtt.credentialsFile: for it, a file not there yet is no problem. */
  credentialsFileMayBeMissing?: boolean;
}

type SecretResult = Result<Secret>;

/**
 * Resolves a config string into a Secret: `${ENV_VAR}` reads the environment, `file:/path`
 * reads a file (trailing newline trimmed), anything else is taken literally.
 * Problems name the variable or file, never a value.
 */
export function resolveSecret(raw: string, sources: SecretSources): SecretResult {
  const envMatch = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(raw);
  if (envMatch) {
    const name = envMatch[1] as string;
    const value = sources.env[name];
    if (value === undefined || value === '') {
      return err(say(`environment variable ${name} is not set`, `环境变量 ${name} 没有设置`));
    }
    return ok(new Secret(value, `env:${name}`));
  }
  if (raw.startsWith('file:')) {
    const path = raw.slice('file:'.length);
    try {
      const value = sources.readFile(path).replace(/\r?\n$/, '');
      if (value === '') return err(say(`secret file ${path} is empty`, `密钥文件 ${path} 是空的`));
      return ok(new Secret(value, `file:${path}`));
    } catch {
      return err(say(`cannot read secret file ${path}`, `无法读取密钥文件 ${path}`));
    }
  }
  if (raw.includes('${')) {
    return err(
      say(
        'expected ${ENV_VAR} alone, file:/path or a literal value',
        '应单独写 ${环境变量}、file:/文件路径，或直接写值',
      ),
    );
  }
  return ok(new Secret(raw, 'inline'));
}
