/**
 * A small multipart/form-data reader for the hygiene form (text fields plus one optional photo), so the
 * page works from a phone without JavaScript and without another dependency. The body has already been
 * read with a size limit; parts beyond `maxParts` or with odd headers are refused, never guessed.
 */
interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

type Multipart =
  | { ok: true; fields: Map<string, string>; files: Map<string, FormPart> }
  | { ok: false; problem: string };

export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /^multipart\/form-data;.*\bboundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]) : undefined;
}

export function parseMultipart(body: Buffer, boundary: string, maxParts = 20): Multipart {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields = new Map<string, string>();
  const files = new Map<string, FormPart>();
  let pos = body.indexOf(delimiter);
  if (pos < 0) return { ok: false, problem: 'malformed form data (no boundary)' };
  let count = 0;
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    if (body.subarray(pos, pos + 2).toString() !== '\r\n')
      return { ok: false, problem: 'malformed form data' };
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) return { ok: false, problem: 'malformed form data (part headers)' };
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) return { ok: false, problem: 'malformed form data (unterminated part)' };
    if (++count > maxParts) return { ok: false, problem: 'too many form fields' };
    const data = body.subarray(headerEnd + 4, next);
    const disposition = /^content-disposition:\s*form-data;(.*)$/im.exec(headers);
    const name = disposition ? /\bname="([^"]{1,100})"/.exec(disposition[1] as string)?.[1] : undefined;
    if (!name) return { ok: false, problem: 'malformed form data (part without a name)' };
    const filename = /\bfilename="([^"]{0,500})"/.exec(disposition?.[1] ?? '')?.[1];
    const type = /^content-type:\s*([^\r\n]{1,100})$/im.exec(headers)?.[1]?.trim();
    if (filename !== undefined) {
      // An empty file input still sends a part with filename="" and no bytes: that is "no photo".
      if (data.length > 0) files.set(name, { name, filename, ...(type ? { contentType: type } : {}), data });
    } else {
      fields.set(name, data.toString('utf8'));
    }
    pos = next + 2;
  }
  return { ok: true, fields, files };
}
