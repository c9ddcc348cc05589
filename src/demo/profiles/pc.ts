import type { SnmpProfile } from '../snmp-agent.js';

/**
 * A public-access Windows PC as its SNMP service answers HOST-RESOURCES-MIB (RFC 2790): a fixed disk
 * and RAM, one processor, a few running processes and the installed software list. Our own values.
 */
const dev = 100;

interface PcProfileOptions {
  name: string;
  diskUsedGiB: number;
}

const GiB = 1024 ** 3;

export function pcProfile(o: PcProfileOptions): SnmpProfile {
  const unit = 4096;
  return {
    scalars: [
      {
        name: 'sysDescr',
        oid: '1.3.6.1.2.1.1.1',
        type: 'str',
        value:
          'Hardware: Intel64 Family 6 Model 165 - Software: Windows Version 6.3 (Build 19045 Multiprocessor Free)',
      },
      { name: 'sysObjectID', oid: '1.3.6.1.2.1.1.2', type: 'oid', value: '1.3.6.1.4.1.311.1.1.3.1.1' },
      { name: 'sysUpTime', oid: '1.3.6.1.2.1.1.3', type: 'ticks', value: 180_000 },
      { name: 'sysName', oid: '1.3.6.1.2.1.1.5', type: 'str', value: o.name },
      { name: 'hrSystemUptime', oid: '1.3.6.1.2.1.25.1.1', type: 'ticks', value: 180_000 },
    ],
    tables: [
      {
        name: 'hrStorageTable',
        entry: '1.3.6.1.2.1.25.2.3.1',
        columns: { 1: 'int', 2: 'oid', 3: 'str', 4: 'int', 5: 'int', 6: 'int' },
        index: [1],
        rows: [
          {
            1: 1,
            2: '1.3.6.1.2.1.25.2.1.4',
            3: 'C:\\ Label:  Serial Number 1a2b3c4d',
            4: unit,
            5: (237 * GiB) / unit,
            6: (o.diskUsedGiB * GiB) / unit,
          },
          {
            1: 2,
            2: '1.3.6.1.2.1.25.2.1.2',
            3: 'Physical Memory',
            4: 65536,
            5: (8 * GiB) / 65536,
            6: (3 * GiB) / 65536,
          },
        ],
      },
      {
        name: 'hrDeviceTable',
        entry: '1.3.6.1.2.1.25.3.2.1',
        columns: { 1: 'int', 2: 'oid', 3: 'str', 5: 'int' },
        index: [1],
        rows: [{ 1: 3, 2: '1.3.6.1.2.1.25.3.1.3', 3: 'Intel(R) Core(TM) i5-10400 CPU @ 2.90GHz', 5: 2 }],
      },
      {
        name: 'hrProcessorTable',
        entry: '1.3.6.1.2.1.25.3.3.1',
        columns: { 2: 'int', [dev]: 'int' },
        index: [dev],
        rows: [{ [dev]: 3, 2: 7 }],
      },
      {
        name: 'hrSWRunTable',
        entry: '1.3.6.1.2.1.25.4.2.1',
        columns: { 1: 'int', 2: 'str' },
        index: [1],
        rows: ['System', 'explorer.exe', 'msedge.exe', 'snmp.exe'].map((n, i) => ({ 1: 100 + i, 2: n })),
      },
      {
        name: 'hrSWInstalledTable',
        entry: '1.3.6.1.2.1.25.6.3.1',
        columns: { 1: 'int', 2: 'str' },
        index: [1],
        rows: ['Microsoft Edge', 'WPS Office', '政务服务客户端'].map((n, i) => ({ 1: i + 1, 2: n })),
      },
    ],
  };
}
