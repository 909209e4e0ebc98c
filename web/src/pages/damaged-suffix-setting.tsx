/**
 * Settings card: the code suffixes that name damaged units (with U, 351038U is damaged 351038).
 * The service checks the suffixes and refuses them while SKUs already end with one; the dialog
 * shows that refusal as it comes.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../context.tsx';
import { useI18n } from '../i18n.tsx';
import { ActionDialog, Card, Field, QueryView } from '../components/ui.tsx';

/** "U, DMG" or "U DMG" into ["U", "DMG"]; the service judges what is valid. */
const parseSuffixes = (text: string) => text.split(/[\s,]+/).filter((s) => s !== '');

export function DamagedSuffixSetting() {
  const api = useApi();
  const qc = useQueryClient();
  const setting = useQuery({
    queryKey: ['settings', 'damaged-suffix'],
    queryFn: () => api.get('/v1/settings/damaged-suffix'),
  });
  const [text, setText] = useState('');
  const suffixes = parseSuffixes(text);
  const m = useI18n().t.damagedSuffix;
  return (
    <Card
      title={m.title}
      actions={
        <ActionDialog
          label={m.edit}
          title={m.dialogTitle}
          testId="action-damaged-suffix"
          disabled={!setting.data}
          onOpen={() => setting.data && setText(setting.data.suffixes.join(', '))}
          summary={() => (suffixes.length === 0 ? m.off : m.on(suffixes.join(m.or), suffixes[0]!))}
          onConfirm={() => api.put('/v1/settings/damaged-suffix', { body: { suffixes } })}
          onDone={() => void qc.invalidateQueries({ queryKey: ['settings', 'damaged-suffix'] })}
        >
          <Field label={m.field}>
            <input
              value={text}
              onChange={(e) => setText(e.target.value.toUpperCase())}
              placeholder="U"
              aria-label={m.suffixes}
            />
          </Field>
        </ActionDialog>
      }
    >
      <QueryView query={setting} what={m.what}>
        {(s) => (
          <p data-testid="damaged-suffixes">
            {s.suffixes.length === 0 ? (
              <>{m.nowOff}</>
            ) : (
              <>
                {m.nowOnBefore}
                <strong>{s.suffixes.join(', ')}</strong>
                {m.nowOnAfter}
              </>
            )}
          </p>
        )}
      </QueryView>
    </Card>
  );
}
