import { hubspot } from '@hubspot/ui-extensions';
import { DealHealthCard } from './components/DealHealthCard.tsx';

hubspot.extend<'crm.record.tab'>(({ context }) => (
  <DealHealthCard context={context} fetch={hubspot.fetch} variant="tab" />
));
