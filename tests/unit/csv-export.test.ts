/**
 * CSV cells and lines for the lead export (lib/console/csv.ts): RFC 4180 quoting,
 * spreadsheet formula injection, and Unicode kept exactly. The rows themselves (filters,
 * order, batches) are tested against a real database in tests/integration/console-export.test.ts,
 * their cells in tests/integration/readable-export.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine, fastCsvCell } from "@/lib/console/csv";
import { parseCsv } from "../helpers/csv";
import { BranchCounter } from "../helpers/narrow";

const DANGEROUS_FIRST = ["=", "+", "-", "@", "\t", "\r"];

describe("csvCell: empty values and types", () => {
  it("writes null and undefined as an empty field", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("writes a Date as ISO 8601 UTC, and an invalid Date as empty", () => {
    expect(csvCell(new Date("2026-03-04T05:06:07.089Z"))).toBe("2026-03-04T05:06:07.089Z");
    expect(csvCell(new Date("nope"))).toBe("");
  });

  it("writes numbers as they are, a negative number too (a number cannot hold a formula)", () => {
    expect(csvCell(42)).toBe("42");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(10n)).toBe("10");
    expect(csvCell(true)).toBe("true");
  });

  it("leaves plain text alone", () => {
    for (const text of ["Ada Lovelace", "", "a=b", "x-y+z", "ada@example.com"]) expect(csvCell(text)).toBe(text);
  });
});

describe("csvCell: RFC 4180 quoting", () => {
  it.each([
    ["a comma", "Lovelace, Ada", '"Lovelace, Ada"'],
    ["double quotes, doubled", 'say "hi"', '"say ""hi"""'],
    ["only a double quote", '"', '""""'],
    ["LF inside, kept", "line 1\nline 2", '"line 1\nline 2"'],
    ["CRLF inside, kept", "line 1\r\nline 2", '"line 1\r\nline 2"'],
    ["CR inside, kept", "a\rb", '"a\rb"'],
    // So that it survives a reader that trims.
    ["leading white space", " Ada", '" Ada"'],
    ["trailing white space", "Ada ", '"Ada "'],
    ["a leading no-break space", "\u00a0Ada", '"\u00a0Ada"'],
  ])("quotes a field with %s", (_what, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe("csvCell: formula injection", () => {
  it.each(DANGEROUS_FIRST.map((c) => [JSON.stringify(c), c]))("neutralises a value starting with %s by a leading apostrophe", (_label, c) => {
    const value = `${c}1+1`;
    const cell = csvCell(value);
    const parsed = parseCsv(`${cell}\r\n`)[0][0];
    expect(parsed).toBe(`'${value}`);
  });

  it.each(["=1+1", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "=cmd|' /C calc'!A0"])(
    "neutralises the classic payload %j with an apostrophe, exactly",
    (value) => {
      expect(csvCell(value)).toBe(`'${value}`);
    },
  );

  it("neutralises a payload that needs quoting too, inside the quotes", () => {
    expect(csvCell("\r=1+1")).toBe('"\'\r=1+1"');
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
  });

  it("also neutralises a formula behind leading white space, and the full-width signs", () => {
    expect(csvCell(" =1+1")).toBe("' =1+1");
    expect(csvCell("\n@x")).toBe('"\'\n@x"');
    expect(csvCell("\u3000=1+1")).toBe("'\u3000=1+1");
    for (const sign of ["＝", "＋", "－", "＠"]) expect(csvCell(`${sign}1`)).toBe(`'${sign}1`);
  });

  it("writes an E.164 phone number with the apostrophe too (documented trade-off)", () => {
    expect(csvCell("+14155550132")).toBe("'+14155550132");
  });

  it("property: no parsed cell ever starts like a formula, and removing one apostrophe gives the value back", () => {
    const branches = new BranchCounter("starts like a formula", "does not");
    const dangerousish = fc.stringMatching(/^[\t\r\n =+\-@,"'a＝]{0,4}[a-z0-9(),"=]{0,6}$/);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: "grapheme" }), dangerousish, fc.string({ unit: "binary" })), { minLength: 1, maxLength: 5 }),
        (values) => {
          const [row, ...rest] = parseCsv(csvLine(values));
          expect(rest).toEqual([]);
          expect(row).toHaveLength(values.length);
          row.forEach((cell, i) => {
            expect(cell).not.toMatch(/^[=+\-@\t\r]/);
            expect(cell).not.toMatch(/^\s+[=+\-@]/);
            const original = values[i];
            expect(cell === original || cell === `'${original}`).toBe(true);
            if (/^[=+\-@\t\r]/.test(original)) {
              branches.hit("starts like a formula");
              expect(cell).toBe(`'${original}`);
            } else branches.hit("does not");
          });
        },
      ),
      { numRuns: 200 },
    );
    expect(branches.missed()).toEqual([]);
  });
});

describe("fastCsvCell (the export's shortcut)", () => {
  it("gives exactly csvCell's cell for any value", () => {
    // No `u` flag on purpose: the emoji's halves are drawn apart, so lone surrogates are generated too.
    // eslint-disable-next-line no-misleading-character-class
    const edgy = fc.stringMatching(/^[\t\r\n \u00a0\u2028\u3000\ufeff=+\-@,"'a＝＋－＠😀]{0,3}[a-z0-9 ,"\u00a0\u2000]{0,4}[\t\r\n \u00a0\u3000a"]{0,2}$/);
    const value = fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), edgy, fc.constantFrom(null, undefined, 0, -1.5, 12n, ""));
    fc.assert(
      fc.property(value, (v) => {
        expect(fastCsvCell(v)).toBe(csvCell(v));
      }),
      { numRuns: 2000 },
    );
    const quoted = ["a,b", 'say "hi"', "x\n", " lead", "trail ", "\u00a0x", "x\u3000"];
    const formulas = ["=1", "-1", "@a", "+1", "＝1"];
    const plain = ["plain", "Zoë", "{}", '{"a":1}', "9", "'quoted'"];
    for (const v of [...quoted, ...formulas, ...plain]) expect(fastCsvCell(v), JSON.stringify(v)).toBe(csvCell(v));
  });
});

describe("csvCell: Unicode is kept exactly", () => {
  const samples = {
    "emoji with skin tone and ZWJ": "👩🏽‍💻 Zoë 🎉",
    CJK: "山田 太郎",
    Korean: "김민준",
    "RTL Arabic": "محمد علي",
    "RTL Hebrew with a mark": "\u200fדוד כהן",
    "combining diaeresis (NFD, not normalised)": "Zoe\u0308 Brontë",
    "astral plane": "𝒜𝒹𝒶 𐐷",
  };
  it.each(Object.entries(samples))("%s", (_label, value) => {
    const cell = csvCell(value);
    expect(cell).toBe(value);
    expect(cell.length).toBe(value.length);
    expect(parseCsv(csvLine(["x", value, "y"]))[0]).toEqual(["x", value, "y"]);
  });

  it("keeps Unicode inside quoted fields", () => {
    expect(csvCell("李, 小龙")).toBe('"李, 小龙"');
    expect(parseCsv(csvLine(['「引用」 "quoted" 🙂']))[0][0]).toBe('「引用」 "quoted" 🙂');
  });
});

describe("csvLine", () => {
  it("joins cells with commas and ends with CRLF", () => {
    expect(csvLine(["a", "b,c", null, "=x"])).toBe('a,"b,c",,\'=x\r\n');
  });
});
