/**
 * The power-command API shared by the MQTT adapters (plugs, PC agents), Wake-on-LAN and the
 * schedule reconciler: send the right command for the device and resolve when the device's own
 * state confirms it, or with a clear reason why not.
 */
export type PowerAction = 'on' | 'off';

export type SwitchResult =
  | { ok: true; confirmedAt: number }
  | { ok: false; reason: 'timeout' | 'not-connected' | 'unsupported' | 'rejected'; message: string };

export interface PowerSwitch {
  /** Switches a device on or off; `timeoutMs` bounds the wait for confirmation. */
  switch(deviceId: string, action: PowerAction, opts?: { timeoutMs?: number }): Promise<SwitchResult>;
}
