/**
 * The small part of the CommonJS `pdfmake` (0.3) server API zoneops uses, typed. Only
 * src/report/render-pdf.ts imports the library.
 */
declare module 'pdfmake' {
  type FontSource = string | [string, string];
  interface FontFaces {
    normal: FontSource;
    bold: FontSource;
    italics: FontSource;
    bolditalics: FontSource;
  }
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    setFonts(fonts: Record<string, FontFaces>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(definition: Record<string, unknown>): OutputDocument;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
