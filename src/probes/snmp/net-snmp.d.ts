/**
 * The small part of the CommonJS `net-snmp` package that zoneops uses, typed. Only
 * src/probes/snmp/transport.ts and trap-receiver.ts import the library; everything else sees our types.
 */
declare module 'net-snmp' {
  export interface RawVarbind {
    oid: string;
    type: number;
    value: unknown;
  }
  export type ResponseCb<T> = (error: Error | null, result: T) => void;
  export interface Session {
    get(oids: string[], cb: ResponseCb<RawVarbind[]>): Session;
    getNext(oids: string[], cb: ResponseCb<RawVarbind[]>): Session;
    getBulk(
      oids: string[],
      nonRepeaters: number,
      maxRepetitions: number,
      cb: ResponseCb<Array<RawVarbind | RawVarbind[]>>,
    ): Session;
    close(): void;
    on(event: 'error', fn: (err: Error) => void): void;
  }
  export interface SessionOptions {
    port?: number;
    retries?: number;
    timeout?: number;
    backoff?: number;
    transport?: 'udp4' | 'udp6';
    version?: number;
    idBitsSize?: 16 | 32;
    backwardsGetNexts?: boolean;
    reportOidMismatchErrors?: boolean;
    /** SNMPv3 contextName. */
    context?: string;
  }
  export interface V3User {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  }
  export function createSession(target: string, community: string, options?: SessionOptions): Session;
  export function createV3Session(target: string, user: V3User, options?: SessionOptions): Session;

  export interface Authorizer {
    addCommunity(community: string): void;
  }
  export interface TrapNotification {
    pdu: { type: number; enterprise?: string; varbinds: RawVarbind[]; community?: string };
    rinfo: { address: string; port: number };
  }
  export interface Receiver {
    getAuthorizer(): Authorizer;
    close(cb?: () => void): void;
  }
  export function createReceiver(
    options: {
      port: number;
      address?: string;
      transport?: 'udp4';
      disableAuthorization?: boolean;
      includeAuthentication?: boolean;
    },
    cb: (error: Error | null, data: TrapNotification | undefined) => void,
  ): Receiver;

  export const Version1: number;
  export const Version2c: number;
  export const Version3: number;
  export const ObjectType: Record<string, number>;
  export const SecurityLevel: Record<'noAuthNoPriv' | 'authNoPriv' | 'authPriv', number>;
  export const AuthProtocols: Record<string, number>;
  export const PrivProtocols: Record<string, number>;
  export const ErrorStatus: Record<string, number>;
  export const ResponseInvalidCode: Record<string, number>;
  export class RequestTimedOutError extends Error {}
  export class RequestFailedError extends Error {
    status: number;
  }
  export class ResponseInvalidError extends Error {
    code: number;
  }
  export class RequestInvalidError extends Error {}

  const snmp: {
    createSession: typeof createSession;
    createV3Session: typeof createV3Session;
    createReceiver: typeof createReceiver;
    Version1: number;
    Version2c: number;
    Version3: number;
    ObjectType: Record<string, number>;
    SecurityLevel: Record<'noAuthNoPriv' | 'authNoPriv' | 'authPriv', number>;
    AuthProtocols: Record<string, number>;
    PrivProtocols: Record<string, number>;
    ErrorStatus: Record<string, number>;
    ResponseInvalidCode: Record<string, number>;
    RequestTimedOutError: typeof RequestTimedOutError;
    RequestFailedError: typeof RequestFailedError;
    ResponseInvalidError: typeof ResponseInvalidError;
  };
  export default snmp;
}
