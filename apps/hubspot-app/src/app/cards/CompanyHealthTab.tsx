import { hubspot } from '@hubspot/ui-extensions';
import { CompanyHealthCard } from './components/CompanyHealthCard.tsx';

hubspot.extend<'crm.record.tab'>(({ context }) => (
  <CompanyHealthCard context={context} fetch={hubspot.fetch} variant="tab" />
));
