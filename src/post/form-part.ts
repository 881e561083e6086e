/** The file part as the client sent it (multer's copy may carry a stand-in filename). */
export type PostFilePart = {
  readonly fieldName: string;
  /** undefined when the part had no filename parameter (allowed: OSS finds the file by field name). */
  readonly filename: string | undefined;
  /** undefined for a text field used as the file, which carries no part Content-Type of its own. */
  readonly mimeType: string | undefined;
  readonly encoding: string;
};

export type SizeRange = { readonly min: number; readonly max: number };
