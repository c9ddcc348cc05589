/** Device status vocabulary shared by probes, the fault engine, the API and metrics. */
export const deviceStatuses = ['up', 'degraded', 'down', 'off-scheduled', 'unknown'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];
