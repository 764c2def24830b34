import { describe, expect, it } from 'vitest';
import { licenseUtilization, renewalRate, ticketsPerAccount } from './account-ratios.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('account ratios', () => {
  it('renewalRate is renewed / up for renewal x 100', () => {
    // 45 / 50 x 100 = 90
    expect(renewalRate({ renewed: 45, upForRenewal: 50 })).toBe(90);
    expect(renewalRate({ renewed: 0, upForRenewal: 0 })).toBeNull();
    expect(() => renewalRate({ renewed: 51, upForRenewal: 50 })).toThrow(inputError('renewed'));
  });

  it('licenseUtilization is active users / seats x 100, and may pass 100', () => {
    // 42 / 50 x 100 = 84; 60 / 50 x 100 = 120
    expect(licenseUtilization({ activeUsers: 42, licensedSeats: 50 })).toBe(84);
    expect(licenseUtilization({ activeUsers: 60, licensedSeats: 50 })).toBe(120);
    expect(licenseUtilization({ activeUsers: 3, licensedSeats: 0 })).toBeNull();
    expect(() => licenseUtilization({ activeUsers: 1.5, licensedSeats: 2 })).toThrow(
      inputError('activeUsers'),
    );
  });

  it('ticketsPerAccount is tickets / accounts', () => {
    // 90 / 60 = 1.5
    expect(ticketsPerAccount({ tickets: 90, accounts: 60 })).toBe(1.5);
    expect(ticketsPerAccount({ tickets: 0, accounts: 0 })).toBeNull();
  });
});
