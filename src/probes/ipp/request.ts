import ipp from 'ipp';

/**
 * Builds requests with the `ipp` package's serializer (the user's choice of library; it encodes this
 * request correctly, checked against ippeveprinter and ipptool's own request bytes in the tests).
 */

export type IppVersion = '2.0' | '1.1';

/** What we ask for: everything RFC 8011 calls "all" (printer-alert, marker-*, counters are in it). */
const requestedAttributes = ['all'];

export function getPrinterAttributesRequest(
  printerUri: string,
  requestId: number,
  version: IppVersion,
): Buffer {
  return ipp.serialize({
    version,
    operation: 'Get-Printer-Attributes',
    id: requestId,
    'operation-attributes-tag': {
      'attributes-charset': 'utf-8',
      'attributes-natural-language': 'en',
      'printer-uri': printerUri,
      'requesting-user-name': 'zoneops',
      'requested-attributes': requestedAttributes,
    },
  });
}

/** `server-error-version-not-supported (0x0503)`. */
export function describeStatus(code: number): string {
  const name = ipp.statusCodes.lookup[code];
  const hex = `0x${code.toString(16).padStart(4, '0')}`;
  return name === undefined ? hex : `${name} (${hex})`;
}

/** RFC 8011 §4.1.6: 0x0000–0x00ff are the successful status codes. */
export function isSuccess(code: number): boolean {
  return code <= 0x00ff;
}

export const VERSION_NOT_SUPPORTED = 0x0503;
