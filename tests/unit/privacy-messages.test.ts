// The lesson panel's free-text warning in Russian (issue 9), held to sentences written out here.
import { describe, expect, it } from 'vitest';
import { translate } from '../../src-renderer/i18n';
import { privacyMessages } from '../../src-renderer/journal/privacy';
import type { PrivacyFinding } from '../../src-shared/rpc/journal';

const f = (field: PrivacyFinding['field'], kind: PrivacyFinding['kind'], who: PrivacyFinding['who'], text: string, fileId: number | null = null) => ({
  field,
  fileId,
  kind,
  who,
  text,
});

describe('privacyMessages', () => {
  const findings = [
    f('topic', 'surname', 'pupil', 'Иванову'),
    f('topic', 'name', 'guardian', 'Марии'),
    f('topic', 'patronymic', 'staff', 'Петровичу'),
    f('topic', 'surname', null, 'Сидорову'),
    f('homework', 'phone', null, '+7 (921) 555-12-34'),
    f('homework', 'email', null, 'a@b.ru'),
    f('homework', 'document', null, '40 12 345678'),
    f('homework', 'phone', null, '+7 (921) 555-12-34'),
    f('file', 'surname', 'pupil', 'Петровым', 7),
  ];
  it('names what was found, in Russian, once per sentence', () => {
    const t = translate('ru');
    expect(privacyMessages(findings, 'topic', [], t)).toEqual([
      'Похоже на фамилию ученика: Иванову',
      'Похоже на имя родителя: Марии',
      'Похоже на отчество сотрудника: Петровичу',
      'Похоже на фамилию человека из школы: Сидорову',
    ]);
    expect(privacyMessages(findings, 'homework', [], t)).toEqual([
      'Похоже на номер телефона: +7 (921) 555-12-34',
      'Похоже на адрес электронной почты: a@b.ru',
      'Похоже на номер документа: 40 12 345678',
    ]);
    expect(privacyMessages(findings, 'file', [{ id: 7, name: 'Петровым.pdf' }], t)).toEqual([
      'Файл «Петровым.pdf»: похоже на фамилию ученика: Петровым',
    ]);
  });
  it('has nothing to say about a clean field', () => {
    expect(privacyMessages(findings.slice(0, 1), 'homework', [], translate('ru'))).toEqual([]);
  });
});
