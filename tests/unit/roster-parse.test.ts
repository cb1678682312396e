// Roster files: CSV dialects and encodings, XLSX parts, header aliases and value parsers.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  isDocumentHeader,
  looksLikePassport,
  mapHeader,
  parseClassName,
  parseDate,
  parseRoles,
  type RosterKind,
} from '../../src-main/services/roster/columns';
import { CsvError, decodeText, detectDelimiter, parseCsv } from '../../src-main/services/roster/csv';
import { cellText, type Table } from '../../src-main/services/roster/table';
import { excelSerialToDate, isDateFormatCode, readXlsx, unescapeXml, XlsxError } from '../../src-main/services/roster/xlsx';
import { cp1251, writeXlsx } from '../helpers/xlsx';

const texts = (t: Table) => t.rows.map((r) => [r.line, ...r.cells.map(cellText)]);

describe('CSV text decoding', () => {
  const ru = 'Фамилия;Имя\nЁлкина;Алёна\n';
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(ru)]))).toBe(ru);
    expect(decodeText(new TextEncoder().encode(ru))).toBe(ru);
  });
  it('falls back to Windows-1251 when the bytes are not UTF-8', () => {
    expect(decodeText(cp1251(ru))).toBe(ru);
  });
  it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
    const b = Buffer.from(`\uFEFF${ru}`, 'utf16le');
    expect(decodeText(b)).toBe(ru);
  });
});

describe('CSV parsing', () => {
  it('detects ";", "," and tab from the first record, ignoring quoted text', () => {
    expect(detectDelimiter('a;b;c\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('a,b,c\n1;2')).toBe(',');
    expect(detectDelimiter('"x;y;z",b,c\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('single')).toBe(';');
  });

  it('handles quoted delimiters, doubled quotes and line breaks inside quotes', () => {
    const t = parseCsv('Код;ФИО;Примечание\r\n1;"Иванов; Иван";"он сказал ""да"""\r\n2;"Петров\r\nПётр";\r\n');
    expect(texts(t)).toEqual([
      [1, 'Код', 'ФИО', 'Примечание'],
      [2, '1', 'Иванов; Иван', 'он сказал "да"'],
      [3, '2', 'Петров\r\nПётр', ''],
    ]);
  });

  it('numbers rows as a spreadsheet does: blank rows count, a quoted line break stays in its row', () => {
    const t = parseCsv('h1,h2\n\n"a\nb",1\n  ,  \nc,2\rd,3');
    expect(t.rows.map((r) => r.line)).toEqual([1, 3, 5, 6]);
    expect(texts(t)[1]).toEqual([3, 'a\nb', '1']);
  });

  it('strips a BOM, keeps empty trailing fields and text after a closing quote', () => {
    expect(texts(parseCsv('\uFEFFa,b,\n"x"y,,'))).toEqual([
      [1, 'a', 'b', ''],
      [2, 'xy', '', ''],
    ]);
  });

  it("follows Excel's sep= hint line, which is not a row", () => {
    expect(texts(parseCsv('sep=,\r\nКод,Имя;Фамилия\r\n1,Анна;Ли'))).toEqual([
      [1, 'Код', 'Имя;Фамилия'],
      [2, '1', 'Анна;Ли'],
    ]);
  });

  it('reports an unclosed quote with the row where it starts', () => {
    expect(() => parseCsv('a;b\n1;2\n3;"oops\n4;5')).toThrow(CsvError);
    try {
      parseCsv('a;b\n1;2\n3;"oops\n4;5');
    } catch (e) {
      expect((e as CsvError).line).toBe(3);
    }
  });
});

describe('XLSX reading', () => {
  it('reads inline strings, numbers and date-formatted serials from a workbook', () => {
    const t = readXlsx(
      writeXlsx([
        ['Код', 'Фамилия', 'Дата рождения', 'С'],
        [1001, 'Смирнова & <Ко>', { date: '2015-03-12' }, { date: '2026-09-01', format: 'custom' }],
        [null, 'Без кода', null, 45658],
      ]),
    );
    expect(texts(t)).toEqual([
      [1, 'Код', 'Фамилия', 'Дата рождения', 'С'],
      [2, '1001', 'Смирнова & <Ко>', '2015-03-12', '2026-09-01'],
      [3, '', 'Без кода', '', '45658'],
    ]);
    expect(t.rows[1]!.cells[0]).toEqual({ num: 1001, text: '1001' });
    expect(t.rows[2]!.cells[3]).toEqual({ num: 45658, text: '45658' });
  });

  it('reads shared strings and keeps the sheet row numbers (empty rows skipped)', () => {
    const t = readXlsx(
      writeXlsx([['Список класса'], [], ['Код', 'Имя'], ['a1', 'Анна'], ['a2', 'Анна']], { sharedStrings: true, firstRow: 1 }),
    );
    expect(texts(t)).toEqual([
      [1, 'Список класса'],
      [3, 'Код', 'Имя'],
      [4, 'a1', 'Анна'],
      [5, 'a2', 'Анна'],
    ]);
  });

  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  /** A hand-written workbook in the shapes other writers produce (prefixes, rich text, two sheets). */
  function oddWorkbook(withShared: boolean): Uint8Array {
    const files: Record<string, Uint8Array> = {
      '_rels/.rels': strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${rel}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
      ),
      'xl/workbook.xml': strToU8(
        `<x:workbook xmlns:x="${ns}" xmlns:r="${rel}"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="Скрытый" sheetId="1" state="hidden" r:id="rA"/><x:sheet name="Ученики" sheetId="2" r:id="rB"/></x:sheets></x:workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rA" Type="${rel}/worksheet" Target="worksheets/hidden.xml"/><Relationship Id="rB" Type="${rel}/worksheet" Target="/xl/worksheets/pupils.xml"/>${
          withShared ? `<Relationship Id="rS" Type="${rel}/sharedStrings" Target="strings.xml"/>` : ''
        }<Relationship Id="rT" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
      ),
      'xl/styles.xml': strToU8(`<styleSheet xmlns="${ns}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`),
      'xl/worksheets/hidden.xml': strToU8(
        `<worksheet xmlns="${ns}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>secret</t></is></c></row></sheetData></worksheet>`,
      ),
      'xl/worksheets/pupils.xml': strToU8(
        `<x:worksheet xmlns:x="${ns}"><x:sheetData>` +
          `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c><x:c r="D1" t="str"><x:f>1+1</x:f><x:v>formula &amp; co</x:v></x:c></x:row>` +
          `<x:row r="2"><x:c r="A2" s="1"><x:v>0</x:v></x:c><x:c r="B2" t="b"><x:v>1</x:v></x:c><x:c r="C2"><x:v>1.5E+3</x:v></x:c><x:c r="D2" t="inlineStr"><x:is><x:r><x:t>Пётр</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve"> Ильич</x:t></x:r></x:is></x:c></x:row>` +
          `</x:sheetData></x:worksheet>`,
      ),
    };
    if (withShared)
      files['xl/strings.xml'] = strToU8(
        `<sst xmlns="${ns}"><si><r><t>Фами</t></r><r><t>лия</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t>Line_x000D_break&#1025;</t></si></sst>`,
      );
    return zipSync(files);
  }

  it('follows relationships to the first visible sheet; reads prefixes, rich text, formulas, 1904 dates', () => {
    expect(texts(readXlsx(oddWorkbook(true)))).toEqual([
      [1, 'Фамилия', '', 'Line\rbreakЁ', 'formula & co'],
      [2, '1904-01-01', 'TRUE', '1500', 'Пётр Ильич'],
    ]);
  });

  it('survives a missing sharedStrings part', () => {
    expect(texts(readXlsx(oddWorkbook(false)))[0]).toEqual([1, '', '', '', 'formula & co']);
  });

  it('refuses a broken zip with its own error', () => {
    const bytes = writeXlsx([['a']]).slice(0, 60);
    expect(() => readXlsx(bytes)).toThrow(XlsxError);
  });

  it('converts Excel serials and recognises date formats', () => {
    expect(excelSerialToDate(45658)).toBe('2025-01-01');
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(42005.75)).toBe('2015-01-01');
    expect(excelSerialToDate(0, true)).toBe('1904-01-01');
    expect(excelSerialToDate(-3)).toBeNull();
    expect(isDateFormatCode('dd\\.mm\\.yyyy;@')).toBe(true);
    expect(isDateFormatCode('[$-419]d mmmm yyyy')).toBe(true);
    expect(isDateFormatCode('# ##0,00 "руб"')).toBe(false);
    expect(isDateFormatCode('General')).toBe(false);
    expect(unescapeXml('&lt;a&gt; &amp;amp; &#x41;&#66; &quot;&apos;')).toBe('<a> &amp; AB "\'');
  });
});

describe('roster columns', () => {
  const table = (...rows: string[][]): Table => ({ rows: rows.map((cells, i) => ({ line: i + 1, cells })) });
  const header = (kind: RosterKind, ...rows: string[][]) => mapHeader(kind, table(...rows));

  it('maps Russian and English headers, with hints in brackets and any case', () => {
    const ru = header('pupils', [
      'Внешний код',
      'Фамилия',
      'Имя',
      'Отчество',
      'Дата рождения (ДД.ММ.ГГГГ)',
      'КЛАСС',
      'Дата зачисления',
      'UID',
      'Телефон',
    ]);
    expect(ru.problems).toEqual([]);
    expect(ru.header!.columns).toEqual({
      externalId: 0,
      surname: 1,
      name: 2,
      patronymic: 3,
      birthDate: 4,
      className: 5,
      fromDate: 6,
      uid: 7,
    });
    const en = header('guardians', ['external_id', 'surname', 'name', 'pupil_external_id', 'Relation']);
    expect(en.problems).toEqual([]);
    expect(en.header!.columns).toEqual({ externalId: 0, surname: 1, name: 2, pupilExternalId: 3, relation: 4 });
    const staff = header('staff', ['ID', 'ФИО', 'Логин', 'Роли']);
    expect(staff.header!.columns).toEqual({ externalId: 0, fullName: 1, login: 2, roles: 3 });
  });

  it('finds the header under a title row', () => {
    const r = header('pupils', ['Список учеников на 01.09.2026'], ['Код', 'Фамилия', 'Имя', 'Класс'], ['1', 'А', 'Б', '5А']);
    expect(r.header!.line).toBe(2);
    expect(r.problems).toEqual([]);
  });

  it('names missing required columns and columns that mean the same', () => {
    const r = header('pupils', ['Фамилия', 'Имя', 'name']);
    expect(r.missingColumns).toBe(true);
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(/Внешний код, Класс/);
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(/«Имя» и «name»/);
    expect(header('staff', ['Код', 'Фамилия', 'Имя', 'Логин']).problems[0]!.message).toMatch(/Роли/);
  });

  it('refuses passport and document columns', () => {
    for (const h of ['Паспорт', 'Серия', 'Номер документа', 'Passport No', 'Кем выдан', 'Серия и номер паспорта'])
      expect(isDocumentHeader(h)).toBe(true);
    for (const h of ['Фамилия', 'Класс', 'UID', 'Телефон']) expect(isDocumentHeader(h)).toBe(false);
    const r = header('pupils', ['Код', 'Фамилия', 'Имя', 'Класс', 'Паспорт (серия, номер)']);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/паспортные данные .* не хранятся/);
    expect(looksLikePassport('4510 123456')).toBe(true);
    expect(looksLikePassport('45 10 № 123456')).toBe(true);
    expect(looksLikePassport('паспорт РФ')).toBe(true);
    expect(looksLikePassport('4510123456')).toBe(false);
    expect(looksLikePassport('+7 921 123-45-67')).toBe(false);
  });

  it('parses dates in Russian and ISO forms, and spreadsheet serials', () => {
    expect(parseDate('12.03.2015')).toBe('2015-03-12');
    expect(parseDate('1.9.2026')).toBe('2026-09-01');
    expect(parseDate('2015-03-12')).toBe('2015-03-12');
    expect(parseDate('2015-03-12T00:00:00')).toBe('2015-03-12');
    expect(parseDate({ num: 45658, text: '45658' })).toBe('2025-01-01');
    expect(parseDate('')).toBeUndefined();
    expect(parseDate(undefined)).toBeUndefined();
    expect(parseDate('31.02.2015')).toBeNull();
    expect(parseDate('12.03.15')).toBeNull();
    expect(parseDate('март 2015')).toBeNull();
  });

  it('parses class names with spaces, dashes, lower case and Latin look-alikes', () => {
    expect(parseClassName('5А')).toEqual({ grade: 5, letter: 'А' });
    expect(parseClassName('5 а')).toEqual({ grade: 5, letter: 'А' });
    expect(parseClassName('11-Б')).toEqual({ grade: 11, letter: 'Б' });
    expect(parseClassName('6B')).toEqual({ grade: 6, letter: 'В' });
    expect(parseClassName('12А')).toBeNull();
    expect(parseClassName('5АБ')).toBeNull();
    expect(parseClassName('пятый')).toBeNull();
  });

  it('parses roles by Russian name or code, and returns unknown words', () => {
    expect(parseRoles('учитель, Классный руководитель')).toEqual({ roles: ['teacher', 'classTeacher'], unknown: [] });
    expect(parseRoles('завуч; зам. директора по УВР')).toEqual({ roles: ['deputy'], unknown: [] });
    expect(parseRoles('administrator,director,supervisor,Контроль')).toEqual({
      roles: ['administrator', 'director', 'supervisor'],
      unknown: [],
    });
    expect(parseRoles('учитель, повар')).toEqual({ roles: ['teacher'], unknown: ['повар'] });
    expect(parseRoles('')).toEqual({ roles: [], unknown: [] });
  });
});
