import type { NotifierConfig } from '../config/schema.js';
import { createDingtalkChannel } from './dingtalk.js';
import type { NotifierDeps } from './dispatcher.js';
import { createEmailChannel } from './email.js';
import { createMqttChannel } from './mqtt.js';
import type { Channel } from './types.js';
import { createWebhookChannel } from './webhook.js';
import { createWecomChannel } from './wecom.js';

/** One channel per configured notifier. */
export function buildChannels(deps: NotifierDeps): Channel[] {
  // Platforms check these timestamps against their own clocks: always the real time.
  const wall = deps.wallClock ?? (() => Date.now());
  return deps.notifiers.map((n) => buildChannel(deps, n, wall));
}

function buildChannel(deps: NotifierDeps, n: NotifierConfig, wall: () => number): Channel {
  switch (n.type) {
    case 'webhook':
      return createWebhookChannel(
        { id: n.id, url: n.url, ...(n.secret ? { secret: n.secret } : {}) },
        deps.site,
        wall,
      );
    case 'wecom':
      return createWecomChannel({ id: n.id, key: n.key, baseUrl: n.baseUrl });
    case 'dingtalk':
      return createDingtalkChannel(
        {
          id: n.id,
          accessToken: n.accessToken,
          baseUrl: n.baseUrl,
          ...(n.secret ? { secret: n.secret } : {}),
        },
        wall,
      );
    case 'email':
      return createEmailChannel({ id: n.id, from: n.from, smtp: n.smtp }, deps.site, undefined, deps.logger);
    case 'mqtt':
      return createMqttChannel({ id: n.id, topic: n.topic }, deps.site, deps.publish);
  }
}
