import {
  Alert,
  Flex,
  Heading,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { AccountCard } from '../lib/card-types.ts';
import type { Formatter } from '../lib/format.ts';
import { signalLabel } from '../lib/i18n.ts';
import type { Messages } from '../lib/messages-en.ts';
import { biggestLeverText, signalValue } from './HealthSummary.tsx';

/** Why the score is what it is: each component's contribution, and which one would raise it most. */
export function HealthDrivers({
  t,
  f,
  health,
}: {
  t: Messages;
  f: Formatter;
  health: AccountCard['health'];
}) {
  const lever = biggestLeverText(t, f, health);
  return (
    <Flex direction="column" gap="sm">
      <Heading>{t.whyTitle}</Heading>
      {lever ? (
        <Alert testId="health-lever" title={signalLabel(t, health.biggestLever!)} variant="tip">
          {lever}
        </Alert>
      ) : null}
      {health.components.length > 0 ? (
        <Table testId="health-components" bordered density="condensed">
          <TableHead>
            <TableRow>
              <TableHeader>{t.columns.signal}</TableHeader>
              <TableHeader align="right">{t.columns.measured}</TableHeader>
              <TableHeader align="right">{t.columns.score}</TableHeader>
              <TableHeader align="right">{t.columns.weight}</TableHeader>
              <TableHeader align="right">{t.columns.points}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {health.components.map((c) => (
              <TableRow key={c.key} testId={`health-component-${c.key}`}>
                <TableCell>{signalLabel(t, c.key)}</TableCell>
                <TableCell align="right">{signalValue(f, c.key, c.value)}</TableCell>
                <TableCell align="right">{f.number(c.score, 0)}</TableCell>
                <TableCell align="right">{f.percent(c.weight * 100)}</TableCell>
                <TableCell align="right">{f.number(c.contribution)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {health.missing.length > 0 ? (
        <Text testId="health-missing" variant="microcopy">
          {t.missing(health.missing.map((k) => signalLabel(t, k)).join(', '))}
        </Text>
      ) : null}
    </Flex>
  );
}
