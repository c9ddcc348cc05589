/**
 * The small part of the CommonJS `ipp` package (v1.1.0) that zoneops uses, typed. Only
 * src/probes/ipp/request.ts imports it: its serializer builds the Get-Printer-Attributes request and
 * its status-code table names IPP status codes; the demo's printer (src/demo/ipp-printer.ts) serializes its
 * answers with it. Its parser and HTTP client are not used (codec.ts and transport.ts say why).
 */
declare module 'ipp' {
  interface IppRequestMessage {
    version: '1.0' | '1.1' | '2.0' | '2.1' | '2.2';
    operation: string;
    id: number;
    'operation-attributes-tag': Record<string, string | number | boolean | string[]>;
  }
  interface IppResponseMessage {
    version: '1.1' | '2.0';
    statusCode: string;
    id: number;
    'operation-attributes-tag': Record<string, string>;
    'printer-attributes-tag': Record<string, string | number | boolean | string[]>;
  }
  const ipp: {
    serialize(message: IppRequestMessage | IppResponseMessage): Buffer;
    readonly statusCodes: { readonly lookup: ReadonlyArray<string | undefined> };
  };
  export default ipp;
}
