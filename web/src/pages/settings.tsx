/**
 * Settings (admin keys): one card a concern, each in its own file under settings/.
 */
import { Empty } from '../components/ui.tsx';
import { useSession } from '../context.tsx';
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
  if (!can('admin')) {
    return (
      <Empty title="Settings are for admin keys.">
        Sign in with an admin API key to manage warehouses, regions, channels, webhooks and keys.
      </Empty>
    );
  }
  return (
    <>
      <h1>Settings</h1>
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
