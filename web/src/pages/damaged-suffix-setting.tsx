/**
 * Settings card: the code suffixes that name damaged units (with U, 351038U is damaged 351038).
 * The service checks the suffixes and refuses them while SKUs already end with one; the dialog
 * shows that refusal as it comes.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../context.tsx';
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
  return (
    <Card
      title="Damaged stock by SKU suffix"
      actions={
        <ActionDialog
          label="Edit"
          title="Damaged-stock suffixes"
          testId="action-damaged-suffix"
          disabled={!setting.data}
          onOpen={() => setting.data && setText(setting.data.suffixes.join(', '))}
          summary={() =>
            suffixes.length === 0
              ? 'Turn the rule off: codes ending in a suffix are ordinary SKUs.'
              : `Book codes ending in ${suffixes.join(' or ')} as damaged units of the SKU before the suffix (e.g. 351038${suffixes[0]} is damaged 351038). Orders for them are refused.`
          }
          onConfirm={() => api.put('/v1/settings/damaged-suffix', { body: { suffixes } })}
          onDone={() => void qc.invalidateQueries({ queryKey: ['settings', 'damaged-suffix'] })}
        >
          <Field label="Suffixes (empty: off)">
            <input
              value={text}
              onChange={(e) => setText(e.target.value.toUpperCase())}
              placeholder="U"
              aria-label="Suffixes"
            />
          </Field>
        </ActionDialog>
      }
    >
      <QueryView query={setting} what="the damaged-stock suffixes">
        {(s) => (
          <p data-testid="damaged-suffixes">
            {s.suffixes.length === 0 ? (
              <>Off: a code ending in U is an ordinary SKU.</>
            ) : (
              <>
                Codes ending in <strong>{s.suffixes.join(', ')}</strong> name damaged units of the SKU before
                the suffix.
              </>
            )}
          </p>
        )}
      </QueryView>
    </Card>
  );
}
