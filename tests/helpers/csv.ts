/**
 * A small, strict RFC 4180 parser (CRLF or LF line ends), independent of the export code it
 * checks: it throws on what a spreadsheet would misread (a bare CR, a quote inside an
 * unquoted field, junk after a closing quote, an unterminated quote).
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let started = false;
  for (let i = 0; i < text.length;) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
        if (i < text.length && !",\r\n".includes(text[i])) throw new Error(`junk after closing quote at ${i}`);
      } else {
        cell += ch;
        i++;
      }
    } else if (ch === '"') {
      if (started) throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = started = true;
      i++;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
      started = false;
      i++;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] !== "\n") throw new Error(`bare CR outside quotes at ${i}`);
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      started = false;
      i += ch === "\r" ? 2 : 1;
    } else {
      cell += ch;
      started = true;
      i++;
    }
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (started || row.length) rows.push([...row, cell]);
  return rows;
}
