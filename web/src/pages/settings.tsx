/**
 * Settings (admin keys): one card a concern, each in its own file under settings/.
 */
import { Empty } from '../components/ui.tsx';
import { useSession } from '../context.tsx';
import { useI18n } from '../i18n.tsx';
import { DamagedSuffixSetting } from './damaged-suffix-setting.tsx';
import { ApiKeys } from './settings/api-keys.tsx';
import { Channels } from './settings/channels.tsx';
import { EventDays } from './settings/event-days.tsx';
import { Regions } from './settings/regions.tsx';
import { Routing } from './settings/routing.tsx';
import { Shop } from './settings/shop.tsx';
import { Warehouses } from './settings/warehouses.tsx';
import { Webhooks } from './settings/webhooks.tsx';

export function SettingsPage() {
  const { can } = useSession();
  const m = useI18n().t.settings;
  if (!can('admin')) {
    return <Empty title={m.adminOnlyTitle}>{m.adminOnlyBody}</Empty>;
  }
  return (
    <>
      <h1>{m.title}</h1>
      <Shop />
      <DamagedSuffixSetting />
      <Routing />
      <EventDays />
      <Warehouses />
      <Regions />
      <Channels />
      <Webhooks />
      <ApiKeys />
    </>
  );
}
