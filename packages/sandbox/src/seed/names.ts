/**
 * Word pools for seeded records. Strings are reused (not rebuilt) wherever a value repeats, which
 * keeps a 100k-company sandbox small in memory.
 */
import { int, pick, type Rng } from '../random.ts';

const words = (text: string): readonly string[] => Object.freeze(text.split(' '));
const phrases = (text: string): readonly string[] => Object.freeze(text.split('|'));

const PREFIXES = words(
  'Bright North Blue Silver Iron Clear Swift Green Red Oak Stone Cloud Sun River Peak True Bold Nova Polar Quantum Vertex Amber Cedar Coral Delta Echo Falcon Granite Harbor Indigo Jade Kite Lumen Maple Nimbus Orbit Pine Quill Rapid Sage Tidal Umber Vivid Willow Zenith Atlas',
);
const SUFFIXES = words(
  'wave path forge works field stack point line gate bridge scale leaf mark shift spring craft loop base hub flow sight logic core view',
);
const KINDS = [
  '',
  '',
  '',
  ' Labs',
  ' Systems',
  ' Analytics',
  ' Software',
  ' Health',
  ' Logistics',
  ' Media',
  ' Group',
];
const TLDS = words('com com com io co net ai dev');

export const FIRST_NAMES = words(
  'Ada Ben Chloe Daniel Elena Farid Grace Hiro Ines Jonas Kara Liam Maya Noah Olga Pablo Quinn Rosa Sami Tara Umar Vera Wes Xena Yusuf Zoe Amir Bea Carlos Dana Emil Fiona Gus Hana Ivan Jade Kofi Lena Marco',
);
export const LAST_NAMES = words(
  'Smith Garcia Nguyen Okafor Kowalski Rossi Tanaka Schmidt Dubois Silva Kim Patel Haddad Novak Jensen Moreau Costa Ivanova Murphy Lindqvist Mensah Ortiz Brown Cohen Fischer Hughes Lopez Meyer Park Reyes Sato Weber Yilmaz',
);
export const JOB_TITLES = [
  ...phrases(
    'CEO|CTO|Head of Operations|Support Lead|Account Manager|Engineer|Product Manager|Finance Director|Office Manager|Customer Success Manager',
  ),
  null,
];
export const INDUSTRIES = words(
  'COMPUTER_SOFTWARE HOSPITAL_HEALTH_CARE LOGISTICS_AND_SUPPLY_CHAIN FINANCIAL_SERVICES RETAIL MARKETING_AND_ADVERTISING EDUCATION_MANAGEMENT CONSTRUCTION',
);
export const CITIES = words('Berlin Boston Lisbon Toronto Austin Dublin Paris Sydney Madrid');
export const FREE_MAIL = words('gmail.com outlook.com yahoo.com proton.me');

export const TICKET_SUBJECTS = phrases(
  'Cannot log in after password reset|Invoice shows the wrong amount|Export to CSV times out|How do I add a new user?|Integration stopped syncing|Feature request: dark mode|Dashboard loads slowly|Question about our renewal|API returns 500 on upload|Need a copy of our contract|Emails are not being delivered|SSO configuration help|Data missing from last week report|Upgrade our plan|Mobile app crashes on start|Change the billing contact',
);
export const TICKET_DESCRIPTIONS = phrases(
  'Hi team, we ran into this today and it blocks part of our work. Could you take a look?|Hello, following up on our call: details below. Thanks in advance.|This started after the last update. Steps to reproduce are attached.|Quick question from our side, no rush.',
);
export const SURVEY_COMMENTS = phrases(
  'Great product, the support team is fast.|Setup took longer than expected.|Love the new dashboard.|Pricing is a bit high for what we use.|Reports are exactly what we needed.|Too many clicks for simple tasks.|Support solved my issue in minutes.|The integration keeps breaking.',
);
export const RATING_COMMENTS = phrases(
  'Thanks, quick and helpful!|Solved on the first reply.|Took too long.|Still not fixed.',
);
export const RATING_REASONS = phrases(
  "The issue took too long to resolve|The issue was not resolved|The agent's knowledge is unsatisfactory",
);
export const HS_TICKET_SUBJECTS = phrases(
  'Onboarding call request|Billing question|Renewal paperwork|Access for a new admin|Training session',
);

const TAG_SETS: readonly (readonly string[])[] = [
  Object.freeze([]),
  Object.freeze(['billing']),
  Object.freeze(['bug']),
  Object.freeze(['how_to']),
  Object.freeze(['vip']),
  Object.freeze(['bug', 'vip']),
  Object.freeze(['feature_request']),
];
export function tagsFor(rng: Rng): readonly string[] {
  return pick(rng, TAG_SETS);
}

export function companyName(rng: Rng): string {
  return `${pick(rng, PREFIXES)}${pick(rng, SUFFIXES)}${pick(rng, KINDS)}`;
}

/** `brightwave.io` from `Brightwave Labs`; `taken` makes it unique. */
export function domainFor(rng: Rng, name: string, taken: Set<string>): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const tld = pick(rng, TLDS);
  let domain = `${slug}.${tld}`;
  for (let n = 2; taken.has(domain); n++) domain = `${slug}${n}.${tld}`;
  taken.add(domain);
  return domain;
}

export function personName(rng: Rng): { first: string; last: string } {
  return { first: pick(rng, FIRST_NAMES), last: pick(rng, LAST_NAMES) };
}

export function emailLocal(first: string, last: string, rng: Rng): string {
  const style = int(rng, 0, 3);
  const f = first.toLowerCase();
  const l = last.toLowerCase();
  if (style === 0) return `${f}.${l}`;
  if (style === 1) return `${f[0]}${l}`;
  if (style === 2) return `${f}`;
  return `${f}.${l}${int(rng, 2, 99)}`;
}
