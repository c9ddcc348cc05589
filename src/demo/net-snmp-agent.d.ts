/**
 * The agent part of `net-snmp` that the demo uses, typed (merges with src/probes/snmp/net-snmp.d.ts,
 * which types the manager side).
 */
declare module 'net-snmp' {
  export interface MibColumn {
    number: number;
    name: string;
    type: number;
    maxAccess: number;
  }
  export interface MibProvider {
    name: string;
    type: number;
    oid: string;
    scalarType?: number;
    maxAccess: number;
    tableColumns?: MibColumn[];
    tableIndex?: Array<{ columnName: string }>;
  }
  export interface Mib {
    registerProvider(p: MibProvider): void;
    setScalarValue(name: string, value: unknown): void;
    addTableRow(name: string, row: unknown[]): void;
    deleteTableRow(name: string, rowIndex: unknown[]): void;
    setTableSingleCell(name: string, column: number, rowIndex: unknown[], value: unknown): void;
  }
  export interface AgentAuthorizer {
    addCommunity(community: string): void;
  }
  export interface Agent {
    getMib(): Mib;
    getAuthorizer(): AgentAuthorizer;
    close(cb?: () => void): void;
  }
  export function createAgent(
    options: { port: number; address: string; transport?: 'udp4'; disableAuthorization?: boolean },
    cb: (error: Error | null, data: unknown) => void,
  ): Agent;
  export const MibProviderType: { Scalar: number; Table: number };
  export const MaxAccess: Record<'not-accessible' | 'read-only', number>;
}
