import { hubspot } from '@hubspot/ui-extensions';
import { ContactSuccessCard } from './components/ContactSuccessCard.tsx';

hubspot.extend<'crm.record.tab'>(({ context }) => (
  <ContactSuccessCard context={context} fetch={hubspot.fetch} variant="tab" />
));
