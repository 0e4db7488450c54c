import { Transform, type TransformCallback } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/**
 * COPY … TO STDOUT (text format) of a single text column: one line per row, with backslash,
 * newline, tab and carriage return escaped. This undoes the escaping and emits each row's text.
 */
export function unescapeCopyText(field: string): string {
  if (!field.includes("\\")) return field;
  return field.replace(/\\(.)/g, (_, char: string) => (char === "n" ? "\n" : char === "t" ? "\t" : char === "r" ? "\r" : char === "b" ? "\b" : char === "f" ? "\f" : char === "v" ? "\v" : char));
}

/** Splits a COPY text stream into rows (object mode out); a row may span chunk boundaries. */
export function copyLines(): Transform {
  let rest = "";
  // A chunk may end inside a multi-byte character; the decoder holds it back until the next one.
  const decoder = new StringDecoder("utf8");
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const text = rest + decoder.write(chunk);
      const lines = text.split("\n");
      rest = lines.pop()!;
      for (const line of lines) this.push(unescapeCopyText(line));
      callback();
    },
    flush(callback) {
      rest += decoder.end();
      if (rest) this.push(unescapeCopyText(rest));
      callback();
    },
  });
}
