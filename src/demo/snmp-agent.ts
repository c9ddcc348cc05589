import { createAgent, MaxAccess, MibProviderType, ObjectType } from 'net-snmp';

/**
 * An in-process SNMP agent on 127.0.0.1 serving one simulated device from a profile (net-snmp's
 * Agent API). Values stay mutable, so the scripted day can make paper run out while it runs.
 */
type CellType = 'int' | 'str' | 'oid' | 'gauge' | 'counter' | 'ticks';

interface ScalarDef {
  name: string;
  /** The object's OID without the trailing `.0`. */
  oid: string;
  type: CellType;
  value: number | string | Buffer;
}

interface TableDef {
  name: string;
  /** The entry OID (…Table.1). */
  entry: string;
  /** Column numbers → type. Index columns are served as not-accessible, as the MIBs define them. */
  columns: Readonly<Record<number, CellType>>;
  /** Column numbers forming the row index, in order (an outer index such as hrDeviceIndex is a local column too). */
  index: readonly number[];
  rows: ReadonlyArray<Readonly<Record<number, number | string | Buffer>>>;
}

export interface SnmpProfile {
  scalars: readonly ScalarDef[];
  tables: readonly TableDef[];
}

const typeOf = (t: CellType): number =>
  ({
    int: ObjectType.Integer,
    str: ObjectType.OctetString,
    oid: ObjectType.OID,
    gauge: ObjectType.Gauge,
    counter: ObjectType.Counter,
    ticks: ObjectType.TimeTicks,
  })[t] as number;

export interface DemoSnmpAgent {
  readonly port: number;
  setScalar(name: string, value: number | string | Buffer): void;
  setCell(table: string, column: number, rowIndex: readonly number[], value: number | string | Buffer): void;
  addRow(table: string, row: Readonly<Record<number, number | string | Buffer>>): void;
  deleteRow(table: string, rowIndex: readonly number[]): void;
  close(): Promise<void>;
}

export async function startSnmpAgent(
  profile: SnmpProfile,
  opts: { port: number; community: string },
): Promise<DemoSnmpAgent> {
  let failed: Error | undefined;
  const agent = createAgent(
    { port: opts.port, address: '127.0.0.1', transport: 'udp4' },
    (err: Error | null) => {
      // Malformed packets from outside are reported here; the demo only remembers a bind failure.
      if (err && /EADDRINUSE|bind/i.test(err.message)) failed = err;
    },
  );
  agent.getAuthorizer().addCommunity(opts.community);
  const mib = agent.getMib();
  for (const s of profile.scalars) {
    mib.registerProvider({
      name: s.name,
      type: MibProviderType.Scalar,
      oid: s.oid,
      scalarType: typeOf(s.type),
      maxAccess: MaxAccess['read-only'],
    });
    mib.setScalarValue(s.name, s.value);
  }
  for (const t of profile.tables) {
    const numbers = Object.keys(t.columns)
      .map(Number)
      .sort((a, b) => a - b);
    mib.registerProvider({
      name: t.name,
      type: MibProviderType.Table,
      oid: t.entry,
      maxAccess: MaxAccess['not-accessible'],
      tableColumns: numbers.map((n) => ({
        number: n,
        name: `${t.name}-${n}`,
        type: typeOf(t.columns[n] as CellType),
        maxAccess: t.index.includes(n) ? MaxAccess['not-accessible'] : MaxAccess['read-only'],
      })),
      tableIndex: t.index.map((n) => ({ columnName: `${t.name}-${n}` })),
    });
    for (const row of t.rows)
      mib.addTableRow(
        t.name,
        numbers.map((n) => row[n] ?? 0),
      );
  }
  const columnsOf = new Map(
    profile.tables.map((t) => [
      t.name,
      Object.keys(t.columns)
        .map(Number)
        .sort((a, b) => a - b),
    ]),
  );
  await new Promise((r) => setTimeout(r, 50));
  if (failed) {
    agent.close();
    throw failed;
  }
  return {
    port: opts.port,
    setScalar: (name, value) => mib.setScalarValue(name, value),
    setCell: (table, column, rowIndex, value) => mib.setTableSingleCell(table, column, [...rowIndex], value),
    addRow: (table, row) =>
      mib.addTableRow(
        table,
        (columnsOf.get(table) ?? []).map((n) => row[n] ?? 0),
      ),
    deleteRow: (table, rowIndex) => mib.deleteTableRow(table, [...rowIndex]),
    close: () => new Promise<void>((resolve) => agent.close(() => resolve())),
  };
}
