// Расписание: one class or group's week on a date (weekday × lesson), a cell opens its editor
// (a change takes effect from a date); the year's lessons are generated from here, and the
// whole timetable can be loaded from a CSV/XLSX file with a checked preview. Below the week:
// the chosen class's lessons of the date with their one-off changes, and the year's bells.
import { useState } from 'react';
import { schoolDate } from '../../src-shared/dates';
import type { TimetableEntryView } from '../../src-shared/rpc/timetable';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { ResourceState, SelectField, useResource } from '../admin/ui';
import { BellsEditor } from './timetable/BellsEditor';
import { EntryEditor } from './timetable/EntryEditor';
import { GeneratePanel } from './timetable/GeneratePanel';
import { ImportPanel } from './timetable/ImportPanel';
import { OneOffPanel } from './timetable/OneOffPanel';
import { groupSubjects, teacherFor } from './timetable/oneoff';
import { groupsOf, subjectsOf, weekGrid, WEEKDAYS } from './timetable/model';

export function TimetableTab() {
  const { t } = useI18n();
  const [date, setDate] = useState(() => schoolDate(new Date()));
  const [groupId, setGroupId] = useState<number | null>(null);
  const [editing, setEditing] = useState<{ weekday: number; slot: number } | null>(null);
  const tt = useResource(() => invoke('timetable.get', { date }), `tt-${date}`);
  const entries = tt.data?.entries ?? [];
  const groups = groupsOf(entries);
  const group = groupId ?? groups[0]?.id ?? null;
  const grid = group === null ? null : weekGrid(entries, group);

  return (
    <div className="year-timetable" data-testid="timetable">
      <div className="form-row">
        <div className="field">
          <label htmlFor="tt-date">{t('timetable.date')}</label>
          <input id="tt-date" type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} data-testid="tt-date" />
        </div>
        {groups.length > 0 && (
          <SelectField
            label={t('timetable.group')}
            value={String(group)}
            onChange={(v) => setGroupId(Number(v))}
            options={groups.map((g) => ({ value: String(g.id), label: g.label }))}
            data-testid="tt-group"
          />
        )}
      </div>
      <ResourceState resource={tt} />
      {tt.data && entries.length === 0 && <p className="muted">{t('timetable.noEntries')}</p>}
      {grid && (
        <table className="grid tt-grid" data-testid="tt-grid">
          <thead>
            <tr>
              <th scope="col">{t('timetable.slot')}</th>
              {WEEKDAYS.map((d) => (
                <th key={d} scope="col">
                  {t(`timetable.weekday.${d}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.slots.map((slot) => (
              <tr key={slot}>
                <th scope="row">{slot}</th>
                {WEEKDAYS.map((d) => (
                  <Cell key={d} entry={grid.cell.get(`${d}/${slot}`)} onOpen={() => setEditing({ weekday: d, slot })} testId={`tt-cell-${d}-${slot}`} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && group !== null && (
        <EntryEditor
          groupId={group}
          weekday={editing.weekday}
          slot={editing.slot}
          date={date}
          entry={grid?.cell.get(`${editing.weekday}/${editing.slot}`) ?? null}
          subjects={subjectsOf(entries)}
          teachers={tt.data?.teachers ?? []}
          onDone={() => {
            setEditing(null);
            void tt.reload();
          }}
        />
      )}
      {group !== null && tt.data && (
        <OneOffPanel
          key={`${group}-${date}`}
          groupId={group}
          groupLabel={groups.find((g) => g.id === group)?.label ?? ''}
          date={date}
          subjects={groupSubjects(entries, group)}
          teachers={tt.data.teachers}
          teacherOf={(subjectId) => teacherFor(entries, group, subjectId)}
          bellSlots={tt.data.bells.map((b) => b.slot)}
          onChanged={() => void tt.reload()}
        />
      )}
      {tt.data?.yearId && <BellsEditor key={tt.data.yearId} yearId={tt.data.yearId} bells={tt.data.bells} onSaved={() => void tt.reload()} />}
      {tt.data?.yearId && <GeneratePanel yearId={tt.data.yearId} />}
      <ImportPanel onImported={() => void tt.reload()} />
    </div>
  );
}

function Cell({ entry, onOpen, testId }: { entry: TimetableEntryView | undefined; onOpen(): void; testId: string }) {
  const { t } = useI18n();
  return (
    <td className="tt-cell">
      <button type="button" className="link-button" onClick={onOpen} data-testid={testId}>
        {entry ? (
          <>
            <span className="strong">{entry.subjectName}</span>
            <br />
            <span className="muted">
              {entry.teacherName}
              {entry.room ? `, ${t('timetable.room', { room: entry.room })}` : ''}
            </span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </button>
    </td>
  );
}
